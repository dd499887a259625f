package com.bcerp.core.sync;

/** How one attempt at a record ended, as the audit trail and ops see it. */
public enum Outcome {
    /** The back-office document was created. */
    CREATED,
    /** The back-office record was changed to follow the store (a customer's name, contacts or addresses). */
    UPDATED,
    /** The back-office document was cancelled (the store cancelled the order). */
    CANCELLED,
    /** The document already existed in the back office (found by its external reference) and was linked. */
    LINKED_EXISTING,
    /** The record had been synced before; this event changed nothing. */
    ALREADY_SYNCED,
    /** The record does not qualify (e.g. an incomplete order) and was left alone. */
    SKIPPED,
    /** The record cannot be synced until someone fixes its cause; it waits for a replay. */
    PARKED,
    /** A transient failure; the attempt will be retried. */
    RETRYING
}
