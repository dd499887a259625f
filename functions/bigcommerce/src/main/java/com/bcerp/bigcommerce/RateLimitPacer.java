package com.bcerp.bigcommerce;

import com.bcerp.core.failure.TransientFailure;
import com.bcerp.http.ApiClient;
import com.bcerp.http.ApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the calls to one store inside its quota by reading BigCommerce's {@code X-Rate-Limit-*} headers: it counts
 * down the requests left in the current window (the server's figure wins when it is lower: other apps share the
 * quota), and when none are left it holds every caller until the window resets. On a 429 the wait is the longer of
 * {@code X-Rate-Limit-Time-Reset-Ms} and {@code X-Retry-After}, as BigCommerce asks.
 *
 * <p>One pacer per store and process ({@link #forStore}), shared by every client that calls that store.
 */
public final class RateLimitPacer implements ApiClient.Pacer {

    /** How the pacer waits; tests substitute one that records instead of sleeping. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper THREAD = Thread::sleep;
    }

    private static final Map<String, RateLimitPacer> BY_STORE = new ConcurrentHashMap<>();

    /** Until a response has told us the quota, only one request is let through at a time, for this long at most. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(20);

    private final Clock clock;
    private final Sleeper sleeper;
    private boolean known;
    private long left;
    private long quota;
    private long windowMs = 30_000;
    private Instant resetAt = Instant.MIN;
    private Instant probeUntil = Instant.MIN;

    public RateLimitPacer(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The process-wide pacer of one store. */
    public static RateLimitPacer forStore(String storeHash) {
        return BY_STORE.computeIfAbsent(storeHash, h -> new RateLimitPacer(Clock.systemUTC(), Sleeper.THREAD));
    }

    @Override
    public void beforeRequest() {
        while (true) {
            Duration wait = reserve();
            if (wait.isZero()) {
                return;
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientFailure("interrupted while waiting for the BigCommerce rate limit", e);
            }
        }
    }

    /** Takes one request from the window, or says how long to wait before asking again. */
    private synchronized Duration reserve() {
        Instant now = clock.instant();
        if (known && !now.isBefore(resetAt)) {
            // the window has turned over: the full quota is back until the next one (answers will correct this)
            left = quota;
            while (!now.isBefore(resetAt)) {
                resetAt = resetAt.plusMillis(windowMs);
            }
        }
        if (!known) {
            if (now.isBefore(probeUntil)) {
                return POLL;
            }
            probeUntil = now.plus(PROBE_TIMEOUT);
            return Duration.ZERO;
        }
        if (left > 0) {
            left--;
            return Duration.ZERO;
        }
        return Duration.between(now, resetAt).plusMillis(1);
    }

    @Override
    public synchronized void afterResponse(ApiResponse response) {
        OptionalLong headerLeft = response.headerLong("X-Rate-Limit-Requests-Left");
        OptionalLong resetMs = response.headerLong("X-Rate-Limit-Time-Reset-Ms");
        OptionalLong headerQuota = response.headerLong("X-Rate-Limit-Requests-Quota");
        if (headerLeft.isEmpty() || resetMs.isEmpty()) {
            return;
        }
        Instant reportedReset = clock.instant().plusMillis(resetMs.getAsLong());
        // the reset time a response reports wobbles by the request's latency; a window is far longer than that
        windowMs = Math.max(1, response.headerLong("X-Rate-Limit-Time-Window-Ms").orElse(windowMs));
        Duration slack = Duration.ofMillis(Math.min(500, windowMs / 4));
        if (!known || reportedReset.isAfter(resetAt.plus(slack))) {
            left = headerLeft.getAsLong();
            resetAt = reportedReset;
        } else if (reportedReset.isBefore(resetAt.minus(slack))) {
            return; // a late answer from the previous window says nothing about this one
        } else {
            left = Math.min(left, headerLeft.getAsLong());
        }
        quota = headerQuota.orElse(Math.max(quota, headerLeft.getAsLong()));
        if (response.status() == 429) {
            left = 0;
            resetAt = clock.instant().plus(waitHint(response).orElse(Duration.ofMillis(resetMs.getAsLong())));
        }
        known = true;
    }

    @Override
    public Optional<Duration> waitHint(ApiResponse response) {
        OptionalLong resetMs = response.headerLong("X-Rate-Limit-Time-Reset-Ms");
        OptionalLong retryAfter = response.headerLong("X-Retry-After");
        if (resetMs.isEmpty() && retryAfter.isEmpty()) {
            return ApiClient.retryAfter(response);
        }
        long ms = Math.max(resetMs.orElse(0), retryAfter.orElse(0) * 1000);
        return Optional.of(Duration.ofMillis(ms));
    }
}
