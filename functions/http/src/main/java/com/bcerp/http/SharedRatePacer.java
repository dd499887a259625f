package com.bcerp.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Paces every process's requests to one system at a fixed rate from a shared budget (e.g. a back office's
 * licence: requests per minute), and when the system refuses with 429 and says when to come back
 * ({@code Retry-After}), holds every process until then, not only the one that was refused.
 */
public final class SharedRatePacer implements ApiClient.Pacer {

    private final SharedRate rate;
    private final Duration interval;
    private final Duration burst;
    private final Clock clock;

    /**
     * @param requestsPerMinute the rate all processes together keep to
     * @param burstRequests     how many requests may go at once after a quiet spell
     */
    public SharedRatePacer(SharedRate rate, int requestsPerMinute, int burstRequests, Clock clock) {
        if (requestsPerMinute < 1 || burstRequests < 1) {
            throw new IllegalArgumentException("requestsPerMinute and burstRequests must be positive");
        }
        this.rate = rate;
        this.interval = Duration.ofMillis(Math.max(1, 60_000L / requestsPerMinute));
        this.burst = interval.multipliedBy(burstRequests);
        this.clock = clock;
    }

    @Override
    public void beforeRequest() {
        rate.acquire(interval, burst);
    }

    @Override
    public void afterResponse(ApiResponse response) {
        if (response.status() == 429) {
            ApiClient.retryAfter(response).ifPresent(wait -> {
                Instant until = clock.instant().plus(wait);
                rate.holdUntil(until, interval, burst);
            });
        }
    }

    @Override
    public Optional<Duration> waitHint(ApiResponse response) {
        return ApiClient.retryAfter(response);
    }
}
