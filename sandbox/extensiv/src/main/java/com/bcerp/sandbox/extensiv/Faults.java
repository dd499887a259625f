package com.bcerp.sandbox.extensiv;

import com.bcerp.sandbox.faults.FaultKnobs;
import com.bcerp.sandbox.faults.FaultKnobs.Fault;
import com.bcerp.sandbox.quota.RequestWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Knobs for fault injection, all off by default and changeable while the sandbox runs. They apply to API calls; the
 * token service ({@code /AuthServer}) has its own {@link #tokenServiceDown(boolean)}.
 *
 * <ul>
 *   <li>{@link #unavailable(boolean)} and {@link #outage(Instant, Instant)}: API calls answer 503;</li>
 *   <li>{@link #latency(Duration)}: every call waits this long first;</li>
 *   <li>{@link #serverErrors(double, int)}: this share of API calls fails at once with a 5xx (the tap retries 5xx with
 *       back-off, [E-TAP] client.py, so they happen);</li>
 *   <li>{@link #timeoutShare(double)}: this share hangs for {@link #hang(Duration)} unhandled, then answers 504;</li>
 *   <li>{@link #lostAnswerShare(double)}: this share is handled (an order is created, a cancel done), then hangs:
 *       the client never hears of it;</li>
 *   <li>{@link #throttle(int)}: API calls beyond this many per minute of the clock answer 429. Extensiv publishes no
 *       rate limit; "honor 429 responses with backoff" is third-party advice (erp-apis.md section 4.3, [E-EVANG],
 *       UNCONFIRMED), so the limit and the answer are guesses. {@code Retry-After} is sent only with
 *       {@link #throttleRetryAfter(boolean)}: by default it is absent, the harsher case;</li>
 *   <li>{@link #tokenServiceDown(boolean)}: the token endpoint answers 503.</li>
 * </ul>
 */
public final class Faults {

    private final Clock clock;
    private final FaultKnobs knobs;
    private volatile boolean tokenServiceDown;
    private volatile boolean throttleRetryAfter;
    private volatile int throttle;
    private volatile RequestWindow window;

    Faults(Clock clock) {
        this.clock = clock;
        this.knobs = new FaultKnobs(clock);
    }

    public Faults unavailable(boolean on) {
        knobs.down(on);
        return this;
    }

    public boolean unavailable() {
        return knobs.down();
    }

    /** API calls during [from, until) on the sandbox's clock answer 503 (a maintenance window). */
    public Faults outage(Instant from, Instant until) {
        knobs.outage(from, until);
        return this;
    }

    public Faults latency(Duration delay) {
        knobs.latency(delay);
        return this;
    }

    public Duration latency() {
        return knobs.latency();
    }

    /** This share of API calls fails with {@code status} (500, 502, 503, ...). */
    public Faults serverErrors(double share, int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("a server error is a 5xx status, was " + status);
        }
        knobs.failShare(share, status);
        return this;
    }

    public double serverErrorShare() {
        return knobs.failShare();
    }

    public Faults timeoutShare(double share) {
        knobs.timeoutShare(share);
        return this;
    }

    public double timeoutShare() {
        return knobs.timeoutShare();
    }

    public Faults lostAnswerShare(double share) {
        knobs.lostAnswerShare(share);
        return this;
    }

    public double lostAnswerShare() {
        return knobs.lostAnswerShare();
    }

    /** How long a timed-out or lost call hangs (longer than any client's timeout); 30 s by default. */
    public Faults hang(Duration duration) {
        knobs.hang(duration);
        return this;
    }

    public Duration hang() {
        return knobs.hang();
    }

    /** API calls allowed per minute of the clock before 429; 0 for no limit (the default: none is published). */
    public synchronized Faults throttle(int perMinute) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("throttle is a number of calls per minute, was " + perMinute);
        }
        this.throttle = perMinute;
        if (perMinute == 0) {
            window = null;
        } else if (window == null) {
            window = RequestWindow.fixedOnClock(perMinute, Duration.ofMinutes(1), clock);
        } else {
            window.quota(perMinute);
        }
        return this;
    }

    public int throttle() {
        return throttle;
    }

    /** Whether a 429 carries {@code Retry-After} (seconds until the minute turns); off by default. */
    public Faults throttleRetryAfter(boolean on) {
        this.throttleRetryAfter = on;
        return this;
    }

    public boolean throttleRetryAfter() {
        return throttleRetryAfter;
    }

    public Faults tokenServiceDown(boolean on) {
        this.tokenServiceDown = on;
        return this;
    }

    public boolean tokenServiceDown() {
        return tokenServiceDown;
    }

    /** Makes the drawn faults repeatable. */
    public Faults seed(long seed) {
        knobs.seed(seed);
        return this;
    }

    /** Every fault off (counts stay). */
    public Faults reset() {
        knobs.reset();
        tokenServiceDown = false;
        throttleRetryAfter = false;
        return throttle(0);
    }

    /** API calls that met this fault so far. */
    public long injected(Fault fault) {
        return knobs.injected(fault);
    }

    FaultKnobs knobs() {
        return knobs;
    }

    /** Spends one call of the minute; empty when within the limit, else the seconds until the minute turns. */
    java.util.OptionalLong overThrottle() {
        RequestWindow w = window;
        if (w == null) {
            return java.util.OptionalLong.empty();
        }
        RequestWindow.Reading reading = w.acquire();
        return reading.granted() ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(reading.retryAfterSeconds());
    }
}
