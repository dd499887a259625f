package com.bcerp.sandbox.bigcommerce;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sandbox store's orders. Thread-safe: every read and change holds the book's lock, and events are raised in
 * the order the changes happened (so one order's refunds are made one at a time, as BigCommerce asks).
 */
final class OrderBook {

    private static final String CAPTURE_PENDING = "capture pending";
    private static final Set<String> UPDATABLE = Set.of("status_id", "customer_message", "staff_notes", "products", "fees");

    private final OrderFactory factory;
    private final StoreEvents events;
    private final Clock clock;
    private final Faults faults;
    private final Map<Long, SandboxOrder> orders = new LinkedHashMap<>();
    private long nextOrderId = 100;
    private long nextLineId = 1;
    private long nextAddressId = 1;
    private long nextTransactionId = 1;
    private long nextGiftCertificateId = 1;
    private long nextRefundId = 1;
    private long nextRefundPaymentId = 1;
    private long nextShipmentId = 1;
    private final OrderFactory.Ids ids = new OrderFactory.Ids() {
        public long nextLineId() {
            return nextLineId++;
        }

        public long nextAddressId() {
            return nextAddressId++;
        }

        public long nextTransactionId() {
            return nextTransactionId++;
        }

        public long nextGiftCertificateId() {
            return nextGiftCertificateId++;
        }
    };

    OrderBook(OrderFactory factory, StoreEvents events, Clock clock, Faults faults) {
        this.factory = factory;
        this.events = events;
        this.clock = clock;
        this.faults = faults;
    }

    /** @param checkout true for the sandbox's checkout, false for {@code POST /v2/orders} */
    synchronized SandboxOrder create(JsonNode body, boolean checkout) {
        SandboxOrder order = factory.create(body, nextOrderId, ids, now(), checkout);
        nextOrderId++;
        orders.put(order.id(), order);
        events.raise("store/order/created", orderData(order.id()));
        order.transactions().forEach(t -> events.raise("store/order/transaction/created", transactionData(order, t)));
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
        Instant modified = modified(order);
        SandboxOrder edited = body.has("products") || body.has("fees")
                ? OrderEdits.apply(order, body, factory, ids, modified) : order;
        SandboxOrder updated = edited.with(statusId, body.path("customer_message").asText(order.customerMessage()),
                body.path("staff_notes").asText(order.staffNotes()), modified);
        orders.put(id, updated);
        events.raise("store/order/updated", orderData(id));
        if (statusId != order.statusId()) {
            raiseStatus(id, order.statusId(), statusId);
        }
        return Optional.of(updated);
    }

    /**
     * A shipment of the order ({@link ShipmentRules} checks it); the order becomes Shipped when every physical product
     * has shipped, otherwise Partially Shipped, with the webhooks BigCommerce sends.
     */
    synchronized Shipment ship(long orderId, JsonNode body) {
        SandboxOrder order = orders.get(orderId);
        if (order == null) {
            throw BcErrors.v2(404, "The requested resource was not found.");
        }
        Instant modified = modified(order);
        Shipment shipment = ShipmentRules.validate(order, body, nextShipmentId, modified);
        nextShipmentId++;
        List<Shipment> all = new ArrayList<>(order.shipments());
        all.add(shipment);
        SandboxOrder shipped = order.withShipments(all, order.statusId(), modified);
        int statusId = ShipmentRules.statusAfter(shipped);
        orders.put(orderId, shipped.withShipments(all, statusId, modified));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "shipment");
        data.put("id", shipment.id());
        data.put("orderId", orderId);
        events.raise("store/shipment/created", data);
        events.raise("store/order/updated", orderData(orderId));
        if (statusId != order.statusId()) {
            raiseStatus(orderId, order.statusId(), statusId);
        }
        return shipment;
    }

    /** Deletes a shipment; as BigCommerce documents, the order's status stays where it is. */
    synchronized boolean deleteShipment(long orderId, long shipmentId) {
        SandboxOrder order = orders.get(orderId);
        if (order == null || order.shipments().stream().noneMatch(s -> s.id() == shipmentId)) {
            return false;
        }
        List<Shipment> rest = order.shipments().stream().filter(s -> s.id() != shipmentId).toList();
        orders.put(orderId, order.withShipments(rest, order.statusId(), modified(order)));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "shipment");
        data.put("id", shipmentId);
        data.put("orderId", orderId);
        events.raise("store/shipment/deleted", data);
        return true;
    }

    synchronized Refunds.Quote quote(long orderId, JsonNode body) {
        return Refunds.quote(order(orderId), body);
    }

    /** A refund: its transactions, the refunded quantities, and the order's status (Partially Refunded or Refunded). */
    synchronized Refund refund(long orderId, JsonNode body) {
        SandboxOrder order = order(orderId);
        Instant modified = modified(order);
        Refund refund = Refunds.create(order, body, nextRefundId, nextRefundPaymentId, modified);
        nextRefundId++;
        nextRefundPaymentId += refund.payments().size();
        List<LineItem> lines = new ArrayList<>();
        for (LineItem line : order.lines()) {
            int more = refund.items().stream().filter(i -> i.itemType().equals("PRODUCT") && i.itemId() == line.id())
                    .mapToInt(Refund.Item::quantity).sum();
            lines.add(more == 0 ? line : line.withRefunded(line.quantityRefunded() + more));
        }
        List<Transaction> transactions = new ArrayList<>(order.transactions());
        List<Transaction> added = new ArrayList<>();
        for (Refund.Payment payment : refund.payments()) {
            added.add(Payments.refund(order, payment, ids.nextTransactionId(), modified));
        }
        transactions.addAll(added);
        boolean full = order.refundedAmount().add(refund.totalAmount()).compareTo(Amounts.cents(order.totalIncTax())) >= 0;
        int statusId = full ? 4 : 14;
        SandboxOrder refunded = order.withRefund(refund, lines, statusId, transactions,
                full ? "refunded" : "partially refunded", modified);
        orders.put(orderId, refunded);
        Map<String, Object> data = orderData(orderId);
        data.put("refund", Map.of("refund_id", refund.id()));
        events.raise("store/order/refund/created", data);
        added.forEach(t -> events.raise("store/order/transaction/created", transactionData(refunded, t)));
        events.raise("store/order/updated", orderData(orderId));
        if (statusId != order.statusId()) {
            raiseStatus(orderId, order.statusId(), statusId);
        }
        return refund;
    }

    /**
     * The payment provider declines a refund after it was made ("the payment request itself occurs asynchronously"):
     * its payments read {@code is_declined}. GUESS: which webhook, if any, tells of it is undocumented; the sandbox
     * raises {@code store/order/updated} only.
     */
    synchronized void declineRefund(long orderId, long refundId) {
        SandboxOrder order = order(orderId);
        Refund refund = order.refunds().stream().filter(r -> r.id() == refundId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("order " + orderId + " has no refund " + refundId));
        orders.put(orderId, order.withRefundReplaced(refund.declined(), modified(order)));
        events.raise("store/order/updated", orderData(orderId));
    }

    /**
     * {@code payment_actions/capture} or {@code void} of the order's open authorisation. A capture reads
     * {@code capture pending} until settled when {@link Faults#capturesStayPending()} is on.
     */
    synchronized SandboxOrder paymentAction(long orderId, boolean capture) {
        SandboxOrder order = order(orderId);
        Instant modified = modified(order);
        long transactionId = ids.nextTransactionId();
        SandboxOrder changed = capture ? Payments.capture(order, transactionId, modified)
                : Payments.voidAuthorization(order, transactionId, modified);
        boolean pending = capture && faults.capturesStayPending();
        if (pending) {
            changed = changed.withPayments(changed.transactions(), CAPTURE_PENDING, modified);
        }
        orders.put(orderId, changed);
        Transaction t = changed.transactions().get(changed.transactions().size() - 1);
        events.raise("store/order/transaction/created", transactionData(changed, t, pending ? "pending" : "complete"));
        events.raise("store/order/updated", orderData(orderId));
        return changed;
    }

    /**
     * The payment provider settles the order's pending capture: the payment reads {@code captured}. GUESS: the spec
     * names no webhook for it; the sandbox raises {@code store/order/transaction/updated} for the capture (a scope
     * BigCommerce lists) and {@code store/order/updated} for the payment status.
     */
    synchronized void settleCapture(long orderId) {
        SandboxOrder order = order(orderId);
        if (!CAPTURE_PENDING.equals(order.paymentStatus())) {
            throw new IllegalArgumentException("order " + orderId + " has no pending capture (payment_status '"
                    + order.paymentStatus() + "')");
        }
        SandboxOrder settled = order.withPayments(order.transactions(), "captured", modified(order));
        orders.put(orderId, settled);
        Transaction capture = settled.transactions().stream().filter(t -> t.event().equals("capture"))
                .reduce((first, second) -> second).orElseThrow();
        events.raise("store/order/transaction/updated", transactionData(settled, capture, "complete"));
        events.raise("store/order/updated", orderData(orderId));
    }

    private SandboxOrder order(long orderId) {
        SandboxOrder order = orders.get(orderId);
        if (order == null) {
            throw BcErrors.v3(404, "Order not found");
        }
        return order;
    }

    /** date_modified has whole seconds: each change moves it on by at least one, so pollers see every change. */
    private Instant modified(SandboxOrder order) {
        return now().isAfter(order.modified()) ? now() : order.modified().plusSeconds(1);
    }

    private void raiseStatus(long id, int from, int to) {
        Map<String, Object> data = orderData(id);
        data.put("status", Map.of("previous_status_id", from, "new_status_id", to));
        events.raise("store/order/statusUpdated", data);
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

    /** As BigCommerce's docs show a transaction notice: no {@code id}; the order and transaction as strings. */
    private static Map<String, Object> transactionData(SandboxOrder order, Transaction t) {
        return transactionData(order, t, "complete");
    }

    private static Map<String, Object> transactionData(SandboxOrder order, Transaction t, String status) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "transaction");
        data.put("order_id", Long.toString(order.id()));
        data.put("transaction_id", Long.toString(t.id()));
        data.put("transaction_status", status);
        data.put("transaction_type", t.event());
        data.put("result", Map.of("code", t.event(), "message", t.event(), "type", status.equals("complete") ? "success" : status));
        data.put("provider_transaction_id", t.gatewayTransactionId());
        return data;
    }
}
