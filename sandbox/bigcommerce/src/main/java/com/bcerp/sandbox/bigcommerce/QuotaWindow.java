package com.bcerp.sandbox.bigcommerce;

import java.time.Clock;

/**
 * BigCommerce's request quota: one per store, shared by every API account, refreshed at fixed window boundaries.
 */
final class QuotaWindow {

    /** The quota's state as one request saw it: {@code granted} false means answer 429. */
    record Reading(boolean granted, int quota, int left, long windowMs, long resetMs) {

        /** Whole seconds until the quota refreshes, rounded up, as {@code X-Retry-After} says it. */
        long retryAfterSeconds() {
            return Math.max(1, (resetMs + 999) / 1000);
        }
    }

    private final int quota;
    private final long windowMs;
    private final Clock clock;
    private final long origin;
    private long window = -1;
    private int used;

    QuotaWindow(int quota, long windowMs, Clock clock) {
        if (quota < 1 || windowMs < 1) {
            throw new IllegalArgumentException("quota and window must be positive");
        }
        this.quota = quota;
        this.windowMs = windowMs;
        this.clock = clock;
        this.origin = clock.millis();
    }

    /** Spends one request if any is left in the current window. */
    synchronized Reading acquire() {
        return read(true);
    }

    /** The current state without spending anything (a storm's 429s). */
    synchronized Reading peekExhausted() {
        Reading now = read(false);
        return new Reading(false, quota, 0, windowMs, now.resetMs());
    }

    private Reading read(boolean spend) {
        long elapsed = clock.millis() - origin;
        long current = elapsed / windowMs;
        if (current != window) {
            window = current;
            used = 0;
        }
        long resetMs = windowMs - elapsed % windowMs;
        boolean granted = spend && used < quota;
        if (granted) {
            used++;
        }
        return new Reading(granted, quota, quota - used, windowMs, resetMs);
    }
}
