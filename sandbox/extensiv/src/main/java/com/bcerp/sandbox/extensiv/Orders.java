package com.bcerp.sandbox.extensiv;

import com.bcerp.sandbox.http.HttpError;
import com.bcerp.sandbox.records.EntityBook;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The warehouse's orders ({@code orders/order}, erp-apis.md section 4.2 and 10.3.2-10.3.5): created by
 * {@code POST /orders}, read and found by RQL, cancelled at {@code /orders/{id}/canceler}, and moved along by the
 * warehouse (allocate, pick, pack into packages with tracking numbers, confirm = ship and close).
 *
 * <p>The stored record has the order's writable fields and its {@code readOnly}; its lines ({@code orders/item}) and
 * packages ({@code orders/package} with {@code orders/packagecontent}) are kept beside it and rendered as the
 * request's {@code detail} asks. Every change moves {@code readOnly.lastModifiedDate} and the order's revision, and so
 * its ETag.
 *
 * <p>Status ({@code readOnly.status}, {@code readOnly.isClosed}): 0 open, 1 complete (shipped), 2 cancelled; the
 * numbers are inferred from production code ([E-ODOO]: {@code isClosed && status == 1} shipped, {@code == 2} cancelled)
 * and UNCONFIRMED in Extensiv's docs.
 */
final class Orders {

    /** One order, its lines and its packages, and its revision (the ETag). */
    static final class Stored {
        final ObjectNode order;
        final List<ObjectNode> items;
        final List<ObjectNode> packages;
        long revision;

        Stored(ObjectNode order, List<ObjectNode> items, List<ObjectNode> packages, long revision) {
            this.order = order;
            this.items = items;
            this.packages = packages;
            this.revision = revision;
        }

        Stored copy() {
            return new Stored(order.deepCopy(), items.stream().map(ObjectNode::deepCopy).collect(toList()),
                    packages.stream().map(ObjectNode::deepCopy).collect(toList()), revision);
        }

        int id() {
            return order.path("readOnly").path("orderId").asInt();
        }

        int customerId() {
            return order.path("readOnly").path("customerIdentifier").path("id").asInt();
        }

        int facilityId() {
            return order.path("readOnly").path("facilityIdentifier").path("id").asInt();
        }

        boolean isClosed() {
            return order.path("readOnly").path("isClosed").asBoolean();
        }

        int status() {
            return order.path("readOnly").path("status").asInt();
        }

        private static java.util.stream.Collector<ObjectNode, ?, List<ObjectNode>> toList() {
            return java.util.stream.Collectors.toCollection(ArrayList::new);
        }
    }

    /** A package the warehouse packs: its tracking number and contents, quantity by SKU. */
    record Parcel(String trackingNumber, Map<String, Double> contents) {}

    static final int OPEN = 0;
    static final int COMPLETE = 1;
    static final int CANCELLED = 2;

    private final Clock clock;
    private final CustomerItems customers;
    private final Stock stock;
    private final Map<Integer, ExtensivSandbox.Facility> facilities = new LinkedHashMap<>();
    private final EntityBook<Stored> book;
    private final AtomicInteger orderIds = new AtomicInteger(50000);
    private final AtomicInteger orderItemIds = new AtomicInteger(60000);
    private final AtomicInteger packageIds = new AtomicInteger(70000);
    private final AtomicInteger packageContentIds = new AtomicInteger(80000);
    private volatile boolean duplicateReferenceNumsAllowed;

    Orders(ReentrantLock lock, Clock clock, CustomerItems customers, Stock stock, List<ExtensivSandbox.Facility> facilities) {
        this.clock = clock;
        this.customers = customers;
        this.stock = stock;
        facilities.forEach(f -> this.facilities.put(f.id(), f));
        this.book = new EntityBook<>(lock, EntityBook.Order.FIRST_WRITTEN, s -> Integer.toString(s.id()), Stored::copy);
    }

    void duplicateReferenceNumsAllowed(boolean allowed) {
        this.duplicateReferenceNumsAllowed = allowed;
    }

