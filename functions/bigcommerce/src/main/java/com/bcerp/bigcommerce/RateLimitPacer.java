package com.bcerp.bigcommerce;

import com.bcerp.core.failure.TransientFailure;
import com.bcerp.http.ApiClient;
import com.bcerp.http.ApiResponse;
import com.bcerp.http.SharedRate;
import com.bcerp.http.Sleeper;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
 * <p>One pacer per store and process ({@link #forStore}), shared by every client that calls that store. Lambda runs
 * each function instance in its own process, so a pacer built with a {@link SharedRate} also keeps every process
 * together to {@code share} of the quota (a request budget in DynamoDB, one permit per request, paced at the
 * quota the store reports), and a 429 holds every process until the store's window resets, not only this one.
 */
public final class RateLimitPacer implements ApiClient.Pacer {

    private static final Map<String, RateLimitPacer> BY_STORE = new ConcurrentHashMap<>();

    /** Until a response has told us the quota, only one request is let through at a time, for this long at most. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(20);

    /** The rate every process together keeps to: one request per interval, bursts up to {@code burst}. */
    private record Pace(Duration interval, Duration burst) {}

    private final Clock clock;
    private final Sleeper sleeper;
    private final SharedRate shared;
    private final BigDecimal share;
    private boolean known;
    private long left;
    private long quota;
    private long windowMs = 30_000;
    private Instant resetAt = Instant.MIN;
    private Instant probeUntil = Instant.MIN;

    /** Paces this process only. */
    public RateLimitPacer(Clock clock, Sleeper sleeper) {
        this(clock, sleeper, null, BigDecimal.ONE);
    }

    /**
     * Paces this process and, through {@code shared}, every process that calls the store.
     *
     * @param share the share of the store's quota all processes together may use (0.1 to 1): other apps use the rest
     */
    public RateLimitPacer(Clock clock, Sleeper sleeper, SharedRate shared, BigDecimal share) {
        if (share.signum() <= 0 || share.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("share must be above 0 and at most 1, was " + share);
        }
        this.clock = clock;
        this.sleeper = sleeper;
        this.shared = shared;
        this.share = share;
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
                break;
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientFailure("interrupted while waiting for the BigCommerce rate limit", e);
            }
        }
        if (shared != null) {
            sharedPace().ifPresent(pace -> shared.acquire(pace.interval(), pace.burst()));
        }
    }

    /** Once the store has told us its quota: {@code share} of it, spread over its window, in bursts of a tenth. */
    private synchronized Optional<Pace> sharedPace() {
        if (!known || quota < 1) {
            return Optional.empty();
        }
        long permitted = Math.max(1, share.multiply(BigDecimal.valueOf(quota)).setScale(0, RoundingMode.FLOOR).longValue());
        Duration interval = Duration.ofMillis(Math.max(1, windowMs / permitted));
        return Optional.of(new Pace(interval, interval.multipliedBy(Math.max(1, permitted / 10))));
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
    public void afterResponse(ApiResponse response) {
        boolean tooMany = learn(response);
        if (tooMany && shared != null) {
            Instant until;
            synchronized (this) {
                until = resetAt;
            }
            sharedPace().ifPresent(pace -> shared.holdUntil(until, pace.interval(), pace.burst()));
        }
    }

    /** Updates the window from the response's headers; true when it was a 429 that set the window's reset. */
    private synchronized boolean learn(ApiResponse response) {
        OptionalLong headerLeft = response.headerLong("X-Rate-Limit-Requests-Left");
        OptionalLong resetMs = response.headerLong("X-Rate-Limit-Time-Reset-Ms");
        OptionalLong headerQuota = response.headerLong("X-Rate-Limit-Requests-Quota");
        if (headerLeft.isEmpty() || resetMs.isEmpty()) {
            return false;
        }
        Instant reportedReset = clock.instant().plusMillis(resetMs.getAsLong());
        // the reset time a response reports wobbles by the request's latency; a window is far longer than that
        windowMs = Math.max(1, response.headerLong("X-Rate-Limit-Time-Window-Ms").orElse(windowMs));
        Duration slack = Duration.ofMillis(Math.min(500, windowMs / 4));
        if (!known || reportedReset.isAfter(resetAt.plus(slack))) {
            left = headerLeft.getAsLong();
            resetAt = reportedReset;
        } else if (reportedReset.isBefore(resetAt.minus(slack))) {
            return false; // a late answer from the previous window says nothing about this one
        } else {
            left = Math.min(left, headerLeft.getAsLong());
        }
        quota = headerQuota.orElse(Math.max(quota, headerLeft.getAsLong()));
        known = true;
        if (response.status() == 429) {
            left = 0;
            resetAt = clock.instant().plus(waitHint(response).orElse(Duration.ofMillis(resetMs.getAsLong())));
            return true;
        }
        return false;
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
