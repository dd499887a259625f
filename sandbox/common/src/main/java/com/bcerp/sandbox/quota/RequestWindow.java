package com.bcerp.sandbox.quota;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A request quota over a time window, on an injected clock: {@link #acquire()} spends one request if the quota has
 * one left and says how many remain and when the window resets, so each sandbox renders the vendor's own answer
 * (429 with {@code Retry-After}, {@code X-Rate-Limit-*}, {@code X-RateLimit-*}, ...).
 *
 * <ul>
 *   <li>{@link #fixed}: the quota refreshes whole at fixed boundaries, counted from when the window was made;</li>
 *   <li>{@link #fixedOnClock}: the same, with boundaries at multiples of the window on the clock (each calendar
 *       minute, each hour);</li>
 *   <li>{@link #sliding}: at most {@code quota} requests in any window-long span; a request is allowed again once
 *       the oldest one counted has left the window.</li>
 * </ul>
 * Refused requests are not counted.
 */
public final class RequestWindow {

    /**
     * What one request saw.
     *
     * @param granted   false: answer it with the vendor's "too many requests"
     * @param remaining requests left in the window after this one
     * @param resetMs   milliseconds until the quota refreshes (fixed) or until one more request is allowed (sliding)
     */
    public record Reading(boolean granted, int quota, int remaining, long windowMs, long resetMs) {

        /** Whole seconds until the reset, rounded up and at least 1, as a {@code Retry-After} header says it. */
        public long retryAfterSeconds() {
            return Math.max(1, (resetMs + 999) / 1000);
        }

        public Duration untilReset() {
            return Duration.ofMillis(resetMs);
        }

        /** The same moment as a refusal with nothing left (a sandbox that refuses whatever the count, e.g. a storm). */
        public Reading refused() {
            return new Reading(false, quota, 0, windowMs, resetMs);
        }
    }

    private enum Kind { FIXED, SLIDING }

    private final Kind kind;
    private final long windowMs;
    private final Clock clock;
    private final long origin;
    private int quota;
    private long window = Long.MIN_VALUE;
    private int used;
    private final Deque<Long> granted = new ArrayDeque<>();

    private RequestWindow(Kind kind, int quota, Duration window, Clock clock, long origin) {
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("a request window must be at least a millisecond, was " + window);
        }
        this.kind = kind;
        this.windowMs = window.toMillis();
        this.clock = clock;
        this.origin = origin;
        quota(quota);
    }

    /** Windows of {@code window} from now on, each with the whole quota. */
    public static RequestWindow fixed(int quota, Duration window, Clock clock) {
        return new RequestWindow(Kind.FIXED, quota, window, clock, clock.millis());
    }

    /** Windows at multiples of {@code window} since the epoch (a minute's window resets on each minute of the clock). */
    public static RequestWindow fixedOnClock(int quota, Duration window, Clock clock) {
        return new RequestWindow(Kind.FIXED, quota, window, clock, 0);
    }

    /** At most {@code quota} granted requests in any span of {@code window}. */
    public static RequestWindow sliding(int quota, Duration window, Clock clock) {
        return new RequestWindow(Kind.SLIDING, quota, window, clock, 0);
    }

    /** Changes the quota from now on; what the current window has used stays used. */
    public synchronized RequestWindow quota(int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("a quota is at least one request, was " + requests);
        }
        this.quota = requests;
        return this;
    }

    public synchronized int quota() {
        return quota;
    }

    public long windowMs() {
        return windowMs;
    }

    /** Spends one request if one is left. */
    public synchronized Reading acquire() {
        return read(true);
    }

    /** The current state, spending nothing. */
    public synchronized Reading peek() {
        return read(false);
    }

    private Reading read(boolean spend) {
        long now = clock.millis();
        return kind == Kind.FIXED ? fixedRead(now, spend) : slidingRead(now, spend);
    }

    private Reading fixedRead(long now, boolean spend) {
        long elapsed = now - origin;
        long current = Math.floorDiv(elapsed, windowMs);
        if (current != window) {
            window = current;
            used = 0;
        }
        long resetMs = windowMs - Math.floorMod(elapsed, windowMs);
        boolean ok = spend && used < quota;
        if (ok) {
            used++;
        }
        return new Reading(ok, quota, Math.max(0, quota - used), windowMs, resetMs);
    }

    private Reading slidingRead(long now, boolean spend) {
        while (!granted.isEmpty() && granted.peekFirst() <= now - windowMs) {
            granted.removeFirst();
        }
        boolean ok = spend && granted.size() < quota;
        if (ok) {
            granted.addLast(now);
        }
        long resetMs = granted.isEmpty() ? 0 : granted.peekFirst() + windowMs - now;
        return new Reading(ok, quota, Math.max(0, quota - granted.size()), windowMs, resetMs);
    }
}
