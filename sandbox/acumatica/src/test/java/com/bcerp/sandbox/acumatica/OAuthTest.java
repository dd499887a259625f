package com.bcerp.sandbox.acumatica;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.sandbox.ManualClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuthTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T10:00:00Z"));
    private AcumaticaSandbox sandbox;
    private SandboxHttp http;
    private AcumaticaSandbox.Settings s;

    @BeforeEach
    void start() {
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults().withTokenLifetime(Duration.ofSeconds(60)), clock);
        http = new SandboxHttp(sandbox);
        s = sandbox.settings();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Map<String, String> passwordGrant(String scope) {
        Map<String, String> form = new HashMap<>(Map.of("grant_type", "password", "username", s.username(),
                "password", s.password(), "client_id", s.clientId(), "client_secret", s.clientSecret()));
        form.put("scope", scope);
        return form;
    }

    private Map<String, String> refreshGrant(String refreshToken) {
        return Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", s.clientId(),
                "client_secret", s.clientSecret());
    }

    @Test
    void the_password_grant_issues_a_bearer_token_and_a_refresh_token_with_offline_access() {
        var r = http.tokenRequest(passwordGrant("api offline_access"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(r.json().get("expires_in").asInt()).isEqualTo(60);
        assertThat(r.json().get("scope").asText()).isEqualTo("api offline_access");
        assertThat(r.json().get("refresh_token").asText()).isNotBlank();
        assertThat(sandbox.calls().tokenRequests()).isEqualTo(1);
        assertThat(sandbox.calls().total()).isZero();
    }

    @Test
    void without_offline_access_there_is_no_refresh_token() {
        var r = http.tokenRequest(passwordGrant("api"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().has("refresh_token")).isFalse();
    }

    @Test
    void bad_credentials_get_oauth_errors() {
        Map<String, String> wrongPassword = passwordGrant("api");
        wrongPassword.put("password", "nope");
        Map<String, String> wrongSecret = passwordGrant("api");
        wrongSecret.put("client_secret", "nope");
        Map<String, String> tenantless = passwordGrant("api");
        tenantless.put("client_id", s.clientId().substring(0, s.clientId().indexOf('@')));

        assertThat(http.tokenRequest(wrongPassword)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("error").asText()).isEqualTo("invalid_grant");
        });
        assertThat(http.tokenRequest(wrongSecret)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().get("error").asText()).isEqualTo("invalid_client");
        });
        assertThat(http.tokenRequest(tenantless).status()).isEqualTo(401);
        assertThat(http.tokenRequest(passwordGrant("offline_access")).json().get("error").asText()).isEqualTo("invalid_scope");
        assertThat(http.tokenRequest(Map.of("grant_type", "client_credentials", "client_id", s.clientId(),
                "client_secret", s.clientSecret())).json().get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void a_refresh_rotates_the_refresh_token_and_the_used_one_stops_working() {
        String first = http.tokenRequest(passwordGrant("api offline_access")).json().get("refresh_token").asText();

        var refreshed = http.tokenRequest(refreshGrant(first));
        assertThat(refreshed.status()).isEqualTo(200);
        String second = refreshed.json().get("refresh_token").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(refreshed.json().get("access_token").asText()).isNotBlank();

        var reused = http.tokenRequest(refreshGrant(first));
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(http.tokenRequest(refreshGrant(second)).status()).isEqualTo(200);
    }

    @Test
    void an_expired_access_token_gets_401_with_an_http_error_body() {
        assertThat(http.get("Customer").status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(61));
        var r = http.get("Customer");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("message").asText()).isNotBlank();
    }

    @Test
    void calls_without_a_known_token_get_401() {
        var noToken = http.send(HttpRequest.newBuilder(URI.create(sandbox.endpointUrl() + "/SalesOrder")).GET().build());
        var madeUp = http.send(HttpRequest.newBuilder(URI.create(sandbox.endpointUrl() + "/SalesOrder"))
                .header("Authorization", "Bearer made-up").GET().build());

        assertThat(noToken.status()).isEqualTo(401);
        assertThat(madeUp.status()).isEqualTo(401);
    }

    @Test
    void expiring_access_tokens_leaves_refresh_tokens_usable() {
        var login = http.tokenRequest(passwordGrant("api offline_access"));
        http.token();
        sandbox.expireAccessTokens();

        assertThat(http.get("Customer").status()).isEqualTo(401);
        assertThat(http.tokenRequest(refreshGrant(login.json().get("refresh_token").asText())).status()).isEqualTo(200);
    }

    @Test
    void the_login_limit_fault_refuses_password_grants_with_the_api_login_limit_text() {
        sandbox.faults().rejectLogin(true);

        var r = http.tokenRequest(passwordGrant("api offline_access"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("API Login Limit");
    }

    @Test
    void logout_answers_204() {
        var r = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/entity/auth/logout"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(r.status()).isEqualTo(204);
        assertThat(sandbox.calls().count("POST /entity/auth/logout")).isEqualTo(1);
    }

    private SandboxHttp.Response logout(String accessToken) {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/entity/auth/logout"))
                .header("Authorization", "Bearer " + accessToken).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private SandboxHttp.Response getWith(String accessToken) {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.endpointUrl() + "/Customer"))
                .header("Authorization", "Bearer " + accessToken).GET().build());
    }

    @Test
    void each_grant_takes_an_api_user_slot_and_a_grant_beyond_the_licence_gets_api_login_limit() {
        sandbox.faults().apiUserLimit(2);
        var first = http.tokenRequest(passwordGrant("api offline_access"));
        var second = http.tokenRequest(passwordGrant("api offline_access"));

        var third = http.tokenRequest(passwordGrant("api offline_access"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(third.status()).isEqualTo(400);
        assertThat(third.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(third.body()).contains("API Login Limit");
        assertThat(sandbox.openSessions()).isEqualTo(2);
        assertThat(sandbox.sessionRecords()).isEqualTo(new AcumaticaSandbox.SessionRecords(2, 2, 2, 1));
    }

    @Test
    void signing_out_ends_the_session_and_frees_its_slot() {
        sandbox.faults().apiUserLimit(1);
        var login = http.tokenRequest(passwordGrant("api offline_access"));
        String access = login.json().get("access_token").asText();

        assertThat(logout(access).status()).isEqualTo(204);

        assertThat(sandbox.openSessions()).isZero();
        assertThat(getWith(access).status()).isEqualTo(401);
        assertThat(http.tokenRequest(refreshGrant(login.json().get("refresh_token").asText())).status()).isEqualTo(400);
        assertThat(http.tokenRequest(passwordGrant("api offline_access")).status()).isEqualTo(200);
        assertThat(sandbox.sessionRecords()).as("opened twice, never two at once")
                .isEqualTo(new AcumaticaSandbox.SessionRecords(1, 2, 1, 0));
    }

    @Test
    void a_refresh_keeps_the_grant_s_session_and_its_slot() {
        sandbox.faults().apiUserLimit(1);
        String refresh = http.tokenRequest(passwordGrant("api offline_access")).json().get("refresh_token").asText();

        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(61));
            var refreshed = http.tokenRequest(refreshGrant(refresh));
            assertThat(refreshed.status()).isEqualTo(200);
            assertThat(getWith(refreshed.json().get("access_token").asText()).status()).isEqualTo(200);
            refresh = refreshed.json().get("refresh_token").asText();
        }

        assertThat(sandbox.openSessions()).isEqualTo(1);
        assertThat(http.tokenRequest(passwordGrant("api offline_access")).body()).contains("API Login Limit");
    }

    @Test
    void an_idle_session_ends_after_the_idle_timeout_and_takes_its_tokens_with_it() {
        sandbox.faults().apiUserLimit(1).sessionIdleTimeout(Duration.ofMinutes(10));
        String refresh = http.tokenRequest(passwordGrant("api offline_access")).json().get("refresh_token").asText();

        clock.advance(Duration.ofMinutes(10));

        assertThat(sandbox.openSessions()).isZero();
        assertThat(http.tokenRequest(refreshGrant(refresh)).status()).isEqualTo(400);
        assertThat(http.tokenRequest(passwordGrant("api offline_access")).status()).isEqualTo(200);
    }
}
