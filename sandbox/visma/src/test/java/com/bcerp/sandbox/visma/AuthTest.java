package com.bcerp.sandbox.visma;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.sandbox.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Visma Connect client_credentials with tenant_id, expiring tokens, the licence check, scopes, the rate limit. */
class AuthTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    private VismaSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = VismaSandbox.start(VismaSandbox.Settings.defaults(), clock);
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Map<String, String> form(String tenant, String secret) {
        VismaSandbox.Settings s = sandbox.settings();
        return Map.of("grant_type", "client_credentials", "client_id", s.clientId(), "client_secret", secret,
                "tenant_id", tenant, "scope", "vismanet_erp_service_api:read");
    }

    @Test
    void a_token_for_the_licensed_tenant_reads_the_api_until_it_expires() {
        SandboxHttp.Response token = http.tokenRequest(form(sandbox.settings().tenantId(), sandbox.settings().clientSecret()));
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("expires_in").asLong()).isEqualTo(3600);
        assertThat(token.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.json().has("refresh_token")).isFalse();
        http.useToken(token.json().get("access_token").asText());

        assertThat(http.get("/v1/customer", "pageNumber", "1", "pageSize", "10").status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(3600));
        SandboxHttp.Response expired = http.get("/v1/customer", "pageNumber", "1");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("statusCode").asInt()).isEqualTo(401);
    }

    @Test
    void a_token_for_another_tenant_is_refused_by_the_api_with_ipp_exception_12027() {
        SandboxHttp.Response token = http.tokenRequest(form("00000000-0000-0000-0000-000000000000",
                sandbox.settings().clientSecret()));
        assertThat(token.status()).isEqualTo(200); // Connect does not know the ERP's licences
        http.useToken(token.json().get("access_token").asText());

        SandboxHttp.Response refused = http.get("/v1/customer");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("ExceptionType").asText()).isEqualTo("IPPException");
        assertThat(refused.json().get("ExceptionFaultCode").asText()).isEqualTo("12027");
        assertThat(refused.json().get("ExceptionMessage").asText()).isEqualTo("No license for this company.");
    }

    @Test
    void the_token_endpoint_refuses_a_wrong_secret_a_missing_tenant_and_foreign_scopes() {
        VismaSandbox.Settings s = sandbox.settings();
        assertThat(http.tokenRequest(form(s.tenantId(), "wrong")).status()).isEqualTo(401);
        SandboxHttp.Response noTenant = http.tokenRequest(Map.of("grant_type", "client_credentials", "client_id",
                s.clientId(), "client_secret", s.clientSecret()));
        assertThat(noTenant.status()).isEqualTo(400);
        assertThat(noTenant.json().get("error").asText()).isEqualTo("invalid_request");
        SandboxHttp.Response scope = http.tokenRequest(Map.of("grant_type", "client_credentials", "client_id",
                s.clientId(), "client_secret", s.clientSecret(), "tenant_id", s.tenantId(), "scope", "openid"));
        assertThat(scope.json().get("error").asText()).isEqualTo("invalid_scope");
        SandboxHttp.Response password = http.tokenRequest(Map.of("grant_type", "password", "client_id",
                s.clientId(), "client_secret", s.clientSecret(), "tenant_id", s.tenantId()));
        assertThat(password.json().get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void a_read_only_token_cannot_create() {
        http.useToken(http.tokenRequest(form(sandbox.settings().tenantId(), sandbox.settings().clientSecret()))
                .json().get("access_token").asText());
        SandboxHttp.Response refused = http.post("/v1/customer", Dto.wrapped("name", "Grace"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("message").asText()).startsWith("VismaId: ");
        assertThat(sandbox.customers()).noneMatch(c -> c.path("name").asText().equals("Grace"));
    }

    @Test
    void every_api_answer_carries_the_rate_limit_headers_and_the_window_refuses_with_retry_after() {
        sandbox.faults().rateLimit(3, Duration.ofHours(1));
        SandboxHttp.Response first = http.get("/v1/vatZone");
        assertThat(first.header("X-RateLimit-Limit")).isEqualTo("3");
        assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("2");
        assertThat(first.header("X-RateLimit-Reset")).isEqualTo("3600");
        http.get("/v1/vatZone");
        http.get("/v1/customer/NOBODY"); // a 404 counts and carries the headers too
        SandboxHttp.Response refused = http.get("/v1/vatZone");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("3600");
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");

        clock.advance(Duration.ofHours(1));
        http.forgetToken(); // it expired with the window
        assertThat(http.get("/v1/vatZone").status()).isEqualTo(200);
        assertThat(sandbox.calls().byStatus()).containsEntry(429, 1).containsEntry(404, 1);
    }

    @Test
    void no_token_reaches_the_call_log() {
        http.get("/v1/customer", "email", "ada@example.com");
        String token = http.token();
        assertThat(sandbox.calls().exchanges()).allSatisfy(e -> {
            assertThat(e.requestHeaders()).doesNotContainKey("authorization");
            assertThat(e.toString()).doesNotContain(token);
        });
        assertThat(sandbox.calls().tokenRequests()).isEqualTo(1);
    }

    @Test
    void unknown_paths_answer_the_gateways_404() {
        SandboxHttp.Response r = http.get("/v1/nosuchthing");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("message").asText()).isEqualTo("Resource not found");
    }
}
