package com.bcerp.sandbox.visma;

import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.records.EntityBook;
import com.bcerp.sandbox.records.NumberSequence;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Shipments ({@code /v1/shipment}, erp-apis.md §10.1.4): made from a sales order by the {@code createShipment} action
 * (body {@code CreateShipmentActionDto}, plain), confirmed by {@code confirmShipment}, read by number or as a page
 * (filters {@code customerNumber}, {@code status}, {@code shipmentType}, {@code shipmentDate}, {@code
 * lastModifiedDateTime}; no filter by order, [V-SPEC]), packages and tracking numbers written by PUT with
 * {@code shipmentPackageLines} and an optional {@code If-Match} (204, 412 when stale). {@code shipmentOrderLines} is
 * the join back to the order; {@code shipmentPackageLines[].trackingNumber} the tracking.
 *
 * <p>GUESSES: {@code createShipment} ships every open quantity of the order's stock lines in {@code shipmentWarehouse}
 * (the warehouse user's {@link VismaSandbox#ship} ships chosen quantities); non-stock lines are not shipped; numbers
 * {@code 000001}...; the ETag is the quoted base64 of the record's {@code timeStamp}; a shipment's {@code
 * timeStamp} changes with every write; confirming needs no package; a confirmed shipment's packages can still be
 * written (tracking often arrives after confirmation).
 */
final class Shipments {

    private final Clock clock;
    private final SalesOrders orders;
    private final Inventory inventory;
    private final EntityBook<ObjectNode> book;
    private final NumberSequence numbers = NumberSequence.of("%2$06d");
    private long version;

    Shipments(ReentrantLock lock, Clock clock, SalesOrders orders, Inventory inventory) {
        this.clock = clock;
        this.orders = orders;
        this.inventory = inventory;
        this.book = new EntityBook<>(lock, EntityBook.Order.FIRST_WRITTEN, s -> s.path("shipmentNumber").asText(),
                ObjectNode::deepCopy);
    }

    Optional<ObjectNode> get(String number) {
        return book.get(number);
    }

    List<ObjectNode> all() {
        return book.list(s -> true);
    }

    /**
     * A shipment of an order from one warehouse: {@code quantities} maps order line numbers to quantities (null: every
     * open quantity of the warehouse's stock lines). Returns the shipment's number.
     */
    String create(String orderNbr, String orderType, String warehouse, Instant date, Map<Integer, BigDecimal> quantities) {
        return book.upsert(new EntityBook.Upsert<ObjectNode, String>() {
            @Override
            public Optional<ObjectNode> find(EntityBook<ObjectNode> b) {
                return Optional.empty();
            }

            @Override
            public ObjectNode blank() {
                return Wire.object();
            }

            @Override
            public Optional<String> apply(ObjectNode s, Optional<ObjectNode> existing) {
                String headline = "Error creating shipment.";
                ObjectNode order = orders.get(orderType, orderNbr).orElseThrow(() -> VismaErrors.notFound(
                        "Sales order " + orderType + " " + orderNbr + " not found."));
                String status = order.path("status").asText();
                if (!List.of("Open", "Shipping", "BackOrder").contains(status)) {
                    throw VismaErrors.refused(headline, "The order " + orderNbr + " has the status " + status
                            + " and cannot be shipped.");
                }
                if (!Inventory.isWarehouse(warehouse)) {
                    throw VismaErrors.refused(headline, "'Warehouse' cannot be found in the system: " + warehouse + ".");
                }
                ArrayNode details = s.putArray("shipmentDetailLines");
                BigDecimal total = BigDecimal.ZERO;
                for (JsonNode line : order.get("lines")) {
                    int lineNbr = line.path("lineNbr").asInt();
                    String item = line.path("inventory").path("number").asText();
                    boolean stock = inventory.item(item).map(i -> i.stockItem).orElse(false);
                    BigDecimal open = line.get("openQty").decimalValue();
                    if (!stock || !line.path("warehouse").path("id").asText().equals(warehouse) || open.signum() <= 0) {
                        if (quantities != null && quantities.containsKey(lineNbr)) {
                            throw VismaErrors.refused(headline, "Line " + lineNbr + " has nothing to ship from " + warehouse + ".");
                        }
                        continue;
                    }
                    BigDecimal qty = quantities == null ? open : quantities.get(lineNbr);
                    if (qty == null || qty.signum() <= 0) {
                        continue;
                    }
                    if (qty.compareTo(open) > 0) {
                        throw VismaErrors.refused(headline, "Line " + lineNbr + " has only " + open + " open.");
                    }
                    details.add(Wire.object().put("lineNumber", details.size() + 1).put("orderType", orderType)
                            .put("orderNbr", orderNbr).put("orderLineNbr", lineNbr).put("inventoryNumber", item)
                            .put("description", line.path("lineDescription").asText())
                            .put("uom", line.path("uom").asText()).put("shippedQty", qty)
                            .put("orderedQty", line.get("quantity").decimalValue()).put("openQty", open.subtract(qty))
                            .set("warehouse", Wire.idDescription(warehouse, null)));
                    total = total.add(qty);
                }
                if (details.isEmpty()) {
                    throw VismaErrors.refused(headline, "The order " + orderNbr + " has nothing to ship from " + warehouse + ".");
                }
                s.put("shipmentType", "Issue").put("status", "Open").put("hold", false).put("operation", "Issue")
                        .put("shipmentDate", Wire.date(date)).put("currencyId", order.path("currency").asText())
                        .put("shippedQuantity", total).put("packages", 0);
                s.set("customer", order.get("customer").deepCopy());
                s.set("fromWarehouse", Wire.idDescription(warehouse, null));
                s.set("deliveryAddress", order.get("soShippingAddress").deepCopy());
                s.set("deliveryContact", order.get("soShippingContact").deepCopy());
                if (order.has("shipVia")) {
                    s.set("shipVia", order.get("shipVia").deepCopy());
                }
                s.putArray("shipmentOrderLines").add(Wire.object().put("orderType", orderType).put("orderNbr", orderNbr)
                        .put("shippedQty", total));
                s.putArray("shipmentPackageLines");
                return Optional.empty();
            }

            @Override
            public void complete(ObjectNode s, Optional<ObjectNode> existing) {
                String number = book.nextFree(numbers, "", n -> n);
                s.put("shipmentNumber", number);
                touch(s);
                for (JsonNode d : s.get("shipmentDetailLines")) {
                    inventory.allocate(d.path("inventoryNumber").asText(), d.path("warehouse").path("id").asText(),
                            d.get("shippedQty").decimalValue());
                }
                orders.change(orderType, orderNbr, o -> {
                    for (JsonNode d : s.get("shipmentDetailLines")) {
                        for (JsonNode l : o.get("lines")) {
                            if (l.path("lineNbr").asInt() == d.path("orderLineNbr").asInt()) {
                                ((ObjectNode) l).put("qtyOnShipments",
                                        l.get("qtyOnShipments").decimalValue().add(d.get("shippedQty").decimalValue()));
                            }
                        }
                    }
                    ((ArrayNode) o.get("shipments")).add(Wire.object().put("shipmentType", "Issue").put("shipmentNo", number)
                            .put("shipmentDate", s.path("shipmentDate").asText()).put("shippedQty", s.get("shippedQuantity").decimalValue())
                            .put("shippedWeight", 0).put("shippedVolume", 0));
                    o.put("status", "Shipping");
                });
            }

            @Override
            public String stored(ObjectNode copy) {
                return copy.path("shipmentNumber").asText();
            }
        });
    }

    /** The confirmShipment action: the stock leaves; the order becomes BackOrder, Completed, or stays Shipping. */
    void confirm(String number) {
        String[] was = new String[1];
        ObjectNode s = book.update(number, stored -> {
            was[0] = stored.path("status").asText();
            if (was[0].equals("Open")) {
                stored.put("status", "Confirmed");
                ((ArrayNode) stored.get("shipmentPackageLines")).forEach(p -> ((ObjectNode) p).put("confirmed", true));
                touch(stored);
            }
        }).orElseThrow(() -> VismaErrors.notFound("Shipment " + number + " not found."));
        if (!was[0].equals("Open")) {
            throw VismaErrors.message(400, "Error confirming shipment. The shipment " + number + " has the status "
                    + was[0] + ".");
        }
        for (JsonNode d : s.get("shipmentDetailLines")) {
            inventory.issue(d.path("inventoryNumber").asText(), d.path("warehouse").path("id").asText(),
                    d.get("shippedQty").decimalValue());
        }
        JsonNode link = s.get("shipmentOrderLines").get(0);
        orders.change(link.path("orderType").asText(), link.path("orderNbr").asText(), o -> o.put("status", afterShipping(o)));
    }

    /** An order's status from its shipments: Shipping while one is open, else BackOrder with open quantity, else Completed. */
    private String afterShipping(ObjectNode order) {
        for (JsonNode sh : order.get("shipments")) {
            if (book.get(sh.path("shipmentNo").asText()).map(x -> x.path("status").asText().equals("Open")).orElse(false)) {
                return "Shipping";
            }
        }
        for (JsonNode l : order.get("lines")) {
            boolean stock = inventory.item(l.path("inventory").path("number").asText()).map(i -> i.stockItem).orElse(false);
            if (stock && l.get("openQty").decimalValue().signum() > 0) {
                return "BackOrder";
            }
        }
        return "Completed";
    }

    /** PUT /v1/shipment/{nbr}: packages and header members; false when absent; 412 when If-Match is stale. */
    boolean update(String number, Wire body, Optional<String> ifMatch) {
        return book.upsert(new EntityBook.Upsert<ObjectNode, Boolean>() {
            @Override
            public Optional<ObjectNode> find(EntityBook<ObjectNode> b) {
                return b.get(number);
            }

            @Override
            public ObjectNode blank() {
                return null;
            }

            @Override
            public Optional<Boolean> apply(ObjectNode s, Optional<ObjectNode> existing) {
                if (existing.isEmpty()) {
                    return Optional.of(false);
                }
                if (ifMatch.isPresent() && !ifMatch.get().equals(etag(s))) {
                    throw VismaErrors.message(412, "Shipment version does not match with If-Match header.");
                }
                String headline = "Error updating shipment.";
                body.text("note").ifPresent(n -> s.put("note", n));
                body.text("shipVia").ifPresent(v -> s.set("shipVia", Wire.idDescription(v, v)));
                body.decimal("freightAmt").ifPresent(v -> s.put("freightAmt", v));
                body.decimal("freightCost").ifPresent(v -> s.put("freightCost", v));
                ArrayNode packages = (ArrayNode) s.get("shipmentPackageLines");
                for (Wire row : body.rows("shipmentPackageLines", "ShipmentPackageLineUpdateDto")) {
                    String operation = row.plainText("operation").orElse("Insert");
                    ObjectNode target;
                    if (operation.equals("Insert")) {
                        int next = 1;
                        for (JsonNode p : packages) {
                            next = Math.max(next, p.path("lineNumber").asInt() + 1);
                        }
                        target = Wire.object().put("lineNumber", next).put("type", "Manual")
                                .put("confirmed", s.path("status").asText().equals("Confirmed")).put("uom", "KG");
                        String box = row.text("boxId").orElseThrow(() -> VismaErrors.refused(headline, "'Box ID' cannot be empty."));
                        target.put("boxId", box);
                        packages.add(target);
                    } else {
                        int line = row.integer("lineNumber").orElseThrow(() -> VismaErrors.refused(headline,
                                "'Line number' cannot be empty for the operation " + operation + "."));
                        int index = -1;
                        for (int i = 0; i < packages.size(); i++) {
                            if (packages.get(i).path("lineNumber").asInt() == line) {
                                index = i;
                            }
                        }
                        if (index < 0) {
                            throw VismaErrors.refused(headline, "The shipment has no package line " + line + ".");
                        }
                        if (operation.equals("Delete")) {
                            packages.remove(index);
                            continue;
                        }
                        if (!operation.equals("Update")) {
                            throw row.dto().wrong("operation", "Insert, Update or Delete");
                        }
                        target = (ObjectNode) packages.get(index);
                        row.text("boxId").ifPresent(b -> target.put("boxId", b));
                    }
                    row.text("description").ifPresent(v -> target.put("description", v));
                    row.text("trackingNumber").ifPresent(v -> target.put("trackingNumber", v));
                    row.decimal("weight").ifPresent(v -> target.put("weight", v));
                    row.decimal("volume").ifPresent(v -> target.put("volume", v));
                    row.decimal("declaredValue").ifPresent(v -> target.put("declaredValue", v));
                    row.bool("confirmed").ifPresent(v -> target.put("confirmed", v));
                }
                s.put("packages", packages.size());
                return Optional.empty();
            }

            @Override
            public void complete(ObjectNode s, Optional<ObjectNode> existing) {
                touch(s);
            }

            @Override
            public Boolean stored(ObjectNode copy) {
                return true;
            }
        });
    }

    /** The invoice made from these shipments: their status and order lines name it. */
    void invoiced(List<String> shipmentNumbers, String invoiceNbr) {
        for (String number : shipmentNumbers) {
            book.update(number, s -> {
                s.put("status", "Invoiced");
                s.get("shipmentOrderLines").forEach(l -> ((ObjectNode) l).put("invoiceType", "Invoice").put("invoiceNbr", invoiceNbr));
                touch(s);
            });
        }
    }

    private synchronized void touch(ObjectNode s) {
        s.put("lastModifiedDateTime", Wire.time(clock.instant()));
        s.put("timeStamp", Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(++version).array()));
    }

    static String etag(JsonNode shipment) {
        return "\"" + shipment.path("timeStamp").asText() + "\"";
    }

    List<ObjectNode> list(HttpRequest request) {
        Predicate<ObjectNode> filter = Listing.<ObjectNode>equalTo(request, "customerNumber", s -> s.path("customer").path("number").asText())
                .and(Listing.equalTo(request, "status", s -> s.path("status").asText()))
                .and(Listing.equalTo(request, "shipmentType", s -> s.path("shipmentType").asText()))
                .and(Listing.since(request, "shipmentDate", s -> Wire.parseTime(s.path("shipmentDate").asText())))
                .and(Listing.since(request, "lastModifiedDateTime", s -> Wire.parseTime(s.path("lastModifiedDateTime").asText())));
        return book.list(filter).stream().sorted(Comparator.comparing(s -> s.path("shipmentNumber").asText())).toList();
    }
}
