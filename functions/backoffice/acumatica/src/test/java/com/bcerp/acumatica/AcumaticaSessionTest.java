package com.bcerp.acumatica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.fakes.InMemorySecrets;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.port.CredentialLease;
import com.bcerp.http.ApiClient;
import com.bcerp.http.RetryPolicy;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token lifecycle against the sandbox's token endpoint over HTTP. */
class AcumaticaSessionTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private AcumaticaSandbox sandbox;
    private InMemorySecrets secrets;

    @BeforeEach
    void start() {
        // tokens live 10 minutes on both sides of the wire, on the same clock
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults().withTokenLifetime(Duration.ofMinutes(10)), clock);
        secrets = new InMemorySecrets().with(Fixtures.SECRET, Fixtures.secretFor(sandbox));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private AcumaticaSession session() {
        ApiClient client = new ApiClient("acumatica", ApiClient.defaultHttpClient(), Duration.ofSeconds(2),
                new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20)), ApiClient.Pacer.NONE);
        return new AcumaticaSession(Fixtures.settingsFor(sandbox), secrets, client, clock);
    }

    private String storedRefreshToken() {
        return secrets.get(Fixtures.SECRET).get("refresh_token");
    }

    private Map<String, String> secretWith(String field, String value) {
        Map<String, String> secret = new java.util.HashMap<>(Fixtures.secretFor(sandbox));
        secret.put(field, value);
        return secret;
    }

    /** Whether the sandbox still accepts {@code refreshToken} (using it rotates it, so only ask once). */
    private int refreshStatus(String refreshToken) throws Exception {
        AcumaticaSandbox.Settings s = sandbox.settings();
        String form = "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)
                + "&client_id=" + URLEncoder.encode(s.clientId(), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(s.clientSecret(), StandardCharsets.UTF_8);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/identity/connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), BodyHandlers.ofString()).statusCode();
    }

    @Test
    void the_first_token_comes_from_the_password_grant_and_its_refresh_token_is_stored() {
        String token = session().accessToken();

        assertThat(token).isNotBlank();
        assertThat(sandbox.calls().tokenRequests()).isEqualTo(1);
        assertThat(storedRefreshToken()).isNotBlank();
        assertThat(secrets.get(Fixtures.SECRET)).containsEntry("password", sandbox.settings().password());
    }

    @Test
    void the_token_is_reused_until_shortly_before_it_expires() {
        AcumaticaSession session = session();
        String first = session.accessToken();

        clock.advance(Duration.ofMinutes(8));
        assertThat(session.accessToken()).isEqualTo(first);
        assertThat(sandbox.calls().tokenRequests()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1)); // within the last minute
        assertThat(session.accessToken()).isNotEqualTo(first);
        assertThat(sandbox.calls().tokenRequests()).isEqualTo(2);
    }

    @Test
    void a_renewal_uses_the_refresh_token_and_writes_the_rotated_one_back() throws Exception {
        AcumaticaSession session = session();
        session.accessToken();
        String firstRefresh = storedRefreshToken();

        clock.advance(Duration.ofMinutes(11));
        session.accessToken();

        String rotated = storedRefreshToken();
        assertThat(rotated).isNotBlank().isNotEqualTo(firstRefresh);
        assertThat(secrets.writes()).hasSize(2);
        assertThat(refreshStatus(firstRefresh)).as("the used refresh token is spent").isEqualTo(400);
    }

    @Test
    void a_restart_continues_the_session_from_the_stored_refresh_token() {
        session().accessToken();
        String stored = storedRefreshToken();

        session().accessToken(); // a new container, same secret

        assertThat(storedRefreshToken()).isNotEqualTo(stored);
        assertThat(sandbox.calls().tokenRequests()).isEqualTo(2);
    }

    @Test
    void a_refused_refresh_token_falls_back_to_the_password_grant_once() {
        secrets.with(Fixtures.SECRET, secretWith("refresh_token", "spent-or-expired"));

        String token = session().accessToken();

        assertThat(token).isNotBlank();
        assertThat(sandbox.calls().tokenRequests()).isEqualTo(2);
        assertThat(storedRefreshToken()).isNotEqualTo("spent-or-expired");
    }

    @Test
    void refused_credentials_are_a_permanent_failure_naming_the_secret_without_a_loop() {
        secrets.with(Fixtures.SECRET, secretWith("password", "wrong-password-123"));

        assertThatThrownBy(() -> session().accessToken())
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("refused the connector's sign-in")
                .hasMessageContaining("'" + Fixtures.SECRET + "'")
                .hasMessageNotContaining("wrong-password-123")
                .hasMessageNotContaining(sandbox.settings().clientSecret());
        assertThat(sandbox.calls().tokenRequests()).isEqualTo(1);
    }

    @Test
    void a_refused_refresh_and_refused_password_end_after_two_requests() {
        Map<String, String> secret = secretWith("password", "wrong");
        secret.put("refresh_token", "stale");
        secrets.with(Fixtures.SECRET, secret);

        assertThatThrownBy(() -> session().accessToken()).isInstanceOf(PermanentFailure.class);
        assertThat(sandbox.calls().tokenRequests()).isEqualTo(2);
    }

    @Test
    void refused_credentials_are_not_offered_again_until_ops_change_the_secret() {
        secrets.with(Fixtures.SECRET, secretWith("password", "wrong-password-123"));
        AcumaticaSession session = session();
        assertThatThrownBy(session::accessToken).isInstanceOf(PermanentFailure.class);

        // every later attempt parks at once with the same reason, without another failed sign-in
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(session::accessToken).isInstanceOf(PermanentFailure.class)
                    .hasMessageContaining("until the secret changes");
        }
        assertThat(sandbox.calls().tokenRequests()).isEqualTo(1);

        secrets.with(Fixtures.SECRET, Fixtures.secretFor(sandbox)); // ops fix the password
        assertThat(session.accessToken()).isNotBlank();
        assertThat(sandbox.calls().tokenRequests()).isEqualTo(2);
    }

    @Test
    void a_secret_without_a_field_is_named() {
        Map<String, String> secret = new java.util.HashMap<>(Fixtures.secretFor(sandbox));
        secret.remove("client_secret");
        secrets.with(Fixtures.SECRET, secret);

        assertThatThrownBy(() -> session().accessToken()).isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("lacks client_secret");
        assertThat(sandbox.calls().tokenRequests()).isZero();
    }

    @Test
    void the_api_login_limit_is_transient() {
        sandbox.faults().rejectLogin(true);

        assertThatThrownBy(() -> session().accessToken()).isInstanceOf(TransientFailure.class)
                .hasMessageContaining("API Login Limit");
    }

    @Test
    void after_a_401_the_token_is_renewed_once_and_a_second_caller_gets_the_renewed_one() {
        AcumaticaSession session = session();
        String rejected = session.accessToken();

        String renewed = session.renewAfterRejection(rejected);
        String again = session.renewAfterRejection(rejected); // a second caller that saw the same 401

        assertThat(renewed).isNotEqualTo(rejected);
        assertThat(again).isEqualTo(renewed);
        assertThat(sandbox.calls().tokenRequests()).isEqualTo(2);
    }

    @Test
    void concurrent_callers_share_one_sign_in() throws Exception {
        AcumaticaSession session = session();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> tokens = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                tokens.add(pool.submit(() -> {
                    go.await();
                    return session.accessToken();
                }));
            }
            go.countDown();
            for (Future<String> t : tokens) {
                assertThat(t.get()).isEqualTo(tokens.get(0).get());
            }
        }
        assertThat(sandbox.calls().tokenRequests()).isEqualTo(1);
    }

    @Test
    void a_failed_write_back_does_not_stop_the_session() {
        secrets.failWrites();

        assertThat(session().accessToken()).isNotBlank();
    }

    /** One process of a deployment: its own session object, sharing the secret and the state table with the others. */
    private AcumaticaSession process(CredentialLease lease) {
        ApiClient client = new ApiClient("acumatica", ApiClient.defaultHttpClient(), Duration.ofSeconds(2),
                new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20)), ApiClient.Pacer.NONE);
        return new AcumaticaSession(Fixtures.settingsFor(sandbox), secrets, client, clock, lease);
    }

    /** Every process asks for a token at once; each must be one the instance accepts. */
    private void allAtOnce(List<AcumaticaSession> processes) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> tokens = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(processes.size())) {
            for (AcumaticaSession p : processes) {
                tokens.add(pool.submit(() -> {
                    go.await();
                    return p.accessToken();
                }));
            }
            go.countDown();
            for (Future<String> t : tokens) {
                assertThat(customersStatus(t.get())).isEqualTo(200);
            }
        }
    }

    private int customersStatus(String accessToken) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.endpointUrl() + "/Customer?$top=1"))
                .header("Authorization", "Bearer " + accessToken).GET().build(), BodyHandlers.ofString()).statusCode();
    }

    @Test
    void processes_sharing_the_secret_and_the_state_table_renew_through_one_session_on_a_trial_licence() throws Exception {
        sandbox.faults().apiUserLimit(2);
        CredentialLease lease = CredentialLease.over(new InMemorySyncState(clock));
        List<AcumaticaSession> processes = List.of(process(lease), process(lease), process(lease), process(lease));

        for (int expiry = 0; expiry < 12; expiry++) {
            allAtOnce(processes);
            clock.advance(Duration.ofMinutes(10));
        }

        assertThat(sandbox.openSessions()).isEqualTo(1);
        assertThat(sandbox.calls().tokenRequests()).isLessThanOrEqualTo(1 + 12 * 4);
    }

    @Test
    void when_the_session_ends_the_processes_sign_in_once_and_leak_no_session() throws Exception {
        sandbox.faults().apiUserLimit(2).sessionIdleTimeout(Duration.ofMinutes(30));
        CredentialLease lease = CredentialLease.over(new InMemorySyncState(clock));
        List<AcumaticaSession> processes = List.of(process(lease), process(lease), process(lease));

        for (int round = 0; round < 5; round++) {
            allAtOnce(processes);
            clock.advance(Duration.ofMinutes(31)); // idle past the timeout: the session and its refresh token end
        }

        assertThat(sandbox.openSessions()).isLessThanOrEqualTo(1);
    }

    @Test
    void signing_out_frees_the_slot() {
        sandbox.faults().apiUserLimit(1);
        AcumaticaSession first = session();
        first.accessToken();

        first.signOut();

        assertThat(sandbox.openSessions()).isZero();
        secrets.with(Fixtures.SECRET, Fixtures.secretFor(sandbox)); // a new deployment's secret, without a refresh token
        assertThat(session().accessToken()).isNotBlank();
    }

    @Test
    void after_api_login_limit_no_grant_is_sent_until_the_pause_has_passed() {
        sandbox.faults().apiUserLimit(1);
        AcumaticaSession other = session();
        other.accessToken(); // another integration holds the one slot
        secrets.with(Fixtures.SECRET, Fixtures.secretFor(sandbox));
        AcumaticaSession session = session();
        assertThatThrownBy(session::accessToken).hasMessageContaining("API Login Limit");
        int sent = sandbox.calls().tokenRequests();

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(session::accessToken).isInstanceOf(TransientFailure.class).hasMessageContaining("API Login Limit");
        }
        assertThat(sandbox.calls().tokenRequests()).isEqualTo(sent);

        other.signOut();
        clock.advance(AcumaticaSession.LOGIN_LIMIT_PAUSE);
        assertThat(session.accessToken()).isNotBlank();
    }
}