    boolean duplicateReferenceNumsAllowed() {
        return duplicateReferenceNumsAllowed;
    }

    Optional<ExtensivSandbox.Facility> facility(int id) {
        return Optional.ofNullable(facilities.get(id));
    }

    // ---- create ----

    /**
     * Creates an order from a {@code POST /orders} body (keys of [E-ODOO] and [E-SHARP] OrderCreate.cs) and allocates
     * what the facility has available.
     *
     * <p>Guesses (UNCONFIRMED: the research has no validation sample): refused with 400 are a missing or unknown
     * customer ({@code customerIdentifier.id}, or {@code .name}), a missing or unknown facility ({@code .id} or
     * {@code .name}), a blank {@code referenceNum}, a {@code referenceNum} the customer used before on any order
     * (open, closed or cancelled; unless {@link #duplicateReferenceNumsAllowed}), a {@code shipTo} without
     * {@code name} or {@code companyName}, {@code address1}, {@code city} or {@code country}, no {@code orderItems},
     * a line whose {@code itemIdentifier.sku} (or {@code .id}) is not an active item of the customer, and a
     * {@code qty} that is not a positive number. Other fields are kept as sent; unknown ones are ignored. Carrier and
     * mode in {@code routingInfo} are free text (Extensiv's carrier list is not in the research).
     */
    Stored create(JsonNode body) {
        CustomerItems.Customer customer = customerOf(body.path("customerIdentifier"));
        ExtensivSandbox.Facility facility = facilityOf(body.path("facilityIdentifier"));
        String referenceNum = body.path("referenceNum").asText("").trim();
        if (referenceNum.isEmpty()) {
            throw WmsErrors.invalid("referenceNum is required.");
        }
        JsonNode shipTo = body.path("shipTo");
        checkShipTo(shipTo);
        JsonNode lines = body.path("orderItems");
        if (!lines.isArray() || lines.isEmpty()) {
            throw WmsErrors.invalid("orderItems: an order needs at least one item.");
        }
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            items.add(line(customer, lines.get(i), i + 1));
        }
        String now = Times.now(clock);
        ObjectNode order = Hal.NODES.objectNode();
        ObjectNode readOnly = order.putObject("readOnly");
        readOnly.put("orderId", 0);
        readOnly.put("fullyAllocated", false);
        readOnly.put("isClosed", false);
        readOnly.put("status", OPEN);
        readOnly.putNull("processDate");
        readOnly.putNull("pickDoneDate");
        readOnly.putNull("packDoneDate");
        readOnly.set("customerIdentifier", CustomerItems.identifier(customer));
        readOnly.set("facilityIdentifier", facilityIdentifier(facility));
        readOnly.put("creationDate", now);
        readOnly.put("lastModifiedDate", now);
        order.set("customerIdentifier", CustomerItems.identifier(customer));
        order.set("facilityIdentifier", facilityIdentifier(facility));
        order.put("referenceNum", referenceNum);
        for (String text : List.of("poNum", "notes", "shippingNotes", "billingCode")) {
            order.put(text, body.path(text).asText(""));
        }
        order.set("routingInfo", routingInfo(body.path("routingInfo")));
        order.set("shipTo", shipTo(shipTo));
        if (body.path("soldTo").isObject()) {
            order.set("soldTo", body.get("soldTo").deepCopy());
        }
        return book.withStored(all -> {
            requireUnused(customer.id(), referenceNum);
            int id = orderIds.incrementAndGet();
            readOnly.put("orderId", id);
            Stored stored = new Stored(order, items, new ArrayList<>(), 1);
            allocate(stored);
            return book.insert(stored);
        });
    }

    private static void checkShipTo(JsonNode shipTo) {
        if (!shipTo.isObject()) {
            throw WmsErrors.invalid("shipTo is required.");
        }
        if (shipTo.path("name").asText("").isBlank() && shipTo.path("companyName").asText("").isBlank()) {
            throw WmsErrors.invalid("shipTo needs a name or a companyName.");
        }
        for (String field : List.of("address1", "city", "country")) {
            if (shipTo.path(field).asText("").isBlank()) {
                throw WmsErrors.invalid("shipTo." + field + " is required.");
            }
        }
    }

    /** Uniqueness (case-insensitive, on every order of the customer) is a guess: UNCONFIRMED (10.3.2). */
    private void requireUnused(int customerId, String referenceNum) {
        if (!duplicateReferenceNumsAllowed && book.any(s -> s.customerId() == customerId
                && s.order.path("referenceNum").asText().equalsIgnoreCase(referenceNum))) {
            throw WmsErrors.of(400, "DuplicateReferenceNumber", "The reference number '" + referenceNum
                    + "' is already in use for customer " + customerId + ".");
        }
    }

    private CustomerItems.Customer customerOf(JsonNode identifier) {
        if (identifier.hasNonNull("id")) {
            int id = identifier.path("id").asInt(-1);
            return customers.customer(id).orElseThrow(() -> WmsErrors.invalid("No customer with id " + identifier.get("id") + "."));
        }
        if (identifier.hasNonNull("name")) {
            return customers.customerNamed(identifier.get("name").asText())
                    .orElseThrow(() -> WmsErrors.invalid("No customer named '" + identifier.get("name").asText() + "'."));
        }
        throw WmsErrors.invalid("customerIdentifier (id or name) is required.");
    }

    private ExtensivSandbox.Facility facilityOf(JsonNode identifier) {
        if (identifier.hasNonNull("id")) {
            return facility(identifier.path("id").asInt(-1))
                    .orElseThrow(() -> WmsErrors.invalid("No facility with id " + identifier.get("id") + "."));
        }
        if (identifier.hasNonNull("name")) {
            String name = identifier.get("name").asText();
            return facilities.values().stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> WmsErrors.invalid("No facility named '" + name + "'."));
        }
        throw WmsErrors.invalid("facilityIdentifier (id or name) is required.");
    }

    private ObjectNode line(CustomerItems.Customer customer, JsonNode line, int number) {
        JsonNode identifier = line.path("itemIdentifier");
        Optional<ObjectNode> item;
        String named;
        if (identifier.hasNonNull("sku")) {
            named = "SKU '" + identifier.get("sku").asText() + "'";
            item = customers.item(customer.id(), identifier.get("sku").asText());
        } else if (identifier.hasNonNull("id")) {
            named = "item id " + identifier.get("id").asText();
            item = customers.item(customer.id(), identifier.get("id").asInt(-1));
        } else {
            throw WmsErrors.invalid("orderItems[" + number + "]: itemIdentifier.sku (or id) is required.");
        }
        ObjectNode found = item.orElseThrow(() -> WmsErrors.invalid("orderItems[" + number + "]: " + named
                + " is not an item of customer " + customer.id() + "."));
        JsonNode qty = line.path("qty");
        if (!qty.isNumber() || qty.asDouble() <= 0) {
            throw WmsErrors.invalid("orderItems[" + number + "]: qty must be a positive number.");
        }
        ObjectNode out = Hal.NODES.objectNode();
        ObjectNode readOnly = out.putObject("readOnly");
        readOnly.put("orderItemId", orderItemIds.incrementAndGet());
        readOnly.put("fullyAllocated", false);
        // the allocated quantity of a line is the sandbox's own field name (Extensiv's allocations are UNCONFIRMED)
        readOnly.put("allocatedQty", 0.0);
        out.putObject("itemIdentifier").put("sku", found.path("sku").asText()).put("id", found.path("itemId").asInt());
        out.put("qualifier", line.path("qualifier").asText(""));
        out.put("qty", qty.asDouble());
        out.put("notes", line.path("notes").asText(""));
        return out;
    }

    private ObjectNode facilityIdentifier(ExtensivSandbox.Facility facility) {
        return Hal.NODES.objectNode().put("name", facility.name()).put("id", facility.id());
    }

    private static final List<String> ROUTING_TEXT = List.of("carrier", "mode", "scacCode", "account", "shipPointZip",
            "loadNumber", "billOfLading", "trackingNumber", "trailerNumber", "sealNumber", "doorNumber");
    private static final List<String> ROUTING_FLAGS = List.of("isCod", "isInsurance", "requiresDeliveryConf",
            "requiresReturnReceipt");
    private static final List<String> SHIP_TO = List.of("companyName", "name", "address1", "address2", "city", "state",
            "zip", "country", "phoneNumber", "emailAddress");

    /** routingInfo's members ([E-SHARP], [E-TAP] samples/orders.json), text blank and flags false when not sent. */
    private static ObjectNode routingInfo(JsonNode sent) {
        ObjectNode r = Hal.NODES.objectNode();
        ROUTING_TEXT.forEach(f -> r.put(f, sent.path(f).asText("")));
        ROUTING_FLAGS.forEach(f -> r.put(f, sent.path(f).asBoolean(false)));
        return r;
    }

    private static ObjectNode shipTo(JsonNode sent) {
        ObjectNode s = Hal.NODES.objectNode();
        SHIP_TO.forEach(f -> s.put(f, sent.path(f).asText("")));
        return s;
    }

    // ---- reads ----

    Optional<Stored> get(int id) {
        return book.get(Integer.toString(id));
    }

    List<Stored> list() {
        return book.list(s -> true);
    }

    /**
     * An order as the API renders it: lines under {@code _embedded} with {@code detail=OrderItems} (or {@code All}),
     * packages in {@code readOnly.packages} with {@code detail=Packages} (or {@code All}), as [E-ORDERS] and [E-TAP]
     * describe. Guess: without {@code detail} neither is rendered.
     */
    static ObjectNode render(Stored s, Set<String> detail) {
        ObjectNode out = s.order.deepCopy();
        boolean all = detail.contains("all");
        if (all || detail.contains("packages")) {
            ArrayNode packages = ((ObjectNode) out.get("readOnly")).putArray("packages");
            s.packages.forEach(p -> packages.add(p.deepCopy()));
        }
        if (all || detail.contains("orderitems")) {
            Hal.embed(out, Hal.ITEM, s.items);
        }
        out.putObject("_links").set("self", Hal.link("/orders/" + s.id()));
        return out;
    }

    /** The {@code detail} values asked for, lower-cased (a comma list). */
    static Set<String> detail(Optional<String> detail) {
        return detail.map(d -> Set.of(d.toLowerCase(Locale.ROOT).replace(" ", "").split(","))).orElse(Set.of());
    }

    /** A sample order with every field present and typed, for RQL names and sort. */
    ObjectNode template() {
        ObjectNode t = Hal.NODES.objectNode();
        ObjectNode readOnly = t.putObject("readOnly");
        readOnly.put("orderId", 1);
        readOnly.put("fullyAllocated", false);
        readOnly.put("isClosed", false);
        readOnly.put("status", 0);
        for (String date : List.of("processDate", "pickDoneDate", "packDoneDate", "creationDate", "lastModifiedDate")) {
            readOnly.put(date, "2016-12-25T23:00:00");
        }
        readOnly.set("customerIdentifier", CustomerItems.identifier(new CustomerItems.Customer(1, "name", "external")));
        readOnly.set("facilityIdentifier", Hal.NODES.objectNode().put("name", "name").put("id", 1));
        t.set("customerIdentifier", CustomerItems.identifier(new CustomerItems.Customer(1, "name", "external")));
        t.set("facilityIdentifier", Hal.NODES.objectNode().put("name", "name").put("id", 1));
        t.put("referenceNum", "ref");
        for (String text : List.of("poNum", "notes", "shippingNotes", "billingCode")) {
            t.put(text, "text");
        }
        t.set("routingInfo", routingInfo(Hal.NODES.objectNode()));
        t.set("shipTo", shipTo(Hal.NODES.objectNode()));
        return t;
    }

    // ---- changes ----

    /**
     * Cancels an open order ([E-CANCEL]: "Cancel an open order"): closed with status 2, its allocation freed.
     * {@code precondition} runs first, under the lock (the API's If-Match). Guess: a closed order (shipped or
     * cancelled) is refused with 400.
     */
    Stored cancel(int id, String reason, Consumer<Stored> precondition) {
        return change(id, s -> {
            precondition.accept(s);
            if (s.isClosed()) {
                throw closed(s);
            }
            release(s);
            ObjectNode readOnly = (ObjectNode) s.order.get("readOnly");
            readOnly.put("isClosed", true);
            readOnly.put("status", CANCELLED);
            readOnly.put("processDate", Times.now(clock));
            // where Extensiv keeps the reason is UNCONFIRMED; the sandbox keeps it on readOnly
            readOnly.put("cancelReason", reason);
        });
    }

    /**
     * Updates an open order from a {@code PUT /orders/{id}} body, the order as read and changed ([E-SHARP]
     * PUT_Order.cs). {@code precondition} runs first, under the lock (the API's If-Match).
     *
     * <p>Guesses (UNCONFIRMED): the writable header fields are replaced ({@code referenceNum}, {@code poNum},
     * {@code notes}, {@code shippingNotes}, {@code billingCode}, {@code routingInfo}, {@code shipTo}, {@code soldTo}),
     * with the create's checks; a changed customer or facility is refused with 400; {@code readOnly} and lines in the
     * body are ignored (lines have their own rel, {@code orders/item}); a closed order is refused with 400; an open one
     * is updated at any stage (picked or packed too).
     */
    Stored update(int id, JsonNode body, Consumer<Stored> precondition) {
        return change(id, s -> {
            precondition.accept(s);
            if (s.isClosed()) {
                throw WmsErrors.of(400, "OrderClosed", "Order " + id + " is closed ("
                        + (s.status() == CANCELLED ? "cancelled" : "shipped") + ") and cannot be changed.");
            }
            if (body.has("customerIdentifier") && customerOf(body.path("customerIdentifier")).id() != s.customerId()) {
                throw WmsErrors.invalid("customerIdentifier cannot be changed.");
            }
            if (body.has("facilityIdentifier") && facilityOf(body.path("facilityIdentifier")).id() != s.facilityId()) {
                throw WmsErrors.invalid("facilityIdentifier cannot be changed.");
            }
            String referenceNum = body.path("referenceNum").asText("").trim();
            if (referenceNum.isEmpty()) {
                throw WmsErrors.invalid("referenceNum is required.");
            }
            checkShipTo(body.path("shipTo"));
            if (!referenceNum.equalsIgnoreCase(s.order.path("referenceNum").asText())) {
                requireUnused(s.customerId(), referenceNum);
            }
            s.order.put("referenceNum", referenceNum);
            for (String text : List.of("poNum", "notes", "shippingNotes", "billingCode")) {
                s.order.put(text, body.path(text).asText(""));
            }
            s.order.set("routingInfo", routingInfo(body.path("routingInfo")));
            s.order.set("shipTo", shipTo(body.path("shipTo")));
            if (body.path("soldTo").isObject()) {
                s.order.set("soldTo", body.get("soldTo").deepCopy());
            } else {
                s.order.remove("soldTo");
            }
        });
    }

    // ---- lines ({@code orders/item}) ----

    /**
     * Changes a line's quantity from a {@code PUT /orders/{id}/items/{itemId}} body, the line as read and changed
     * ([E-SHARP]: the item PUT is guarded by If-Match as the order's is). Guesses (UNCONFIRMED): the item's SKU
     * cannot change (400; remove the line and add another); {@code qty} and {@code notes} are taken; allocation
     * follows the quantity (released above it, allocated up to it as the facility has stock).
     */
    Stored updateItem(int id, int itemId, JsonNode body, Consumer<Stored> precondition) {
        return change(id, s -> {
            precondition.accept(s);
            requireUnpicked(s);
            ObjectNode line = item(s, itemId);
            JsonNode sku = body.path("itemIdentifier").path("sku");
            if (!sku.isMissingNode() && !sku.asText().equalsIgnoreCase(line.path("itemIdentifier").path("sku").asText())) {
                throw WmsErrors.invalid("itemIdentifier cannot be changed; remove the item and add another.");
            }
            double qty = positive(body.path("qty"), "qty");
            ObjectNode readOnly = (ObjectNode) line.get("readOnly");
            double over = readOnly.path("allocatedQty").asDouble() - qty;
            if (over > 0) {
                stock.release(s.customerId(), s.facilityId(), line.path("itemIdentifier").path("id").asInt(), over);
                readOnly.put("allocatedQty", qty);
            }
            line.put("qty", qty);
            if (body.has("notes")) {
                line.put("notes", body.path("notes").asText(""));
            }
            allocate(s);
        });
    }

    /** Adds a line from a {@code POST /orders/{id}/items} body (guess: the create's line fields and checks). */
    Stored addItem(int id, JsonNode body, Consumer<Stored> precondition) {
        return change(id, s -> {
            precondition.accept(s);
            requireUnpicked(s);
            s.items.add(line(customers.customer(s.customerId()).orElseThrow(), body, s.items.size() + 1));
            allocate(s);
        });
    }

    /** Removes a line ({@code DELETE /orders/{id}/items/{itemId}}, a guess), releasing what it had allocated. */
    Stored removeItem(int id, int itemId, Consumer<Stored> precondition) {
        return change(id, s -> {
            precondition.accept(s);
            requireUnpicked(s);
            ObjectNode line = item(s, itemId);
            if (s.items.size() == 1) {
                throw WmsErrors.invalid("An order needs at least one item; cancel the order instead.");
            }
            stock.release(s.customerId(), s.facilityId(), line.path("itemIdentifier").path("id").asInt(),
                    line.path("readOnly").path("allocatedQty").asDouble());
            s.items.remove(line);
            allocate(s);
        });
    }

    private static ObjectNode item(Stored s, int itemId) {
        return s.items.stream().filter(i -> i.path("readOnly").path("orderItemId").asInt() == itemId).findFirst()
                .orElseThrow(() -> WmsErrors.notFound("Order " + s.id() + " has no item " + itemId + "."));
    }

    private static double positive(JsonNode qty, String field) {
        if (!qty.isNumber() || qty.asDouble() <= 0) {
            throw WmsErrors.invalid(field + " must be a positive number.");
        }
        return qty.asDouble();
    }

    /**
     * A closed order's lines, or a picked or packed one's, cannot change: the goods are off the shelves. Guess
     * (UNCONFIRMED: no such refusal is in the research): 400 with the WmsException shape, the sandbox's own error codes.
     */
    private static void requireUnpicked(Stored s) {
        if (s.isClosed()) {
            throw WmsErrors.of(400, "OrderClosed", "Order " + s.id() + " is closed ("
                    + (s.status() == CANCELLED ? "cancelled" : "shipped") + ") and its items cannot be changed.");
        }
        JsonNode readOnly = s.order.path("readOnly");
        for (String done : List.of("packDoneDate", "pickDoneDate")) {
            if (readOnly.hasNonNull(done)) {
                throw WmsErrors.of(400, "OrderPicked", "Order " + s.id() + " has been " + (done.startsWith("pack")
                        ? "packed" : "picked") + " (" + done + " " + readOnly.get(done).asText() + ") and its items "
                        + "cannot be changed.", "Unpick the order in the warehouse first.");
            }
        }
    }

    /** Allocates what the facility has available now to the order's lines still short. */
    Stored allocate(int id) {
        return change(id, s -> {
            requireOpen(s);
            allocate(s);
        });
    }

    /** The warehouse sets the carrier and mode an open order ships with ({@code routingInfo}). */
    Stored route(int id, String carrier, String mode) {
        return change(id, s -> {
            requireOpen(s);
            ((ObjectNode) s.order.get("routingInfo")).put("carrier", carrier).put("mode", mode);
        });
    }

    /** The warehouse picks the order: only a fully allocated open order. */
    Stored pick(int id) {
        return change(id, s -> {
            requireOpen(s);
            if (!s.order.path("readOnly").path("fullyAllocated").asBoolean()) {
                throw new IllegalStateException("order " + id + " is not fully allocated and cannot be picked");
            }
            ((ObjectNode) s.order.get("readOnly")).put("pickDoneDate", Times.now(clock));
        });
    }

    /**
     * The warehouse packs a package of a picked order. Its contents (by SKU) may not exceed what is allocated and not
     * packed yet; once everything allocated is packed, {@code packDoneDate} is set.
     */
    Stored pack(int id, Parcel parcel) {
        return change(id, s -> {
            requireOpen(s);
            if (s.order.path("readOnly").path("pickDoneDate").isNull()) {
                throw new IllegalStateException("order " + id + " is not picked yet");
            }
            if (parcel.contents().isEmpty()) {
                throw new IllegalArgumentException("a package has contents");
            }
            Map<Integer, Double> packed = packed(s);
            int packageId = packageIds.incrementAndGet();
            String now = Times.now(clock);
            List<ObjectNode> contents = new ArrayList<>();
            parcel.contents().forEach((sku, qty) -> {
                ObjectNode line = s.items.stream().filter(i -> i.path("itemIdentifier").path("sku").asText().equals(sku))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("order " + id + " has no " + sku));
                int orderItemId = line.path("readOnly").path("orderItemId").asInt();
                double left = line.path("readOnly").path("allocatedQty").asDouble() - packed.getOrDefault(orderItemId, 0.0);
                if (qty <= 0 || qty > left) {
                    throw new IllegalArgumentException("order " + id + ": " + qty + " of " + sku + " to pack, " + left + " left");
                }
                packed.merge(orderItemId, qty, Double::sum);
                ObjectNode c = Hal.NODES.objectNode();
                c.put("packageContentId", packageContentIds.incrementAndGet());
                c.put("packageId", packageId);
                c.put("orderItemId", orderItemId);
                c.put("receiveItemId", 0);
                c.put("qty", qty);
                c.put("lotNumber", "");
                c.put("serialNumber", "");
                c.putNull("expirationDate");
                c.put("createDate", now);
                c.putArray("serialNumbers");
                contents.add(c);
            });
            ObjectNode p = Hal.NODES.objectNode();
            p.put("packageId", packageId);
            p.put("packageTypeId", 2); // "defaults to 2 (Package)" [E-SHARP] Package.cs
            p.putNull("packageDefIdentifier");
            for (String measure : List.of("length", "width", "height", "weight", "codAmount", "insuredAmount")) {
                p.put(measure, 0.0);
            }
            p.put("trackingNumber", parcel.trackingNumber());
            p.put("description", "");
            p.put("createDate", now);
            p.putObject("readOnly").put("oversize", false).put("cod", false).put("ucc128", 0).put("cartonId", "")
                    .put("label", "");
            Hal.embed(p, Hal.PACKAGE_CONTENT, contents);
            s.packages.add(p);
            boolean allPacked = s.items.stream().allMatch(i -> packed.getOrDefault(i.path("readOnly").path("orderItemId")
                    .asInt(), 0.0) >= i.path("readOnly").path("allocatedQty").asDouble());
            if (allPacked) {
                ((ObjectNode) s.order.get("readOnly")).put("packDoneDate", now);
            }
        });
    }

    /**
     * The warehouse confirms (ships) the order: it closes with status 1 and {@code processDate}; what is packed leaves
     * on hand, the rest of the allocation is freed (the order ships short). {@code routingInfo.trackingNumber} becomes
     * the first package's, where [E-ODOO] reads it. Guess: an order with nothing packed cannot be confirmed.
     */
    Stored confirm(int id) {
        return change(id, s -> {
            requireOpen(s);
            if (s.packages.isEmpty()) {
                throw new IllegalStateException("order " + id + " has no packages to ship");
            }
            Map<Integer, Double> packed = packed(s);
            for (ObjectNode line : s.items) {
                ObjectNode readOnly = (ObjectNode) line.get("readOnly");
                stock.ship(s.customerId(), s.facilityId(), line.path("itemIdentifier").path("id").asInt(),
                        packed.getOrDefault(readOnly.path("orderItemId").asInt(), 0.0), readOnly.path("allocatedQty").asDouble());
            }
            ObjectNode readOnly = (ObjectNode) s.order.get("readOnly");
            String now = Times.now(clock);
            readOnly.put("isClosed", true);
            readOnly.put("status", COMPLETE);
            readOnly.put("processDate", now);
            if (readOnly.path("packDoneDate").isNull()) {
                readOnly.put("packDoneDate", now);
            }
            ((ObjectNode) s.order.get("routingInfo")).put("trackingNumber",
                    s.packages.get(0).path("trackingNumber").asText());
        });
    }

    /** Quantity ordered and not allocated on open orders, by customer/facility/item ({@code orderedNotAllocated}). */
    Map<String, Double> orderedNotAllocated() {
        return book.withStored(all -> {
            Map<String, Double> out = new HashMap<>();
            all.stream().filter(s -> !s.isClosed()).forEach(s -> s.items.forEach(i -> {
                double short_ = i.path("qty").asDouble() - i.path("readOnly").path("allocatedQty").asDouble();
                if (short_ > 0) {
                    out.merge(s.customerId() + "/" + s.facilityId() + "/" + i.path("itemIdentifier").path("id").asInt(),
                            short_, Double::sum);
                }
            }));
            return out;
        });
    }

    private Stored change(int id, Consumer<Stored> work) {
        String key = Integer.toString(id);
        return book.withStored(all -> {
            Stored s = all.stream().filter(o -> o.id() == id).findFirst()
                    .orElseThrow(() -> WmsErrors.notFound("No order with id " + id + "."));
            work.accept(s);
            ((ObjectNode) s.order.get("readOnly")).put("lastModifiedDate", Times.now(clock));
            s.revision++;
            return book.get(key).orElseThrow();
        });
    }

    private void allocate(Stored s) {
        boolean full = true;
        for (ObjectNode line : s.items) {
            ObjectNode readOnly = (ObjectNode) line.get("readOnly");
            double wanted = line.path("qty").asDouble() - readOnly.path("allocatedQty").asDouble();
            if (wanted > 0) {
                double got = stock.allocate(s.customerId(), s.facilityId(), line.path("itemIdentifier").path("id").asInt(),
                        line.path("itemIdentifier").path("sku").asText(), wanted);
                readOnly.put("allocatedQty", readOnly.path("allocatedQty").asDouble() + got);
            }
            boolean lineFull = readOnly.path("allocatedQty").asDouble() >= line.path("qty").asDouble();
            readOnly.put("fullyAllocated", lineFull);
            full &= lineFull;
        }
        ((ObjectNode) s.order.get("readOnly")).put("fullyAllocated", full);
    }

    private void release(Stored s) {
        for (ObjectNode line : s.items) {
            ObjectNode readOnly = (ObjectNode) line.get("readOnly");
            stock.release(s.customerId(), s.facilityId(), line.path("itemIdentifier").path("id").asInt(),
                    readOnly.path("allocatedQty").asDouble());
        }
    }

    private static Map<Integer, Double> packed(Stored s) {
        Map<Integer, Double> packed = new HashMap<>();
        s.packages.forEach(p -> p.path("_embedded").path(Hal.PACKAGE_CONTENT)
                .forEach(c -> packed.merge(c.path("orderItemId").asInt(), c.path("qty").asDouble(), Double::sum)));
        return packed;
    }

    private static void requireOpen(Stored s) {
        if (s.isClosed()) {
            throw new IllegalStateException("order " + s.id() + " is closed (status " + s.status() + ")");
        }
    }

    private static HttpError closed(Stored s) {
        return WmsErrors.of(400, "OrderClosed", "Order " + s.id() + " is closed ("
                + (s.status() == CANCELLED ? "cancelled" : "shipped") + ") and cannot be cancelled.");
    }
}
