package com.bcerp.core.order;

import com.bcerp.core.model.StoreEvent;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.sync.Outcome;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queued store events, each signed delivery handled once: a delivery id already handled (a retry of a delivery
 * that did get through, or a captured delivery posted again after the queue's 5-minute deduplication) is dropped
 * before any store call. The record is written only after the event was handled, so a message the queue redelivers
 * after a failure, or one redriven from the dead-letter queue, is handled again. A replay that overtakes the
 * original is handled twice, which the flows' own idempotency absorbs.
 */
public final class DeliveredOnce {

    private static final Logger log = LoggerFactory.getLogger(DeliveredOnce.class);
    private static final String KEY_PREFIX = "delivery#";

    private final StoreEventHandler events;
    private final SyncState state;

    public DeliveredOnce(StoreEventHandler events, SyncState state) {
        this.events = events;
        this.state = state;
    }

    /**
     * @param deliveryId the signed delivery the event came in (empty for the catch-up's events and unsigned ones)
     * @return the primary back office's outcome, or empty when nothing handled it
     */
    public Optional<Outcome> handle(Optional<String> deliveryId, StoreEvent event) {
        if (deliveryId.isEmpty()) {
            return events.handle(event);
        }
        String key = KEY_PREFIX + deliveryId.get();
        if (state.completed(key).isPresent()) {
            log.info("{} for {} {}: this delivery was handled already (a late retry or a replay); dropped",
                    event.scope(), event.resourceType(), event.resourceId());
            return Optional.empty();
        }
        Optional<Outcome> outcome = events.handle(event);
        state.complete(key, outcome.map(Outcome::name).orElse("IGNORED"));
        return outcome;
    }
}
