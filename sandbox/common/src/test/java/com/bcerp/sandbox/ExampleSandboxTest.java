package com.bcerp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.sandbox.calls.CallLog;
import com.bcerp.sandbox.faults.FaultKnobs;
import com.bcerp.sandbox.http.HttpError;
import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Json;
import com.bcerp.sandbox.http.Router;
import com.bcerp.sandbox.oauth.OAuthError;
import com.bcerp.sandbox.oauth.TokenIssuer;
import com.bcerp.sandbox.oauth.TokenRequest;
import com.bcerp.sandbox.paging.Page;
import com.bcerp.sandbox.quota.RequestWindow;
import com.bcerp.sandbox.records.EntityBook;
import com.bcerp.sandbox.records.NumberSequence;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The example of sandbox/common/README.md, compiled and run: a made-up vendor's API ("widgets") built from the
 * pieces, over real HTTP. Keep the two in step.
 */
class ExampleSandboxTest {

    /** A made-up vendor: OAuth2 client_credentials, a sliding quota with X-RateLimit-* headers, numbered widgets. */
    static final class WidgetSandbox implements AutoCloseable {

        private static final FaultKnobs.Answers ERRORS = new FaultKnobs.Answers() {
            public RuntimeException outage() {
                return new HttpError(503, "Service unavailable");
            }

            public RuntimeException failure(int status) {
                return new HttpError(status, "Internal error");
            }

            public RuntimeException timeout() {
                return new HttpError(504, "Gateway timeout");
            }
        };

        final CallLog calls;
        final FaultKnobs faults;
        final TokenIssuer tokens;
        final RequestWindow quota;
        final EntityBook<ObjectNode> widgets = new EntityBook<>(w -> w.path("number").asText(), ObjectNode::deepCopy);
        private final NumberSequence numbers = NumberSequence.of("W%2$05d");
        private final Router router = new Router();

        WidgetSandbox(Clock clock) {
            calls = new CallLog(clock, 500);
            faults = new FaultKnobs(clock);
            tokens = new TokenIssuer(clock, Duration.ofHours(1));
            quota = RequestWindow.sliding(100, Duration.ofMinutes(1), clock);
            router.filter(calls.filter(r -> r.method() + " " + r.path(), r -> null, r -> r.path().equals("/token")))
                    .filter(faults.filter(r -> r.path().startsWith("/api/"), ERRORS))
                    .filter(tokens.requireBearer(r -> r.path().startsWith("/api/"), () -> new HttpError(401, "Unauthorized")))
                    .filter(this::rateLimit)
                    .route("POST", "/token", this::token)
                    .route("POST", "/api/widgets", this::create)
                    .route("GET", "/api/widgets", this::list)
                    .start(0);
        }

        private HttpResponse token(HttpRequest request) {
            TokenRequest t = TokenRequest.read(request);
            t.requireClientBasicOrForm("widget-client", "widget-secret");
            if (!t.grantType().equals("client_credentials")) {
                throw OAuthError.unsupportedGrantType();
            }
            return tokens.issue(new TokenIssuer.Grant("widget-client", "widget-client", t.scopes()), false).answer();
        }

        /** The vendor's headers on every API answer; 429 with Retry-After when the quota is spent. */
        private HttpResponse rateLimit(HttpRequest request, Function<HttpRequest, HttpResponse> next) {
            if (!request.path().startsWith("/api/")) {
                return next.apply(request);
            }
            RequestWindow.Reading r = quota.acquire();
            HttpResponse response = r.granted() ? next.apply(request)
                    : HttpResponse.json(429, Map.of("message", "Too many requests"))
                            .withHeader("Retry-After", Long.toString(r.retryAfterSeconds()));
            return response.withHeader("X-RateLimit-Limit", Integer.toString(r.quota()))
                    .withHeader("X-RateLimit-Remaining", Integer.toString(r.remaining()))
                    .withHeader("X-RateLimit-Reset", Long.toString(r.retryAfterSeconds()));
        }

        private HttpResponse create(HttpRequest request) {
            ObjectNode widget = (ObjectNode) request.json().deepCopy();
            widget.put("number", widgets.nextFree(numbers, "", n -> n));
            return HttpResponse.json(201, widgets.insert(widget));
        }

        private HttpResponse list(HttpRequest request) {
            Page page = Page.from(request, "page", "pageSize", 50, 500,
                    (name, value) -> new HttpError(400, name + " must be a whole number"));
            return HttpResponse.json(200, page.of(widgets.list(w -> true)));
        }

        String baseUrl() {
            return router.baseUrl();
        }

        @Override
        public void close() {
            router.close();
        }
    }

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final WidgetSandbox sandbox = new WidgetSandbox(clock);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private java.net.http.HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (path.equals("/token")) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        return http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private String token() throws Exception {
        var answer = send("POST", "/token", null,
                "grant_type=client_credentials&client_id=widget-client&client_secret=widget-secret&scope=widgets");
        assertThat(answer.statusCode()).isEqualTo(200);
        return Json.MAPPER.readTree(answer.body()).path("access_token").asText();
    }

    @Test
    void the_example_sandbox_issues_tokens_numbers_widgets_pages_them_and_counts_the_calls() throws Exception {
        assertThat(send("GET", "/api/widgets", null, null).statusCode()).isEqualTo(401);
        String token = token();

        for (int i = 0; i < 3; i++) {
            var created = send("POST", "/api/widgets", token, "{\"name\":\"widget " + i + "\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.headers().firstValue("X-RateLimit-Limit")).contains("100");
        }
        JsonNode page = Json.MAPPER.readTree(send("GET", "/api/widgets?page=2&pageSize=2", token, null).body());

        assertThat(page).hasSize(1);
        assertThat(page.get(0).path("number").asText()).isEqualTo("W00003");
        assertThat(sandbox.calls.count("POST /api/widgets")).isEqualTo(3);
        assertThat(sandbox.calls.tokenRequests()).isEqualTo(1);
        assertThat(sandbox.calls.byStatus()).containsEntry(401, 1).containsEntry(201, 3).containsEntry(200, 1);
    }

    @Test
    void the_knobs_turn_a_spent_quota_into_429s_an_outage_into_503s_and_a_dropped_token_into_401s() throws Exception {
        String token = token();
        sandbox.quota.quota(1);
        send("GET", "/api/widgets", token, null);
        var limited = send("GET", "/api/widgets", token, null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("60");

        clock.advance(Duration.ofMinutes(1));
        sandbox.faults.down(true);
        assertThat(send("GET", "/api/widgets", token, null).statusCode()).isEqualTo(503);
        sandbox.faults.reset();
        sandbox.tokens.revokeAll();
        assertThat(send("GET", "/api/widgets", token, null).statusCode()).isEqualTo(401);
    }
}
