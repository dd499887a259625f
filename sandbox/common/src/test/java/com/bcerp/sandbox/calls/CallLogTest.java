package com.bcerp.sandbox.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.sandbox.ManualClock;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Router;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallLogTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final CallLog calls = new CallLog(clock, 3);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Router router = new Router()
            .filter(calls.filter(r -> r.method() + " " + r.path().replaceAll("/\\d+$", "/{id}"),
                    r -> r.header("X-Account").orElse(null), r -> r.path().equals("/oauth/token")))
            .route("POST", "/oauth/token", r -> HttpResponse.json(200, Map.of("access_token", "secret-token")))
            .route("GET", "/orders/{id}", r -> r.pathParam("id").equals("404")
                    ? HttpResponse.json(404, Map.of("title", "no such order")) : HttpResponse.json(200, Map.of("id", 1)))
            .route("PUT", "/slow", r -> {
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return HttpResponse.empty(204);
            });

    private HttpResponse get(String path, String account) {
        return router.dispatch("GET", path, null, account == null ? Map.of("authorization", "Bearer t")
                : Map.of("authorization", "Bearer t", "x-account", account, "x-auth-token", "s3cret"), new byte[0]);
    }

    @Test
    void counts_calls_per_route_caller_and_status_with_token_requests_apart() {
        get("/orders/1", "shop");
        get("/orders/2", "shop");
        get("/orders/404", "admin");
        router.dispatch("POST", "/oauth/token", null, Map.of(), "password=hunter2".getBytes(StandardCharsets.UTF_8));

        assertThat(calls.total()).isEqualTo(3);
        assertThat(calls.tokenRequests()).isEqualTo(1);
        assertThat(calls.count("GET /orders/{id}")).isEqualTo(3);
        assertThat(calls.total("shop")).isEqualTo(2);
        assertThat(calls.byRoute("admin")).isEqualTo(Map.of("GET /orders/{id}", 1));
        assertThat(calls.byStatus()).isEqualTo(Map.of(200, 2, 404, 1));
        assertThat(calls.exchanges()).extracting(CallLog.Exchange::path).as("token requests are never kept")
                .containsExactly("/orders/1", "/orders/2", "/orders/404");
    }

    @Test
    void kept_exchanges_carry_the_answer_and_the_time_but_never_a_credential() {
        clock.advance(Duration.ofMinutes(3));
        get("/orders/404", "shop");

        CallLog.Exchange e = calls.exchanges().get(0);
        assertThat(e.at()).isEqualTo(Instant.parse("2026-03-01T10:03:00Z"));
        assertThat(e.caller()).isEqualTo("shop");
        assertThat(e.route()).isEqualTo("GET /orders/{id}");
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.responseBody()).contains("no such order");
        assertThat(e.requestHeaders()).containsEntry("x-account", "shop").doesNotContainKeys("authorization", "x-auth-token");
    }

    @Test
    void only_the_most_recent_exchanges_are_kept_while_the_counts_go_on() {
        for (int i = 1; i <= 5; i++) {
            get("/orders/" + i, null);
        }

        assertThat(calls.total()).isEqualTo(5);
        assertThat(calls.exchanges()).extracting(CallLog.Exchange::path).containsExactly("/orders/3", "/orders/4", "/orders/5");
        assertThat(calls.exchanges(e -> e.path().endsWith("4"))).hasSize(1);
        calls.reset();
        assertThat(calls.total()).isZero();
        assertThat(calls.exchanges()).isEmpty();
        assertThat(calls.byRoute()).isEmpty();
    }

    @Test
    void a_call_is_counted_as_it_arrives_so_one_that_hangs_counts_before_it_is_answered() throws Exception {
        CompletableFuture<HttpResponse> slow = CompletableFuture.supplyAsync(
                () -> router.dispatch("PUT", "/slow", null, Map.of(), new byte[0]));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (calls.count("PUT /slow") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        assertThat(calls.count("PUT /slow")).isEqualTo(1);
        assertThat(calls.byStatus()).isEmpty();
        release.countDown();
        assertThat(slow.get(5, TimeUnit.SECONDS).status()).isEqualTo(204);
        assertThat(calls.byStatus()).isEqualTo(Map.of(204, 1));
    }
}
