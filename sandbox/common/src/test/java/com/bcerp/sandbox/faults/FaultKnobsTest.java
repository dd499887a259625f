package com.bcerp.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.sandbox.ManualClock;
import com.bcerp.sandbox.http.HttpError;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Router;
import com.bcerp.sandbox.faults.FaultKnobs.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FaultKnobsTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final FaultKnobs knobs = new FaultKnobs(clock);
    private final AtomicInteger writes = new AtomicInteger();
    private final Router router = new Router()
            .filter(knobs.filter(r -> r.path().startsWith("/api/"), new FaultKnobs.Answers() {
                public RuntimeException outage() {
                    return new HttpError(503, "down for maintenance");
                }

                public RuntimeException failure(int status) {
                    return new HttpError(status, "injected");
                }

                public RuntimeException timeout() {
                    return new HttpError(504, "timed out");
                }
            }))
            .route("PUT", "/api/orders", r -> {
                writes.incrementAndGet();
                return HttpResponse.json(200, Map.of("stored", true));
            })
            .route("GET", "/health", r -> HttpResponse.empty(204));

    private int put() {
        return router.dispatch("PUT", "/api/orders", null, Map.of(), new byte[0]).status();
    }

    @Test
    void everything_is_off_by_default() {
        assertThat(put()).isEqualTo(200);
        assertThat(knobs.draw()).isEqualTo(Fault.NONE);
        assertThat(knobs.inOutage()).isFalse();
        assertThat(knobs.latency()).isZero();
    }

    @Test
    void a_share_of_requests_fails_with_the_status_asked_for_and_nothing_is_written() {
        knobs.failShare(1, 502);

        assertThat(put()).isEqualTo(502);
        assertThat(writes).hasValue(0);
        assertThat(knobs.injected(Fault.FAIL)).isEqualTo(1);
        assertThat(router.dispatch("GET", "/health", null, Map.of(), new byte[0]).status()).as("not matched").isEqualTo(204);
    }

    @Test
    void a_timed_out_request_hangs_then_fails_without_being_handled() {
        knobs.timeoutShare(1).hang(Duration.ofMillis(150));

        long start = System.nanoTime();
        assertThat(put()).isEqualTo(504);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(writes).hasValue(0);
    }

    @Test
    void a_lost_answer_is_handled_first_so_the_write_happened_and_the_answer_comes_after_the_hang() {
        knobs.lostAnswerShare(1).hang(Duration.ofMillis(150));

        long start = System.nanoTime();
        assertThat(put()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(writes).hasValue(1);
        assertThat(knobs.injected(Fault.LOSE_ANSWER)).isEqualTo(1);
    }

    @Test
    void an_outage_window_on_the_clock_answers_the_outage_only_while_it_lasts() {
        knobs.outage(Instant.parse("2026-03-01T10:05:00Z"), Instant.parse("2026-03-01T10:10:00Z"));

        assertThat(put()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(5));
        assertThat(put()).isEqualTo(503);
        clock.advance(Duration.ofMinutes(5));
        assertThat(put()).isEqualTo(200);
        knobs.down(true);
        assertThat(put()).isEqualTo(503);
        assertThat(knobs.injected(Fault.OUTAGE)).isEqualTo(2);
        knobs.reset();
        assertThat(put()).isEqualTo(200);
    }

    @Test
    void a_seeded_run_draws_the_same_faults_in_the_same_order() {
        List<Fault> first = draws(knobs.seed(42).failShare(0.2, 500).timeoutShare(0.2).lostAnswerShare(0.2));
        List<Fault> second = draws(knobs.seed(42));

        assertThat(second).isEqualTo(first);
        assertThat(first).contains(Fault.FAIL, Fault.TIME_OUT, Fault.LOSE_ANSWER, Fault.NONE);
        long faults = first.stream().filter(f -> f != Fault.NONE).count();
        assertThat(faults).as("about 60 of 100").isBetween(40L, 80L);
    }

    @Test
    void shares_outside_zero_to_one_and_non_error_statuses_are_refused() {
        assertThatThrownBy(() -> knobs.timeoutShare(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> knobs.failShare(-0.1, 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> knobs.failShare(0.5, 200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> knobs.outage(clock.instant(), clock.instant())).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Fault> draws(FaultKnobs knobs) {
        List<Fault> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            out.add(knobs.draw());
        }
        return out;
    }
}
