package com.bcerp.sandbox.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.sandbox.ManualClock;
import com.bcerp.sandbox.quota.RequestWindow.Reading;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestWindowTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:07.250Z"));

    @Test
    void a_fixed_window_grants_the_quota_then_refuses_until_it_refreshes_whole() {
        RequestWindow window = RequestWindow.fixed(3, Duration.ofSeconds(30), clock);

        assertThat(window.acquire()).isEqualTo(new Reading(true, 3, 2, 30_000, 30_000));
        clock.advance(Duration.ofSeconds(10));
        window.acquire();
        assertThat(window.acquire().remaining()).isZero();
        Reading refused = window.acquire();
        assertThat(refused.granted()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.resetMs()).isEqualTo(20_000);
        assertThat(refused.retryAfterSeconds()).isEqualTo(20);

        clock.advance(Duration.ofSeconds(20));
        assertThat(window.acquire()).isEqualTo(new Reading(true, 3, 2, 30_000, 30_000));
    }

    @Test
    void a_window_on_the_clock_resets_at_each_whole_minute_whenever_it_was_made() {
        RequestWindow minute = RequestWindow.fixedOnClock(1, Duration.ofMinutes(1), clock); // made at 10:00:07.250

        assertThat(minute.acquire().resetMs()).isEqualTo(52_750);
        assertThat(minute.acquire().granted()).isFalse();
        clock.set(Instant.parse("2026-03-01T10:01:00Z"));
        assertThat(minute.acquire().granted()).isTrue();
    }

    @Test
    void a_sliding_window_allows_a_request_again_once_the_oldest_counted_has_left_it() {
        RequestWindow window = RequestWindow.sliding(2, Duration.ofSeconds(10), clock);

        window.acquire();
        clock.advance(Duration.ofSeconds(4));
        window.acquire();
        Reading refused = window.acquire();
        assertThat(refused.granted()).isFalse();
        assertThat(refused.resetMs()).as("until the first leaves").isEqualTo(6_000);

        clock.advance(Duration.ofSeconds(6));
        Reading again = window.acquire();
        assertThat(again.granted()).isTrue();
        assertThat(again.remaining()).isZero();
        assertThat(again.resetMs()).as("until the second leaves").isEqualTo(4_000);
    }

    @Test
    void refused_requests_are_not_counted_and_peek_spends_nothing() {
        RequestWindow window = RequestWindow.fixed(1, Duration.ofSeconds(30), clock);

        assertThat(window.peek().remaining()).isEqualTo(1);
        assertThat(window.peek().granted()).isFalse();
        window.acquire();
        window.acquire();
        window.quota(3);
        assertThat(window.acquire().remaining()).as("one used, one granted now").isEqualTo(1);
        assertThat(window.peek().refused()).isEqualTo(new Reading(false, 3, 0, 30_000, 30_000));
    }

    @Test
    void retry_after_rounds_up_to_whole_seconds_and_is_at_least_one() {
        assertThat(new Reading(false, 1, 0, 1000, 1).retryAfterSeconds()).isEqualTo(1);
        assertThat(new Reading(false, 1, 0, 1000, 0).retryAfterSeconds()).isEqualTo(1);
        assertThat(new Reading(false, 1, 0, 60_000, 1_001).retryAfterSeconds()).isEqualTo(2);
        assertThatThrownBy(() -> RequestWindow.fixed(0, Duration.ofSeconds(1), clock)).isInstanceOf(IllegalArgumentException.class);
    }
}
