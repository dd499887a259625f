package com.bcerp.core.order;

import com.bcerp.core.port.SyncState;
import java.time.Duration;
import java.time.Instant;

/**
 * Status changes the connector made in the store itself, so that the store's echo of them (a
 * {@code store/order/statusUpdated} webhook) does not bounce back to the back office.
 *
 * <p>The hook for the flow that writes statuses back to the store (shipped, cancelled): it calls {@link #record}
 * just before it sets a status; {@link OrderChanges} asks {@link #isEcho} of every status change it receives and
 * ignores one that matches a write made within {@code window} before the event.
 */
public final class OwnStatusWrites {

    private final SyncState state;
    private final Duration window;

    public OwnStatusWrites(SyncState state, Duration window) {
        this.state = state;
        this.window = window;
    }

    public static String recordKey(String storeHash, long orderId, int statusId) {
        return "own-status#" + storeHash + "#" + orderId + "#" + statusId;
    }

    /** Remembers that the connector is about to set {@code statusId} on the order, at {@code at}. */
    public void record(String storeHash, long orderId, int statusId, Instant at) {
        state.complete(recordKey(storeHash, orderId, statusId), at.toString());
    }

    /** Whether a change to {@code statusId} that the store reported at {@code eventAt} is the connector's own. */
    public boolean isEcho(String storeHash, long orderId, int statusId, Instant eventAt) {
        return state.completed(recordKey(storeHash, orderId, statusId)).map(Instant::parse)
                .filter(at -> !eventAt.isBefore(at.minusSeconds(5)) && eventAt.isBefore(at.plus(window))).isPresent();
    }
}
