package com.bcerp.core.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * How far a back-office change feed (stock, catalogue) got.
 *
 * @param position      the newest back-office modification time whose changes are in the store
 * @param lastFullRun   when the last full pass (every record, whatever changed) started
 * @param lastFullItems how many records that pass read (a progress estimate for the next one)
 */
public record FeedCursor(Instant position, Instant lastFullRun, long lastFullItems) {

    public FeedCursor {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(lastFullRun, "lastFullRun");
    }
}
