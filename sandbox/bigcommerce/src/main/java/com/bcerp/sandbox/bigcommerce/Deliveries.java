package com.bcerp.sandbox.bigcommerce;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Webhook delivery statistics of the sandbox. */
public final class Deliveries {

    /** A consistent-enough copy of the counters, for reports. */
    public record Snapshot(long eventsRaised, long messages, long dropped, long attempts, long successes, long failures,
            long pendingRetries, long deactivatedHooks, long heldByBlocklist) {}

    final AtomicLong eventsRaised = new AtomicLong();
    final AtomicLong messages = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong attempts = new AtomicLong();
    final AtomicLong successes = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong deactivatedHooks = new AtomicLong();
    final AtomicLong heldByBlocklist = new AtomicLong();
    private final LongSupplier pendingRetries;

    Deliveries(LongSupplier pendingRetries) {
        this.pendingRetries = pendingRetries;
    }

    /** Store events (order created, updated, status changed) raised, whether or not a hook wanted them. */
    public long eventsRaised() {
        return eventsRaised.get();
    }

    /** Messages: one per event and subscribed hook. */
    public long messages() {
        return messages.get();
    }

    /** Messages never delivered because of {@link Faults#dropDeliveryShare()}. */
    public long dropped() {
        return dropped.get();
    }

    /** HTTP deliveries tried, retries and duplicate copies included. */
    public long attempts() {
        return attempts.get();
    }

    public long successes() {
        return successes.get();
    }

    public long failures() {
        return failures.get();
    }

    /** Retries scheduled and not yet tried. */
    public long pendingRetries() {
        return pendingRetries.getAsLong();
    }

    /** Hooks deactivated after their last retry failed. */
    public long deactivatedHooks() {
        return deactivatedHooks.get();
    }

    /** Deliveries not sent because their domain was blocklisted, each put back on the retry schedule instead. */
    public long heldByBlocklist() {
        return heldByBlocklist.get();
    }

    public Snapshot snapshot() {
        return new Snapshot(eventsRaised(), messages(), dropped(), attempts(), successes(), failures(), pendingRetries(),
                deactivatedHooks(), heldByBlocklist());
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
