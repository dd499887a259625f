package com.bcerp.core.port;

import java.time.Duration;
import java.time.Instant;

/**
 * A request rate shared by every process that calls one external system (each Lambda instance of each function), so
 * that together they stay under a quota that none of them can see alone. A bucket follows the generic cell rate
 * algorithm: each permit moves the bucket's theoretical arrival time on by {@code interval}, and a permit is granted
 * while that time stays within {@code burst} of now. One conditional write per permit; nothing to refill.
 */
public interface RequestBudget {

    /**
     * Takes one permit from {@code bucket}, or answers how long to wait before asking again (then nothing was taken).
     *
     * @param interval the time one request uses up (the window divided by the requests allowed in it)
     * @param burst    how far ahead of the steady rate requests may run, e.g. ten intervals for bursts of ten
     */
    Duration take(String bucket, Duration interval, Duration burst);

    /** Grants nothing from {@code bucket} before {@code until}, to any process (a server's reset time or Retry-After). */
    void holdUntil(String bucket, Instant until, Duration interval, Duration burst);

    /** For a process that shares its quota with none (a short read-only check, a test): every permit at once. */
    RequestBudget UNSHARED = new RequestBudget() {
        @Override
        public Duration take(String bucket, Duration interval, Duration burst) {
            return Duration.ZERO;
        }

        @Override
        public void holdUntil(String bucket, Instant until, Duration interval, Duration burst) {}
    };
}
