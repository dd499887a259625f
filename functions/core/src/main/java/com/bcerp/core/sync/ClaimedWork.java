package com.bcerp.core.sync;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.port.SyncState;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * Work on one record under its claim, audited, the same way for every flow: a completed record answers
 * {@link Outcome#ALREADY_SYNCED}; one another attempt holds is a {@link TransientFailure} (the queue retries it); a
 * {@link PermanentFailure} parks the record with its reason (blocking nothing behind it); any other failure gives the
 * claim up and is retried as a transient one.
 */
public final class ClaimedWork {

    private final SyncState state;
    private final Clock clock;
    private final Duration lease;

    public ClaimedWork(SyncState state, Clock clock, Duration lease) {
        this.state = state;
        this.clock = clock;
        this.lease = lease;
    }

    /**
     * @param what      the record as people know it, for messages, e.g. "order 250"
     * @param reconcile true for work that runs again whenever asked (payments, order changes): the claim is given
     *                  up when the work ends, where other work completes (or gives up) the claim itself
     * @param work      given the attempt to end with its outcome
     */
    public Outcome run(String key, String trigger, String what, boolean reconcile, Function<Attempt, Outcome> work) {
        Attempt attempt = Attempt.start(state, clock, key, trigger);
        Claim claim = state.claim(key, lease);
        switch (claim.status()) {
            case DONE -> {
                return attempt.end(Outcome.ALREADY_SYNCED, claim.result(), null);
            }
            case BUSY -> {
                attempt.end(Outcome.RETRYING, null, "another attempt holds " + what);
                throw new TransientFailure(what + " is being synced by another attempt");
            }
            case ACQUIRED -> attempt.claimed(claim);
        }
        try {
            Outcome outcome = work.apply(attempt);
            if (reconcile) {
                state.release(key);
            }
            return outcome;
        } catch (PermanentFailure e) {
            state.park(key, e.reason());
            return attempt.end(Outcome.PARKED, null, e.reason());
        } catch (RuntimeException e) {
            state.release(key);
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            attempt.end(Outcome.RETRYING, null, reason);
            throw e instanceof TransientFailure t ? t : new TransientFailure(what + ": " + reason, e);
        }
    }
}
