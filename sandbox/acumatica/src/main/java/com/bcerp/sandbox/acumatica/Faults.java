package com.bcerp.sandbox.acumatica;

import java.time.Duration;
import java.util.Random;

/**
 * Knobs for fault injection, all off by default and changeable while the sandbox runs.
 *
 * <ul>
 *   <li>{@link #unavailable(boolean)}: every entity call answers 503 (the instance is down or being updated);</li>
 *   <li>{@link #latency(Duration)}: every call waits this long before it is handled;</li>
 *   <li>{@link #timeoutShare(double)}: this share of entity calls hangs for {@link #hang(Duration)}, past the
 *       client's timeout; with {@link #timeoutAfterWrite(boolean)} the call is handled first, so a PUT is stored and
 *       only its answer is lost (a crash after the write);</li>
 *   <li>{@link #rejectLogin(boolean)}: token requests are refused with Acumatica's "API Login Limit" error (the
 *       licence's API users are all signed in);</li>
 *   <li>{@link #licenceLimit(int)}: entity calls beyond this many in a minute are declined with 429, as the licence's
 *       requests-per-minute limit declines them (without {@code Retry-After}, which Acumatica does not document).</li>
 * </ul>
 */
public final class Faults {

    private volatile boolean unavailable;
    private volatile Duration latency = Duration.ZERO;
    private volatile double timeoutShare;
    private volatile boolean timeoutAfterWrite;
    private volatile Duration hang = Duration.ofSeconds(30);
    private volatile boolean rejectLogin;
    private volatile int licenceLimit;
    private final Random random = new Random();
    private final java.util.concurrent.atomic.AtomicLong timeoutsInjected = new java.util.concurrent.atomic.AtomicLong();
    private long minute = -1;
    private int callsThisMinute;

    public Faults unavailable(boolean on) {
        this.unavailable = on;
        return this;
    }

    public boolean unavailable() {
        return unavailable;
    }

    public Faults latency(Duration delay) {
        this.latency = delay;
        return this;
    }

    public Duration latency() {
        return latency;
    }

    public Faults timeoutShare(double share) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("timeoutShare is a share between 0 and 1, was " + share);
        }
        this.timeoutShare = share;
        return this;
    }

    public double timeoutShare() {
        return timeoutShare;
    }

    public Faults timeoutAfterWrite(boolean on) {
        this.timeoutAfterWrite = on;
        return this;
    }

    public boolean timeoutAfterWrite() {
        return timeoutAfterWrite;
    }

    /** How long a timed-out call hangs before the sandbox gives up on it (longer than any client timeout). */
    public Faults hang(Duration duration) {
        this.hang = duration;
        return this;
    }

    public Duration hang() {
        return hang;
    }

    public Faults rejectLogin(boolean on) {
        this.rejectLogin = on;
        return this;
    }

    public boolean rejectLogin() {
        return rejectLogin;
    }

    /** Entity calls allowed per minute before 429; 0 for no limit. */
    public Faults licenceLimit(int perMinute) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("licenceLimit is a number of requests per minute, was " + perMinute);
        }
        this.licenceLimit = perMinute;
        return this;
    }

    public int licenceLimit() {
        return licenceLimit;
    }

    /** Makes the timeout draws repeatable. */
    public Faults seed(long seed) {
        random.setSeed(seed);
        return this;
    }

    /** Turns every fault off. */
    public Faults reset() {
        return unavailable(false).latency(Duration.ZERO).timeoutShare(0).timeoutAfterWrite(false)
                .hang(Duration.ofSeconds(30)).rejectLogin(false).licenceLimit(0);
    }

    /** Counts one entity call against the licence's minute; false when it is over the limit. */
    synchronized boolean withinLicence(long epochMillis) {
        if (licenceLimit == 0) {
            return true;
        }
        long current = epochMillis / 60_000;
        if (current != minute) {
            minute = current;
            callsThisMinute = 0;
        }
        return ++callsThisMinute <= licenceLimit;
    }

    boolean drawTimeout() {
        double share = timeoutShare;
        boolean drawn = share > 0 && random.nextDouble() < share;
        if (drawn) {
            timeoutsInjected.incrementAndGet();
        }
        return drawn;
    }

    /** Calls made to hang so far (by {@link #timeoutShare(double)}). */
    public long timeoutsInjected() {
        return timeoutsInjected.get();
    }
}
