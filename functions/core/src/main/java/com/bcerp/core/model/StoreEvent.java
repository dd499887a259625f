package com.bcerp.core.model;

import java.util.Map;
import java.util.OptionalLong;

/**
 * A change notice from the store (a webhook, or an equivalent produced by the catch-up poll). Thin: it names what
 * changed; the worker fetches the current state.
 *
 * @param scope        e.g. {@code store/order/created}
 * @param resourceType e.g. {@code order}, or {@code transaction} for a payment transaction
 * @param resourceId   the id of the changed resource, e.g. the order id or the transaction id
 * @param data         the notice's {@code data} object as received (status ids, refund id, order_id, ...)
 */
public record StoreEvent(
        String storeHash, String scope, String resourceType, String resourceId, long createdAt, String hash,
        Map<String, Object> data) {

    public static final String TRANSACTION = "transaction";
    public static final String CUSTOMER = "customer";
    private static final String ADDRESS_SCOPE_PREFIX = "store/customer/address/";

    public StoreEvent {
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    public boolean isOrderEvent() {
        return scope.startsWith("store/order/") && ("order".equals(resourceType) || TRANSACTION.equals(resourceType));
    }

    public boolean isCustomerEvent() {
        return scope.startsWith("store/customer/") && CUSTOMER.equals(resourceType);
    }

    /**
     * The store customer a customer event is about: the resource itself, or {@code data.address.customer_id} for an
     * address event (whose {@code data.id} is the address). Empty when it names none that is a number.
     */
    public OptionalLong customerId() {
        if (!isCustomerEvent()) {
            return OptionalLong.empty();
        }
        Object id = !scope.startsWith(ADDRESS_SCOPE_PREFIX) ? resourceId
                : data.get("address") instanceof Map<?, ?> address ? address.get("customer_id") : null;
        return number(id);
    }

    /**
     * The order the event is about: the resource itself for order events, {@code data.order_id} for a transaction
     * (whose notice carries no {@code data.id}). Empty when the event is not about an order or names none that is a
     * number.
     */
    public OptionalLong orderId() {
        Object id = "order".equals(resourceType) ? resourceId : TRANSACTION.equals(resourceType) ? data.get("order_id") : null;
        return number(id);
    }

    private static OptionalLong number(Object id) {
        if (id == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(id.toString().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * FIFO group: every event about one order (its changes, refunds and transactions) is handled in order, one at a
     * time, and so is every event about one customer (its updates and address changes); any other resource is its
     * own group.
     */
    public String orderingKey() {
        OptionalLong order = orderId();
        if (order.isPresent() && scope.startsWith("store/order/")) {
            return storeHash + ":order:" + order.getAsLong();
        }
        OptionalLong customer = customerId();
        return customer.isPresent() ? storeHash + ":customer:" + customer.getAsLong()
                : storeHash + ":" + resourceType + ":" + resourceId;
    }
}
