package com.bcerp.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.failure.TransientFailure;
import com.bcerp.http.ApiClient;
import com.bcerp.http.RetryPolicy;
import com.bcerp.http.Sleeper;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store's quota over HTTP: 429s with BigCommerce's headers, and a pacer that keeps a burst under it. */
class RateLimitIT {

    static final int QUOTA = 20;
    static final long WINDOW_MS = 1_500;

    BigCommerceSandbox sandbox;
    StoreAdmin admin;
    final AtomicInteger tooMany = new AtomicInteger();

    @BeforeEach
    void start() {
        sandbox = BigCommerceSandbox.start(BigCommerceSandbox.Settings.defaults().withQuota(QUOTA, WINDOW_MS));
        admin = new StoreAdmin(sandbox);
        sandbox.onExchange(e -> {
            if (e.status() == 429) {
                tooMany.incrementAndGet();
            }
        });
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void anExhaustedQuotaAnswers429WithTheRateLimitHeaders() {
        List<HttpResponse<String>> responses = new java.util.ArrayList<>();
        for (int i = 0; i < QUOTA + 3; i++) {
            responses.add(admin.send("GET", "/v2/orders", null, i % 2 == 0 ? sandbox.connectorAccessToken()
                    : sandbox.adminAccessToken()));
        }
        assertThat(responses).allSatisfy(r -> {
            assertThat(r.headers().firstValue("X-Rate-Limit-Requests-Quota")).contains(Integer.toString(QUOTA));
            assertThat(r.headers().firstValue("X-Rate-Limit-Time-Window-Ms")).contains(Long.toString(WINDOW_MS));
            assertThat(r.headers().firstValue("X-Rate-Limit-Requests-Left")).isPresent();
        });
        // both accounts share the one quota; a window may turn over mid-burst, so look for the first 429
        HttpResponse<String> limited = responses.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertThat(limited.headers().firstValue("X-Rate-Limit-Requests-Left")).contains("0");
        long resetMs = Long.parseLong(limited.headers().firstValue("X-Rate-Limit-Time-Reset-Ms").orElseThrow());
        assertThat(resetMs).isBetween(0L, WINDOW_MS);
        assertThat(Long.parseLong(limited.headers().firstValue("X-Retry-After").orElseThrow()))
                .isEqualTo(Math.max(1, (resetMs + 999) / 1000));
        assertThat(limited.body()).contains("\"status\":429");
        assertThat(responses.stream().filter(r -> r.statusCode() != 429).count()).isLessThanOrEqualTo(2L * QUOTA);
    }

    @Test
    void thePacerKeepsABurstOfThreeQuotasUnderTheQuotaWithoutA429() throws Exception {
        admin.createOrder(Map.of("billing_address", StoreAdmin.address("A", "B", "a@example.com"),
                "products", List.of(Map.of("product_id", sandbox.catalog().simpleItems().get(0).productId(), "quantity", 1))));
        // no retries: a single 429 would surface as a failure
        ApiClient api = new ApiClient("bigcommerce", ApiClient.defaultHttpClient(), Duration.ofSeconds(10),
                RetryPolicy.none(), new RateLimitPacer(Clock.systemUTC(), Sleeper.THREAD));
        BigCommerceStorefront storefront = new BigCommerceStorefront(new BigCommerceClient(new BigCommerceSettings(
                URI.create(sandbox.baseUrl()), sandbox.storeHash(), sandbox.connectorAccessToken()), api));
        tooMany.set(0);

        List<Thread> workers = new java.util.ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        for (int w = 0; w < 4; w++) {
            workers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 3 * QUOTA / 4; i++) {
                    try {
                        storefront.order(100);
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : workers) {
            t.join(Duration.ofSeconds(30));
        }

        assertThat(failures.get()).isZero();
        assertThat(tooMany.get()).isZero();
        assertThat(sandbox.calls().byEndpoint(sandbox.connectorAccessToken()))
                .containsEntry("GET /v2/orders/{order_id}", (long) 3 * QUOTA);
    }

    @Test
    void aRateLimitStormIsATransientFailureOnceRetriesRunOut() {
        sandbox.faults().rateLimitStorm(true);
        ApiClient api = new ApiClient("bigcommerce", ApiClient.defaultHttpClient(), Duration.ofSeconds(10),
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50)),
                new RateLimitPacer(Clock.systemUTC(), Sleeper.THREAD));
        BigCommerceStorefront storefront = new BigCommerceStorefront(new BigCommerceClient(new BigCommerceSettings(
                URI.create(sandbox.baseUrl()), sandbox.storeHash(), sandbox.connectorAccessToken()), api));

        assertThatThrownBy(() -> storefront.order(100)).isInstanceOf(TransientFailure.class).hasMessageContaining("429");

        sandbox.faults().rateLimitStorm(false);
        assertThat(storefront.order(100)).isEmpty();
    }
}
