package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.http.HttpError;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The licence's requests-per-minute limit as Acumatica documents it (License Restrictions for API Users, see
 * {@code ../shared/research/erp-apis.md} §1.9): requests are queued, not refused. While fewer than half the minute's
 * limit have been let through, a request goes at once; past half, each one waits in the queue for
 * {@code the rest of the minute / the requests the minute has left}, so the minute's last request lands at its end;
 * with none left, until the next minute. A request is declined (429 with the licence's message) only when more than
 * {@link #MAX_QUEUED} are already queued, or it has been queued longer than {@link #MAX_WAIT_MINUTES} minutes.
 * Acumatica gives no sign while a request waits, so the client just sees a slow answer; a request whose client gave
 * up is still let through and handled (the server does not know the client left).
 *
 * <p>UNCONFIRMED, and modelled the harsher way: that the queue lets requests through one at a time in arrival order
 * (so waits add up behind each other), that minutes are the clock's minutes (not a sliding minute), and how large
 * the delay really is ({@link Faults#licenceDelay} replaces the documented formula by a fixed delay, to rehearse a
 * harsher one). Minutes are the sandbox clock's; their length is {@link Faults#licenceMinute} (one minute unless a
 * test shortens it, the ten-minute limit with it). Only entity calls are counted, sign-outs not (nor sign-ins, which
 * are not under the endpoint).
 */
final class LicenceQueue {

    /** More than this many queued and the next request is declined. */
    static final int MAX_QUEUED = 20;
    /** Queued longer than this many minutes and a request is declined. */
    static final int MAX_WAIT_MINUTES = 10;
    static final String DECLINED = "The number of requests has exceeded the limit imposed by the license.";
    /** How often a waiting request looks at the clock again (a test's clock may be moved by hand). */
    private static final long POLL_MS = 10;

    private final Clock clock;
    // a lock, not a monitor: the sandbox serves each request on a virtual thread, which a monitor's wait would pin
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<Object> queue = new ArrayDeque<>();
    private int limit;
    private long minuteMs = Duration.ofMinutes(1).toMillis();
    private Duration fixedDelay;
    private long minute = Long.MIN_VALUE;
    private int used;
    private long delayed;
    private long declined;

    LicenceQueue(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param limit      requests per minute; 0: no limit
     * @param fixedDelay each queued request's delay instead of the documented formula; null for the formula
     */
    void configure(int limit, Duration minute, Duration fixedDelay) {
        lock.lock();
        try {
            this.limit = limit;
            this.minuteMs = minute.toMillis();
            this.fixedDelay = fixedDelay;
            this.minute = Long.MIN_VALUE;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the request's turn; throws the licence's 429 when it is declined. */
    void admit() {
        lock.lock();
        try {
            admitLocked();
        } finally {
            lock.unlock();
        }
    }

    private void admitLocked() {
        if (limit == 0) {
            return;
        }
        long now = clock.millis();
        roll(now);
        if (queue.isEmpty() && 2 * used < limit) {
            used++;
            return;
        }
        if (queue.size() >= MAX_QUEUED) {
            declined++;
            throw AcumaticaErrors.of(429, DECLINED);
        }
        Object ticket = new Object();
        queue.addLast(ticket);
        delayed++;
        long giveUpAt = now + MAX_WAIT_MINUTES * minuteMs;
        try {
            while (queue.peekFirst() != ticket) {
                waitUntil(giveUpAt, giveUpAt);
            }
            long releaseAt = Long.MIN_VALUE;
            while (true) {
                now = clock.millis();
                declineAfter(giveUpAt, now);
                roll(now);
                if (releaseAt == Long.MIN_VALUE) {
                    releaseAt = now + delayAt(now);
                }
                if (limit == 0 || now >= releaseAt && used < limit) {
                    used++;
                    return;
                }
                if (now >= releaseAt) {
                    releaseAt = Long.MIN_VALUE; // the minute is spent: wait for the next one, then take a new delay
                    waitUntil(minuteEnd(now), giveUpAt);
                } else {
                    waitUntil(releaseAt, giveUpAt);
                }
            }
        } finally {
            queue.remove(ticket);
            changed.signalAll();
        }
    }

    /** Requests that had to queue, and requests declined, so far. */
    long delayed() {
        lock.lock();
        try {
            return delayed;
        } finally {
            lock.unlock();
        }
    }

    long declined() {
        lock.lock();
        try {
            return declined;
        } finally {
            lock.unlock();
        }
    }

    /** The wait of the request at the head of the queue, from {@code now}: none while under half the limit. */
    private long delayAt(long now) {
        if (2 * used < limit) {
            return 0;
        }
        if (fixedDelay != null) {
            return fixedDelay.toMillis();
        }
        int left = limit - used;
        return left <= 0 ? minuteEnd(now) - now : (minuteEnd(now) - now) / left;
    }

    /** Waits (releasing the lock) until {@code until} on the clock or a change; declines past {@code giveUpAt}. */
    private void waitUntil(long until, long giveUpAt) {
        long now = clock.millis();
        declineAfter(giveUpAt, now);
        if (now < until) {
            try {
                changed.await(Math.max(1, Math.min(POLL_MS, until - now)), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HttpError(503, "The sandbox is shutting down.");
            }
        }
    }

    private void declineAfter(long giveUpAt, long now) {
        if (now > giveUpAt) {
            declined++;
            throw AcumaticaErrors.of(429, DECLINED);
        }
    }

    private void roll(long now) {
        long current = Math.floorDiv(now, minuteMs);
        if (current != minute) {
            minute = current;
            used = 0;
        }
    }

    private long minuteEnd(long now) {
        return (Math.floorDiv(now, minuteMs) + 1) * minuteMs;
    }
}
