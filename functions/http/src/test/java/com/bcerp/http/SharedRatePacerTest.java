package com.bcerp.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.fakes.InMemoryRequestBudget;
import com.bcerp.core.fakes.MutableClock;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedRatePacerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final InMemoryRequestBudget budget = new InMemoryRequestBudget(clock);
    private final List<Duration> waits = new ArrayList<>();
    private final Sleeper sleeper = d -> {
        waits.add(d);
        clock.advance(d);
    };

    /** One process of several: its own pacer, the one shared budget. */
    private SharedRatePacer process(int requestsPerMinute, int burst) {
        return new SharedRatePacer(new SharedRate(budget, "acumatica", sleeper), requestsPerMinute, burst, clock);
    }

    private static ApiResponse answer(int status, Map<String, List<String>> headers) {
        return new ApiResponse("PUT", URI.create("https://erp.example.com/entity/Default/24.200.001/SalesOrder"), status,
                HttpHeaders.of(headers, (a, b) -> true), "");
    }

    @Test
    void processes_together_keep_to_the_licences_rate_after_one_burst() {
        SharedRatePacer a = process(120, 4);
        SharedRatePacer b = process(120, 4);
        Instant start = clock.instant();

        for (int i = 0; i < 24; i++) {
            (i % 2 == 0 ? a : b).beforeRequest();
        }

        // 120 a minute is one every 500 ms; the first four go at once
        assertThat(Duration.between(start, clock.instant())).isGreaterThanOrEqualTo(Duration.ofMillis(500L * 20));
        assertThat(Duration.between(start, clock.instant())).isLessThan(Duration.ofMillis(500L * 20 + 100L * 20));
    }

    @Test
    void a_429_with_retry_after_holds_every_process_until_then() {
        SharedRatePacer a = process(600, 10);
        SharedRatePacer b = process(600, 10);
        a.beforeRequest();

        a.afterResponse(answer(429, Map.of("Retry-After", List.of("20"))));
        Instant refused = clock.instant();
        b.beforeRequest();

        assertThat(Duration.between(refused, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
        assertThat(a.waitHint(answer(429, Map.of("Retry-After", List.of("20"))))).contains(Duration.ofSeconds(20));
    }

    @Test
    void a_429_without_retry_after_holds_nobody_and_leaves_the_backoff_to_the_caller() {
        SharedRatePacer a = process(600, 10);
        a.beforeRequest();

        a.afterResponse(answer(429, Map.of()));
        a.beforeRequest();

        assertThat(waits).isEmpty();
        assertThat(a.waitHint(answer(429, Map.of()))).isEmpty();
    }
}
