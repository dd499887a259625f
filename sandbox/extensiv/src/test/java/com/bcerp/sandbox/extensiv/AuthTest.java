package com.bcerp.sandbox.extensiv;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.sandbox.ManualClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T10:00:00Z"));
    private ExtensivSandbox sandbox;
    private SandboxHttp http;
    private ExtensivSandbox.Settings s;

    @BeforeEach
    void start() {
        sandbox = ExtensivSandbox.start(ExtensivSandbox.Settings.defaults().withTokenLifetime(Duration.ofMinutes(30)), clock);
        http = new SandboxHttp(sandbox);
        s = sandbox.settings();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private String basic() {
        return SandboxHttp.basic(s.clientId(), s.clientSecret());
    }

    @Test
    void client_credentials_with_user_login_issues_a_bearer_token_without_refresh_token() {
        var r = http.tokenRequest(basic(), "{\"grant_type\":\"client_credentials\",\"user_login\":\"" + s.userLogin() + "\"}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(r.json().get("expires_in").asLong()).isEqualTo(1800);
        assertThat(r.json().get("access_token").asText()).isNotBlank();
        assertThat(r.json().get("refresh_token").isNull()).isTrue();
        assertThat(r.json().get("scope").isNull()).isTrue();
        assertThat(sandbox.calls().tokenRequests()).isEqualTo(1);
        assertThat(sandbox.calls().total()).isZero();
    }

    @Test
    void user_login_id_and_the_tpl_key_with_or_without_braces_also_get_a_token() {
        String tpl = s.tpl().substring(1, s.tpl().length() - 1);

        assertThat(http.tokenRequest(basic(), "{\"grant_type\":\"client_credentials\",\"user_login_id\":" + s.userLoginId()
                + ",\"tpl\":\"" + s.tpl() + "\"}").status()).isEqualTo(200);
        assertThat(http.tokenRequest(basic(), "{\"grant_type\":\"client_credentials\",\"user_login_id\":\"" + s.userLoginId()
                + "\",\"tpl\":\"" + tpl + "\"}").status()).isEqualTo(200);
    }

    @Test
    void wrong_client_user_grant_tpl_or_body_are_refused() {
        String user = "\"user_login\":\"" + s.userLogin() + "\"";

        var wrongSecret = http.tokenRequest(SandboxHttp.basic(s.clientId(), "nope"), "{\"grant_type\":\"client_credentials\"," + user + "}");
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(http.tokenRequest("Bearer not-basic", "{\"grant_type\":\"client_credentials\"," + user + "}").status()).isEqualTo(401);
        assertThat(http.tokenRequest(basic(), "{\"grant_type\":\"client_credentials\",\"user_login\":\"someone\"}")
                .json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(http.tokenRequest(basic(), "{\"grant_type\":\"client_credentials\"}")
                .json().get("error").asText()).isEqualTo("invalid_request");
        assertThat(http.tokenRequest(basic(), "{\"grant_type\":\"password\"," + user + "}")
                .json().get("error").asText()).isEqualTo("unsupported_grant_type");
        assertThat(http.tokenRequest(basic(), "{\"grant_type\":\"client_credentials\"," + user + ",\"tpl\":\"{0000}\"}")
                .json().get("error").asText()).isEqualTo("invalid_grant");
        var form = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/AuthServer/api/Token"))
                .header("Authorization", basic()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&user_login=" + s.userLogin())).build());
        assertThat(form.status()).isEqualTo(400);
        assertThat(form.json().get("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void the_api_needs_a_live_bearer_token() {
        String path = "/customers/" + s.customerId() + "/items";
        var none = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).GET().build());
        var madeUp = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Authorization", "Bearer made-up").GET().build());

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("ErrorCode").asText()).isNotBlank();
        assertThat(none.json().get("Message").asText()).isNotBlank();
        assertThat(madeUp.status()).isEqualTo(401);
        assertThat(http.get(path).status()).isEqualTo(200);
    }

    @Test
    void a_token_expires_after_its_lifetime_and_a_new_one_works() {
        String path = "/customers/" + s.customerId() + "/items";
        assertThat(http.get(path).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(30));
        assertThat(http.get(path).status()).isEqualTo(401);

        http.forgetToken();
        assertThat(http.get(path).status()).isEqualTo(200);
        sandbox.expireTokens();
        assertThat(http.get(path).status()).isEqualTo(401);
    }

    @Test
    void answers_are_hal_json_and_calls_are_counted_by_route_and_user() {
        var r = http.get("/customers/" + s.customerId() + "/items");

        assertThat(r.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/hal+json"));
        assertThat(sandbox.calls().count("GET /customers/{id}/items")).isEqualTo(1);
        assertThat(sandbox.calls().total(s.userLogin())).isEqualTo(1);
        assertThat(sandbox.calls().exchanges()).allSatisfy(e -> assertThat(e.requestHeaders()).doesNotContainKey("authorization"));
    }

    @Test
    void an_unknown_path_is_a_404_in_the_error_shape() {
        var r = http.get("/no/such/thing");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().has("ErrorCode")).isTrue();
    }
}
