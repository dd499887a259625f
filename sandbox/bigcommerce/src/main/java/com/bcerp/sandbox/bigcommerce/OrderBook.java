package com.bcerp.sandbox.bigcommerce;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sandbox store's orders. Thread-safe: every read and change holds the book's lock, and events are raised in
 * the order the changes happened.
 */
final class OrderBook {

    private static final Set<String> UPDATABLE = Set.of("status_id", "customer_message", "staff_notes");

    private final OrderFactory factory;
    private final StoreEvents events;
    private final Clock clock;
    private final Map<Long, SandboxOrder> orders = new LinkedHashMap<>();
    private long nextOrderId = 100;
    private long nextLineId = 1;
    private long nextAddressId = 1;
    private long nextTransactionId = 1;

    OrderBook(OrderFactory factory, StoreEvents events, Clock clock) {
        this.factory = factory;
        this.events = events;
        this.clock = clock;
    }

    synchronized SandboxOrder create(JsonNode body) {
        SandboxOrder order = factory.create(body, nextOrderId, new OrderFactory.Ids() {
            public long nextLineId() {
                return nextLineId++;
            }

            public long nextAddressId() {
                return nextAddressId++;
            }

            public long nextTransactionId() {
                return nextTransactionId++;
            }
        }, now());
        nextOrderId++;
        orders.put(order.id(), order);
        events.raise("store/order/created", orderData(order.id()));
        return order;
    }

    synchronized Optional<SandboxOrder> get(long id) {
        return Optional.ofNullable(orders.get(id));
    }

    synchronized List<SandboxOrder> query(OrderQuery query) {
        return orders.values().stream().filter(query.filter()).sorted(query.order())
                .skip((long) (query.page() - 1) * query.limit()).limit(query.limit()).toList();
    }

    /** Applies a {@code PUT /v2/orders/{id}}; empty when there is no such order. */
    synchronized Optional<SandboxOrder> update(long id, JsonNode body) {
        SandboxOrder order = orders.get(id);
        if (order == null) {
            return Optional.empty();
        }
        if (!body.isObject()) {
            throw BcErrors.v2(400, "The request body must be an order object.");
        }
        body.fieldNames().forEachRemaining(field -> {
            if (!UPDATABLE.contains(field)) {
                throw BcErrors.v2(400, "The field '" + field + "' cannot be changed in this sandbox (only "
                        + String.join(", ", UPDATABLE) + ").");
            }
        });
        int statusId = order.statusId();
        JsonNode status = body.get("status_id");
        if (status != null) {
            if (!status.isIntegralNumber() || !OrderStatuses.exists(status.intValue())) {
                throw BcErrors.v2(400, "The field 'status_id' must be a known order status id (0 to 14).");
            }
            statusId = status.intValue();
        }
        // date_modified has whole seconds: each change moves it on by at least one, so pollers see every change.
        Instant modified = now().isAfter(order.modified()) ? now() : order.modified().plusSeconds(1);
        SandboxOrder updated = order.with(statusId, body.path("customer_message").asText(order.customerMessage()),
                body.path("staff_notes").asText(order.staffNotes()), modified);
        orders.put(id, updated);
        events.raise("store/order/updated", orderData(id));
        if (statusId != order.statusId()) {
            Map<String, Object> data = orderData(id);
            data.put("status", Map.of("previous_status_id", order.statusId(), "new_status_id", statusId));
            events.raise("store/order/statusUpdated", data);
        }
        return Optional.of(updated);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static Map<String, Object> orderData(long id) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "order");
        data.put("id", id);
        return data;
    }
}
