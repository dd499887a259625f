package com.bcerp.http;

import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.port.RequestBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One bucket of a {@link RequestBudget} that several processes share: {@link #acquire} waits for a permit, adding
 * a little jitter to each wait so that processes told to wait the same time do not all come back at once.
 */
public final class SharedRate {

    /** Never more than this jitter, and never more than a quarter of the wait. */
    private static final long MAX_JITTER_MS = 100;

    private final RequestBudget budget;
    private final String bucket;
    private final Sleeper sleeper;

    public SharedRate(RequestBudget budget, String bucket, Sleeper sleeper) {
        this.budget = budget;
        this.bucket = bucket;
        this.sleeper = sleeper;
    }

    public String bucket() {
        return bucket;
    }

    /** Waits until the bucket grants a permit at {@code interval} per request with bursts up to {@code burst}. */
    public void acquire(Duration interval, Duration burst) {
        while (true) {
            Duration wait = budget.take(bucket, interval, burst);
            if (wait.isZero() || wait.isNegative()) {
                return;
            }
            long jitter = ThreadLocalRandom.current().nextLong(Math.min(MAX_JITTER_MS, wait.toMillis() / 4) + 1);
            try {
                sleeper.sleep(wait.plusMillis(jitter));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientFailure("interrupted while waiting for the shared request budget " + bucket, e);
            }
        }
    }

    /** No process gets a permit before {@code until}. */
    public void holdUntil(Instant until, Duration interval, Duration burst) {
        budget.holdUntil(bucket, until, interval, burst);
    }
}
