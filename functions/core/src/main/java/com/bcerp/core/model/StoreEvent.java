package com.bcerp.core.model;

import java.util.Map;

/**
 * A change notice from the store (a webhook, or an equivalent produced by the catch-up poll). Thin: it names what
 * changed; the worker fetches the current state.
 *
 * @param scope        e.g. {@code store/order/created}
 * @param resourceType e.g. {@code order}
 * @param resourceId   the id of the changed resource, e.g. the order id
 * @param data         the notice's {@code data} object as received (status ids, refund id, ...)
 */
public record StoreEvent(
        String storeHash, String scope, String resourceType, String resourceId, long createdAt, String hash,
        Map<String, Object> data) {

    public StoreEvent {
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    public boolean isOrderEvent() {
        return scope.startsWith("store/order/") && "order".equals(resourceType);
    }

    /** FIFO group: every event about one order is handled in order, one at a time. */
    public String orderingKey() {
        return storeHash + ":" + resourceType + ":" + resourceId;
    }
}
