package com.bcerp.core.order;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.StoreEvent;
import com.bcerp.core.sync.Outcome;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes a queued store event to the flow that handles it. */
public final class StoreEventHandler {

    private static final Logger log = LoggerFactory.getLogger(StoreEventHandler.class);

    /** Order scopes after which the order must exist in the back office. */
    private static final Set<String> ORDER_IMPORT_SCOPES = Set.of(
            "store/order/created", "store/order/updated", "store/order/statusUpdated");

    private final OrderImport orderImport;

    public StoreEventHandler(OrderImport orderImport) {
        this.orderImport = orderImport;
    }

    /** Returns the outcome, or empty when no flow handles this scope. */
    public Optional<Outcome> handle(StoreEvent event) {
        if (event.isOrderEvent() && ORDER_IMPORT_SCOPES.contains(event.scope())) {
            long orderId = orderId(event);
            return Optional.of(orderImport.importOrder(event.storeHash(), orderId, event.scope() + " " + event.hash()));
        }
        log.info("no flow handles {} for {} {}; ignored", event.scope(), event.resourceType(), event.resourceId());
        return Optional.empty();
    }

    private static long orderId(StoreEvent event) {
        try {
            return Long.parseLong(event.resourceId());
        } catch (NumberFormatException e) {
            throw new PermanentFailure("data.id", "event " + event.scope() + ": order id '" + event.resourceId()
                    + "' is not a number");
        }
    }
}
