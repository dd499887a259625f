package com.bcerp.core.port;

import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.Claim;
import com.bcerp.core.sync.Cursor;
import com.bcerp.core.sync.ParkedRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable sync state: idempotency claims per business key (a completed claim remembers what the work produced, e.g.
 * the back-office document or customer id), and the audit trail. Every write that decides ownership is conditional, so concurrent workers cannot both win.
 */
public interface SyncState {

    /**
     * Claims a business key for {@code lease}. A key that is completed answers DONE; one held by an unexpired lease
     * answers BUSY; an absent, released, parked or expired one is ACQUIRED.
     */
    Claim claim(String key, Duration lease);

    /** Marks the key done for good, remembering what the work produced. */
    void complete(String key, String result);

    /**
     * Marks the key done, for a key worth keeping only until {@code expiresAt}: the store may drop it any time after
     * (DynamoDB's TTL), never before.
     */
    void complete(String key, String result, Instant expiresAt);

    /** What a completed key's work produced, read without claiming it; empty when the key is not completed. */
    Optional<String> completed(String key);

    /** Marks the key as waiting for a fix and a replay, with the reason ops will see. */
    void park(String key, String reason);

    /** Gives the key up after a transient failure, so the retry can claim it at once. */
    void release(String key);

    void audit(AuditRecord record);

    /** The attempts made at one record, oldest first. */
    List<AuditRecord> history(String recordKey);

    /** Every record parked now, oldest first (a replay that succeeds takes it off the list). */
    List<ParkedRecord> parked();

    /**
     * When this state began to be kept (its first use). A record older than that may have been synced under earlier
     * state that was lost, so its absence here proves nothing.
     */
    Instant keptSince();

    /** A scheduled job's cursor, or empty before its first run. */
    Optional<Cursor> cursor(String name);

    /**
     * Records where a job has got to. Callers move a cursor only after the work it covers has succeeded (for the
     * catch-up: every order up to it is enqueued), so a crash never skips work.
     */
    void saveCursor(String name, String position, String note);
}
