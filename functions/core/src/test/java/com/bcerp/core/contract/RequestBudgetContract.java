package com.bcerp.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.port.RequestBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RequestBudget} must do; subclasses supply an empty budget driven by the given clock. */
public abstract class RequestBudgetContract {

    /** 120 requests a minute, bursts of 5. */
    private static final Duration INTERVAL = Duration.ofMillis(500);
    private static final Duration BURST = Duration.ofMillis(2_500);

    protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private RequestBudget budget;
    private String bucket;

    protected abstract RequestBudget newBudget(MutableClock clock);

    @BeforeEach
    void setUp() {
        budget = newBudget(clock);
        bucket = "test#" + UUID.randomUUID();
    }

    @Test
    void a_burst_is_granted_at_once_and_then_requests_wait_one_interval_each() {
        for (int i = 0; i < 5; i++) {
            assertThat(budget.take(bucket, INTERVAL, BURST)).as("permit " + (i + 1)).isZero();
        }
        assertThat(budget.take(bucket, INTERVAL, BURST)).isEqualTo(INTERVAL);

        clock.advance(INTERVAL);
        assertThat(budget.take(bucket, INTERVAL, BURST)).isZero();
        assertThat(budget.take(bucket, INTERVAL, BURST)).isEqualTo(INTERVAL);
    }

    @Test
    void an_idle_bucket_refills_to_one_burst_and_no_more() {
        budget.take(bucket, INTERVAL, BURST);
        clock.advance(Duration.ofMinutes(10));

        int granted = 0;
        while (budget.take(bucket, INTERVAL, BURST).isZero()) {
            granted++;
        }
        assertThat(granted).isEqualTo(5);
    }

    @Test
    void a_hold_grants_nothing_before_its_time_and_says_how_long_to_wait() {
        budget.holdUntil(bucket, clock.instant().plusSeconds(15), INTERVAL, BURST);

        assertThat(budget.take(bucket, INTERVAL, BURST)).isEqualTo(Duration.ofSeconds(15));
        clock.advance(Duration.ofSeconds(15));
        assertThat(budget.take(bucket, INTERVAL, BURST)).isZero();
    }

    @Test
    void an_earlier_hold_does_not_shorten_a_later_one() {
        budget.holdUntil(bucket, clock.instant().plusSeconds(15), INTERVAL, BURST);
        budget.holdUntil(bucket, clock.instant().plusSeconds(5), INTERVAL, BURST);

        assertThat(budget.take(bucket, INTERVAL, BURST)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void buckets_are_independent() {
        for (int i = 0; i < 5; i++) {
            budget.take(bucket, INTERVAL, BURST);
        }
        assertThat(budget.take(bucket + "-other", INTERVAL, BURST)).isZero();
    }

    @Test
    void of_many_concurrent_takers_only_one_burst_is_granted() throws Exception {
        int n = 16;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Duration>> takes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                takes.add(pool.submit(() -> {
                    go.await();
                    return budget.take(bucket, INTERVAL, BURST);
                }));
            }
            go.countDown();
            int granted = 0;
            for (Future<Duration> f : takes) {
                granted += f.get().isZero() ? 1 : 0;
            }
            assertThat(granted).isEqualTo(5);
        }
    }
}
