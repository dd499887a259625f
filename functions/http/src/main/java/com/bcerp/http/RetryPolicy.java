package com.bcerp.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how long to wait before retrying a transient failure: exponential backoff with full jitter, never
 * shorter than what the server asked for (Retry-After, BigCommerce's reset header).
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    public static RetryPolicy standard() {
        return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(20));
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** The wait before attempt {@code attempt + 1} (attempt counts from 1). */
    public Duration delay(int attempt, Duration serverHint) {
        long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() * (1L << Math.min(attempt - 1, 20)));
        long jittered = cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1);
        long hinted = serverHint == null ? 0 : serverHint.toMillis() + ThreadLocalRandom.current().nextLong(50);
        return Duration.ofMillis(Math.max(jittered, hinted));
    }
}
