package com.bcerp.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.fakes.InMemoryRequestBudget;
import com.bcerp.http.ApiResponse;
import com.bcerp.http.SharedRate;
import com.bcerp.http.Sleeper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitPacerTest {

    /** A clock the fake sleeper moves forward. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();
    private final List<Duration> waits = new ArrayList<>();
    private final RateLimitPacer pacer = new RateLimitPacer(clock, d -> {
        waits.add(d);
        clock.now = clock.now.plus(d);
    });

    static ApiResponse response(int status, Map<String, String> headers) {
        Map<String, List<String>> multi = new HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return new ApiResponse("GET", URI.create("http://x/stores/abc/v2/orders"), status,
                HttpHeaders.of(multi, (a, b) -> true), "");
    }

    static ApiResponse quota(int status, long left, long resetMs) {
        return response(status, Map.of("X-Rate-Limit-Time-Window-Ms", "30000",
                "X-Rate-Limit-Time-Reset-Ms", Long.toString(resetMs), "X-Rate-Limit-Requests-Quota", "150",
                "X-Rate-Limit-Requests-Left", Long.toString(left)));
    }

    @Test
    void doesNotWaitWhileRequestsAreLeft() {
        pacer.beforeRequest();
        pacer.afterResponse(quota(200, 3, 20_000));
        pacer.beforeRequest();
        pacer.beforeRequest();
        pacer.beforeRequest();
        assertThat(waits).isEmpty();
    }

    @Test
    void waitsForTheResetOnceNoneAreLeft() {
        pacer.beforeRequest();
        pacer.afterResponse(quota(200, 1, 12_000));
        pacer.beforeRequest(); // the last one in this window
        assertThat(waits).isEmpty();

        pacer.beforeRequest();
        assertThat(waits).singleElement().satisfies(w -> assertThat(w.toMillis()).isBetween(12_000L, 12_010L));
    }

    @Test
    void countsDownLocallyBetweenResponsesSoABurstCannotOvershoot() {
        pacer.beforeRequest();
        pacer.afterResponse(quota(200, 5, 30_000));
        for (int i = 0; i < 5; i++) {
            pacer.beforeRequest(); // five requests sent, no response yet
        }
        assertThat(waits).isEmpty();
        pacer.beforeRequest();
        assertThat(waits).hasSize(1);
    }

    @Test
    void theServersLowerFigureWinsBecauseOtherAppsShareTheQuota() {
        pacer.beforeRequest();
        pacer.afterResponse(quota(200, 100, 30_000));
        pacer.beforeRequest();
        clock.now = clock.now.plusSeconds(1);
        pacer.afterResponse(quota(200, 0, 29_000));
        pacer.beforeRequest();
        assertThat(waits).singleElement().satisfies(w -> assertThat(w.toMillis()).isBetween(29_000L, 29_010L));
    }

    @Test
    void aFreshWindowRestoresTheQuota() {
        pacer.beforeRequest();
        pacer.afterResponse(quota(200, 0, 1_000));
        pacer.beforeRequest(); // waits out the window, then takes the first of the new window's 150
        assertThat(waits).hasSize(1);
        for (int i = 0; i < 149; i++) {
            pacer.beforeRequest();
        }
        assertThat(waits).hasSize(1);
        pacer.beforeRequest();
        assertThat(waits).hasSize(2);
    }

    @Test
    void onA429TheWaitIsTheLongerOfResetAndRetryAfter() {
        Map<String, String> headers = new HashMap<>(Map.of("X-Rate-Limit-Time-Reset-Ms", "4000",
                "X-Rate-Limit-Requests-Left", "0", "X-Retry-After", "7"));
        assertThat(pacer.waitHint(response(429, headers))).contains(Duration.ofSeconds(7));
        headers.put("X-Retry-After", "2");
        assertThat(pacer.waitHint(response(429, headers))).contains(Duration.ofSeconds(4));
        assertThat(pacer.waitHint(response(429, Map.of("Retry-After", "3")))).contains(Duration.ofSeconds(3));
        assertThat(pacer.waitHint(response(429, Map.of()))).isEmpty();
    }

    @Test
    void aftera429EveryCallerWaits() {
        pacer.beforeRequest();
        pacer.afterResponse(response(429, Map.of("X-Rate-Limit-Time-Reset-Ms", "3000",
                "X-Rate-Limit-Requests-Left", "0", "X-Retry-After", "5", "X-Rate-Limit-Requests-Quota", "150")));
        pacer.beforeRequest();
        assertThat(waits).singleElement().satisfies(w -> assertThat(w.toMillis()).isBetween(5_000L, 5_010L));
    }

    @Test
    void aLateAnswerFromThePreviousWindowIsIgnored() {
        pacer.beforeRequest();
        pacer.afterResponse(quota(200, 140, 29_000)); // this window
        pacer.afterResponse(quota(200, 0, 50)); // an answer from just before it, arriving late
        pacer.beforeRequest();
        assertThat(waits).isEmpty();
    }

    @Test
    void beforeTheFirstAnswerOnlyOneRequestProbesTheQuota() throws Exception {
        RateLimitPacer real = new RateLimitPacer(Clock.systemUTC(), Sleeper.THREAD);
        real.beforeRequest();
        Thread second = Thread.ofVirtual().start(real::beforeRequest);
        second.join(200);
        assertThat(second.isAlive()).as("the second caller waits for the probe's answer").isTrue();
        real.afterResponse(quota(200, 10, 30_000));
        second.join(1_000);
        assertThat(second.isAlive()).isFalse();
    }

    /** Two processes (each its own pacer, as two Lambda instances are) sharing one budget at half the quota. */
    private RateLimitPacer process(InMemoryRequestBudget budget) {
        Sleeper sleeper = d -> {
            waits.add(d);
            clock.now = clock.now.plus(d);
        };
        return new RateLimitPacer(clock, sleeper, new SharedRate(budget, "bigcommerce#abc", sleeper), new BigDecimal("0.5"));
    }

    @Test
    void processesSharingABudgetTogetherKeepToTheirShareOfTheQuota() {
        InMemoryRequestBudget budget = new InMemoryRequestBudget(clock);
        RateLimitPacer a = process(budget);
        RateLimitPacer b = process(budget);
        for (RateLimitPacer p : List.of(a, b)) {
            p.beforeRequest();
            p.afterResponse(quota(200, 148, 30_000)); // the store has 148 left: alone, each would send them at once
        }
        Instant start = clock.now;
        for (int i = 0; i < 75; i++) {
            (i % 2 == 0 ? a : b).beforeRequest();
        }
        // half of 150 per 30 s: 400 ms apart once the burst of 7 is spent
        assertThat(Duration.between(start, clock.now)).isGreaterThanOrEqualTo(Duration.ofMillis(400L * (75 - 7 - 2)));
        assertThat(Duration.between(start, clock.now)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void a429SeenByOneProcessHoldsTheOthersUntilTheWindowResets() {
        InMemoryRequestBudget budget = new InMemoryRequestBudget(clock);
        RateLimitPacer a = process(budget);
        RateLimitPacer b = process(budget);
        for (RateLimitPacer p : List.of(a, b)) {
            p.beforeRequest();
            p.afterResponse(quota(200, 100, 9_000));
        }
        waits.clear();
        a.afterResponse(response(429, Map.of("X-Rate-Limit-Time-Reset-Ms", "9000", "X-Rate-Limit-Requests-Left", "0",
                "X-Rate-Limit-Requests-Quota", "150", "X-Rate-Limit-Time-Window-Ms", "30000")));

        b.beforeRequest(); // b never saw the 429 itself

        assertThat(waits).isNotEmpty();
        assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus)).isGreaterThanOrEqualTo(Duration.ofSeconds(9));
    }
}
