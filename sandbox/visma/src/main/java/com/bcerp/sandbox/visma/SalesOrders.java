package com.bcerp.sandbox.visma;

import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.records.EntityBook;
import com.bcerp.sandbox.records.NumberSequence;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Sales orders ({@code /v1/salesorder}, {@code /v2/salesorder}, erp-apis.md §10.1.3): POST a
 * {@code SalesOrderUpdateDto} (201 + Location), PUT {@code /v1/salesorder/{orderNbr}} (204; lines by
 * {@code operation} Insert / Update / Delete with {@code lineNbr}), GET by type and number, by number, a page of them
 * (filters {@code orderType}, {@code status}, {@code greaterThanValue}, {@code lastModifiedDateTime}; there is
 * <b>no</b> filter on {@code customerOrder} or {@code customerRefNo}, [V-SPEC]), the {@code cancelSalesOrder} action.
 * The order DTO has no freight and no tax field: Visma computes the tax from {@code customerVATZone} and the lines'
 * {@code taxCategory} ({@link Vat}). Stored as the read DTO.
 *
 * <p>GUESSES: order type {@code SO} only; numbers {@code 000001}... per type; {@code orderNumber} is used only with
 * {@code overrideNumberSeries: true} (its effect on orders is UNCONFIRMED, §10.1.3; the {@code orderNumberOverrideIgnored}
 * knob makes it have none) and a number in use is refused; a line {@code operation} absent means Insert; a line's
 * price defaults to the item's {@code defaultPrice}, its warehouse to the order's {@code preferredWarehouse} or MAIN,
 * its UoM to PCS (the only unit), its description to the item's; an inserted line takes the highest line number
 * in use + 1 (so a deleted last line's number is used again; Acumatica keeps a counter instead, UNCONFIRMED for Visma); {@code quantity} must be above 0; with both
 * {@code discountAmount} and {@code discountPercent} the amount wins; {@code extPrice = quantity * unitPrice} (the
 * file's text), the line's amount {@code extPrice - discountAmount}; {@code discountTotal} is the document-level
 * discount (none modelled), so 0; {@code orderTotal = lines + tax}; the currency is the customer's unless sent, rates to
 * NOK fixed ({@link #RATES}); addresses and contacts not sent are the customer's delivery / invoice ones with
 * {@code overrideAddress false}. Status: {@code Open} ({@code Hold} with {@code hold: true}) → {@code Shipping} (a
 * shipment open) → {@code BackOrder} (part confirmed) / {@code Completed} (all confirmed) → {@code Invoiced};
 * {@code Cancelled} by the action (life cycle UNCONFIRMED, §10.1.4). Only Open and Hold orders can be changed or
 * cancelled; a refused action is a 400 in the message shape.
 */
final class SalesOrders {

    static final Set<String> ORDER_TYPES = Set.of("SO");
    /** Exchange rates to the base currency (NOK), fixed. */
    static final Map<String, BigDecimal> RATES = Map.of("NOK", BigDecimal.ONE, "EUR", new BigDecimal("11.5"),
            "USD", new BigDecimal("10.5"), "SEK", new BigDecimal("1.0"), "DKK", new BigDecimal("1.54"),
            "GBP", new BigDecimal("13.4"));
    static final String CREATE = "Error creating salesOrder.";
    static final String UPDATE = "Error updating salesOrder.";

    private final Clock clock;
    private final Customers customers;
    private final Inventory inventory;
    private final Vat vat;
    private final Addresses addresses;
    private final Faults faults;
    private final EntityBook<ObjectNode> book;
    private final NumberSequence numbers = NumberSequence.of("%2$06d");

    SalesOrders(ReentrantLock lock, Clock clock, Customers customers, Inventory inventory, Vat vat, Addresses addresses,
            Faults faults) {
        this.clock = clock;
        this.customers = customers;
        this.inventory = inventory;
        this.vat = vat;
        this.addresses = addresses;
        this.faults = faults;
        this.book = new EntityBook<>(lock, EntityBook.Order.FIRST_WRITTEN, SalesOrders::key, ObjectNode::deepCopy);
    }

    static String key(JsonNode order) {
        return key(order.path("orderType").asText(), order.path("orderNo").asText());
    }

    static String key(String type, String number) {
        return type + "/" + number;
    }

    Optional<ObjectNode> get(String type, String number) {
        return book.get(key(type, number));
    }

    /** GET /v1/salesorder/{orderNbr}: the order of that number (of any type). */
    Optional<ObjectNode> get(String number) {
        return book.find(o -> o.path("orderNo").asText().equals(number));
    }

    List<ObjectNode> all() {
        return book.list(o -> true);
    }

    /** Changes a stored order (shipments and invoices do), then derives its totals, status and time again. */
    Optional<ObjectNode> change(String type, String number, Consumer<ObjectNode> change) {
        return book.update(key(type, number), o -> {
            change.accept(o);
            derive(o);
            o.put("lastModifiedDateTime", Wire.time(clock.instant()));
        });
    }

    // ---- POST ----

    /** POST: the new order's number. */
    String create(Wire body) {
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
            public Optional<String> apply(ObjectNode o, Optional<ObjectNode> existing) {
                String type = body.text("orderType").orElseThrow(() -> VismaErrors.refused(CREATE, "'Order type' cannot be empty."));
                if (!ORDER_TYPES.contains(type)) {
                    throw VismaErrors.refused(CREATE, "'Order type' cannot be found in the system: " + type + ".");
                }
                o.put("orderType", type);
                boolean override = body.bool("overrideNumberSeries").orElse(false) && !faults.orderNumberOverrideIgnored();
                Optional<String> number = body.text("orderNumber").map(String::trim).filter(n -> !n.isEmpty());
                if (override && number.isPresent()) {
                    if (book.contains(key(type, number.get()))) {
                        throw VismaErrors.refused(CREATE, "'Order no.' " + number.get() + " already exists for order type "
                                + type + ".");
                    }
                    o.put("orderNo", number.get());
                }
                String customerNumber = body.text("customer").orElseThrow(() -> VismaErrors.refused(CREATE,
                        "'Customer' cannot be empty."));
                ObjectNode customer = customers.get(customerNumber).orElseThrow(() -> VismaErrors.refused(CREATE,
                        "'Customer' cannot be found in the system: " + customerNumber + "."));
                if (!customer.path("status").asText().equals("Active") && !customer.path("status").asText().equals("OneTime")) {
                    throw VismaErrors.refused(CREATE, "The customer " + customerNumber + " has the status "
                            + customer.path("status").asText() + ".");
                }
                o.set("customer", Wire.object().put("internalId", customer.path("internalId").asInt())
                        .put("number", customerNumber).put("name", customer.path("name").asText()));
                Instant now = clock.instant();
                o.put("date", Wire.date(now));
                o.put("requestOn", Wire.date(now));
                o.put("currency", customer.path("currencyId").asText());
                o.put("hold", false);
                o.set("customerVATZone", customer.get("vatZone").deepCopy());
                o.set("soBillingAddress", inherit(customer.get("invoiceAddress"), "overrideAddress"));
                o.set("soBillingContact", inherit(customer.get("invoiceContact"), "overrideContact"));
                o.set("soShippingAddress", inherit(customer.get("deliveryAddress"), "overrideAddress"));
                o.set("soShippingContact", inherit(customer.get("deliveryContact"), "overrideContact"));
                o.put("shipComplete", "BackOrderAllowed");
                o.putArray("lines");
                o.putArray("shipments");
                header(body, o, CREATE);
                lines(body, o, CREATE);
                return Optional.empty();
            }

            @Override
            public void complete(ObjectNode o, Optional<ObjectNode> existing) {
                if (!o.has("orderNo")) {
                    String type = o.path("orderType").asText();
                    o.put("orderNo", book.nextFree(numbers, type, n -> key(type, n)));
                }
                o.put("status", o.path("hold").asBoolean() ? "Hold" : "Open");
                derive(o);
                book(o, BigDecimal.ONE);
                o.put("lastModifiedDateTime", Wire.time(clock.instant()));
            }

            @Override
            public String stored(ObjectNode copy) {
                return copy.path("orderNo").asText();
            }
        });
    }

    // ---- PUT ----

    /** PUT /v1/salesorder/{orderNbr}: false when there is no such order. */
    boolean update(String number, Wire body) {
        return book.upsert(new EntityBook.Upsert<ObjectNode, Boolean>() {
            @Override
            public Optional<ObjectNode> find(EntityBook<ObjectNode> b) {
                String type = body.text("orderType").orElse("SO");
                return b.get(key(type, number));
            }

            @Override
            public ObjectNode blank() {
                return null;
            }

            @Override
            public Optional<Boolean> apply(ObjectNode o, Optional<ObjectNode> existing) {
                if (existing.isEmpty()) {
                    return Optional.of(false);
                }
                String status = o.path("status").asText();
                if (!status.equals("Open") && !status.equals("Hold")) {
                    throw VismaErrors.refused(UPDATE, "The order " + number + " has the status " + status
                            + " and cannot be changed.");
                }
                body.text("customer").filter(c -> !c.equals(o.path("customer").path("number").asText())).ifPresent(c -> {
                    throw VismaErrors.refused(UPDATE, "The customer of an order cannot be changed.");
                });
                header(body, o, UPDATE);
                lines(body, o, UPDATE);
                return Optional.empty();
            }

            @Override
            public void complete(ObjectNode o, Optional<ObjectNode> existing) {
                book(existing.orElseThrow(), BigDecimal.ONE.negate());
                o.put("status", o.path("hold").asBoolean() ? "Hold" : "Open");
                derive(o);
                book(o, BigDecimal.ONE);
                o.put("lastModifiedDateTime", Wire.time(clock.instant()));
            }

            @Override
            public Boolean stored(ObjectNode copy) {
                return true;
            }
        });
    }

    private ObjectNode inherit(JsonNode from, String overrideFlag) {
        ObjectNode copy = from == null ? Wire.object() : ((ObjectNode) from).deepCopy();
        copy.put(overrideFlag, false);
        return copy;
    }

    /** The header members of a SalesOrderUpdateDto. */
    private void header(Wire body, ObjectNode o, String refusedAs) {
        body.bool("hold").ifPresent(h -> o.put("hold", h));
        body.time("date").ifPresent(t -> o.put("date", Wire.time(t)));
        body.time("requestOn").ifPresent(t -> o.put("requestOn", Wire.time(t)));
        for (String text : List.of("customerOrder", "customerRefNo", "description", "note", "paymentRef")) {
            body.text(text).ifPresent(v -> o.put(text, v));
        }
        body.text("currency").ifPresent(c -> {
            if (!RATES.containsKey(c)) {
                throw VismaErrors.refused(refusedAs, "'Currency' cannot be found in the system: " + c + ".");
            }
            o.put("currency", c);
        });
        body.text("customerVATZone").ifPresent(z -> {
            Vat.Zone zone = vat.zone(z).orElseThrow(() -> VismaErrors.refused(refusedAs,
                    "'VAT zone' cannot be found in the system: " + z + "."));
            o.set("customerVATZone", Wire.idDescription(zone.id(), zone.description())
                    .put("defaultVatCategory", zone.defaultCategory()));
        });
        body.text("preferredWarehouse").ifPresent(w -> o.set("preferredWarehouse", warehouseRef(w, refusedAs)));
        body.text("shipVia").ifPresent(v -> o.set("shipVia", Wire.idDescription(v, v)));
        body.text("paymentMethod").ifPresent(v -> o.set("paymentMethod", Wire.idDescription(v, v)));
        body.text("shipComplete").ifPresent(v -> {
            if (!Set.of("BackOrderAllowed", "CancelRemainder", "ShipComplete").contains(v)) {
                throw body.dto().wrong("shipComplete", "one of BackOrderAllowed, CancelRemainder, ShipComplete");
            }
            o.put("shipComplete", v);
        });
        body.nested("soBillingAddress", "SalesOrderAddressUpdateDto").ifPresent(a ->
                o.set("soBillingAddress", addresses.address(a, (ObjectNode) o.get("soBillingAddress"), refusedAs)));
        body.nested("soShippingAddress", "SalesOrderAddressUpdateDto").ifPresent(a ->
                o.set("soShippingAddress", addresses.address(a, (ObjectNode) o.get("soShippingAddress"), refusedAs)));
        body.nested("soBillingContact", "SalesOrderContactUpdateDto").ifPresent(c ->
                o.set("soBillingContact", addresses.contact(c, (ObjectNode) o.get("soBillingContact"))));
        body.nested("soShippingContact", "SalesOrderContactUpdateDto").ifPresent(c ->
                o.set("soShippingContact", addresses.contact(c, (ObjectNode) o.get("soShippingContact"))));
    }

    private static ObjectNode warehouseRef(String id, String refusedAs) {
        if (!Inventory.isWarehouse(id)) {
            throw VismaErrors.refused(refusedAs, "'Warehouse' cannot be found in the system: " + id + ".");
        }
        return Wire.idDescription(id, Inventory.warehouse(id).orElseThrow().path("description").asText());
    }

    /** The {@code lines} of a SalesOrderUpdateDto: Insert, Update (by lineNbr), Delete (by lineNbr). */
    private void lines(Wire body, ObjectNode o, String refusedAs) {
        ArrayNode lines = (ArrayNode) o.get("lines");
        for (Wire row : body.rows("lines", "SalesOrderLineUpdateDto")) {
            String operation = row.plainText("operation").orElse("Insert");
            switch (operation) {
                case "Insert" -> {
                    int next = 1;
                    for (JsonNode l : lines) {
                        next = Math.max(next, l.path("lineNbr").asInt() + 1);
                    }
                    ObjectNode line = Wire.object().put("lineNbr", next).put("sortOrder", lines.size() + 1);
                    line(row, line, o, refusedAs, true);
                    lines.add(line);
                }
                case "Update", "Delete" -> {
                    int nbr = row.integer("lineNbr").orElseThrow(() -> VismaErrors.refused(refusedAs,
                            "'Line no.' cannot be empty for the operation " + operation + "."));
                    int index = -1;
                    for (int i = 0; i < lines.size(); i++) {
                        if (lines.get(i).path("lineNbr").asInt() == nbr) {
                            index = i;
                        }
                    }
                    if (index < 0) {
                        throw VismaErrors.refused(refusedAs, "The order has no line " + nbr + ".");
                    }
                    if (operation.equals("Delete")) {
                        lines.remove(index);
                    } else {
                        line(row, (ObjectNode) lines.get(index), o, refusedAs, false);
                    }
                }
                default -> throw row.dto().wrong("operation", "Insert, Update or Delete");
            }
        }
    }

    private void line(Wire row, ObjectNode line, ObjectNode order, String refusedAs, boolean insert) {
        Optional<String> number = row.text("inventoryNumber");
        if (insert && number.isEmpty()) {
            throw VismaErrors.refused(refusedAs, "'Inventory ID' cannot be empty.");
        }
        Inventory.Item item;
        if (number.isPresent()) {
            item = inventory.item(number.get()).orElseThrow(() -> VismaErrors.refused(refusedAs,
                    "'Inventory ID' cannot be found in the system: " + number.get() + "."));
            line.set("inventory", Wire.object().put("number", item.number).put("description", item.description));
        } else {
            item = inventory.item(line.path("inventory").path("number").asText()).orElseThrow();
        }
        if (insert) {
            String warehouse = order.path("preferredWarehouse").path("id").asText("MAIN");
            line.set("warehouse", warehouseRef(warehouse, refusedAs));
            line.put("uom", "PCS").put("unitPrice", item.defaultPrice).put("unitCost", item.cost)
                    .put("lineDescription", item.description).put("taxCategory", item.vatCategory)
                    .put("discountPercent", BigDecimal.ZERO).put("discountAmount", BigDecimal.ZERO)
                    .put("manualDiscount", false).put("qtyOnShipments", BigDecimal.ZERO).put("completed", false)
                    .put("operation", "Issue");
        }
        row.text("warehouse").ifPresent(w -> line.set("warehouse", warehouseRef(w, refusedAs)));
        row.text("uom").ifPresent(u -> {
            if (!u.equals("PCS")) {
                throw VismaErrors.refused(refusedAs, "'UoM' " + u + " is not a unit of the item " + item.number + ".");
            }
        });
        row.decimal("quantity").ifPresent(q -> line.put("quantity", q));
        if (!line.has("quantity") || line.get("quantity").decimalValue().signum() <= 0) {
            throw VismaErrors.refused(refusedAs, "'Quantity' must be greater than 0 on the line for " + item.number + ".");
        }
        row.decimal("unitPrice").ifPresent(p -> line.put("unitPrice", p));
        row.decimal("unitCost").ifPresent(p -> line.put("unitCost", p));
        row.text("lineDescription").ifPresent(d -> line.put("lineDescription", d));
        row.text("note").ifPresent(d -> line.put("note", d));
        row.bool("manualDiscount").ifPresent(m -> line.put("manualDiscount", m));
        row.text("taxCategory").ifPresent(c -> {
            if (!vat.hasCategory(c)) {
                throw VismaErrors.refused(refusedAs, "'VAT category' cannot be found in the system: " + c + ".");
            }
            line.put("taxCategory", c);
        });
        Optional<BigDecimal> amount = row.decimal("discountAmount");
        Optional<BigDecimal> percent = row.decimal("discountPercent");
        BigDecimal ext = Wire.money(line.get("quantity").decimalValue().multiply(line.get("unitPrice").decimalValue()));
        if (amount.isPresent()) {
            line.put("discountAmount", Wire.money(amount.get()));
            line.put("discountPercent", ext.signum() == 0 ? BigDecimal.ZERO
                    : amount.get().multiply(new BigDecimal("100")).divide(ext, 6, RoundingMode.HALF_UP).stripTrailingZeros());
        } else {
            // the percent sent, or the line's percent kept when quantity or price change (GUESS: Acumatica's rule)
            BigDecimal p = percent.orElse(line.get("discountPercent").decimalValue());
            line.put("discountPercent", p);
            line.put("discountAmount", Wire.money(ext.multiply(p).divide(new BigDecimal("100"), 2, RoundingMode.HALF_UP)));
        }
        if (ext.signum() < 0 && faults.negativeLinesRefused()) {
            throw VismaErrors.refused(refusedAs, "The line for " + item.number + " cannot have a negative amount.");
        }
        // GUESS: the discount is compared with the amount by size, so a negative line without a discount is taken
        if (line.get("discountAmount").decimalValue().abs().compareTo(ext.abs()) > 0) {
            throw VismaErrors.refused(refusedAs, "The discount on the line for " + item.number + " exceeds its amount.");
        }
    }

    /** The derived fields: line amounts, totals and tax, the status from the shipments. */
    void derive(ObjectNode o) {
        Vat.Zone zone = vat.zone(o.path("customerVATZone").path("id").asText()).orElseThrow();
        List<Vat.Line> taxLines = new ArrayList<>();
        BigDecimal lineTotal = BigDecimal.ZERO;
        for (JsonNode l : o.get("lines")) {
            ObjectNode line = (ObjectNode) l;
            BigDecimal qty = line.get("quantity").decimalValue();
            BigDecimal ext = Wire.money(qty.multiply(line.get("unitPrice").decimalValue()));
            BigDecimal net = ext.subtract(line.get("discountAmount").decimalValue());
            line.put("extPrice", ext);
            line.put("discUnitPrice", net.divide(qty, 2, RoundingMode.HALF_UP));
            line.put("openQty", qty.subtract(line.get("qtyOnShipments").decimalValue()));
            line.put("unbilledAmount", line.hasNonNull("invoiceNbr") ? BigDecimal.ZERO.setScale(2) : net);
            lineTotal = lineTotal.add(net);
            taxLines.add(new Vat.Line(net, line.path("taxCategory").asText(null)));
        }
        Vat.Result tax = vat.compute(zone, taxLines);
        BigDecimal total = Wire.money(lineTotal.add(tax.taxTotal()));
        BigDecimal rate = RATES.get(o.path("currency").asText());
        o.put("orderTotal", total).put("taxTotal", tax.taxTotal()).put("vatTaxableTotal", tax.taxableTotal())
                .put("vatExemptTotal", tax.exemptTotal()).put("discountTotal", BigDecimal.ZERO.setScale(2))
                .put("exchangeRate", rate).put("orderTotalInBaseCurrency", Wire.money(total.multiply(rate)))
                .put("taxTotalInBaseCurrency", Wire.money(tax.taxTotal().multiply(rate)));
    }

    /** Books ({@code sign} 1) or releases ({@code sign} -1) the open quantity of an open order's stock lines. */
    void book(ObjectNode o, BigDecimal sign) {
        if (Set.of("Cancelled", "Completed", "Invoiced").contains(o.path("status").asText())) {
            return;
        }
        for (JsonNode l : o.get("lines")) {
            BigDecimal open = l.get("quantity").decimalValue().subtract(l.get("qtyOnShipments").decimalValue());
            if (open.signum() > 0) {
                inventory.book(l.path("inventory").path("number").asText(), l.path("warehouse").path("id").asText(),
                        open.multiply(sign));
            }
        }
    }

    // ---- cancelSalesOrder ----

    /** The cancelSalesOrder action: an Open or Hold order without shipments becomes Cancelled and releases its stock. */
    void cancel(String number, String type) {
        ObjectNode o = get(type, number).orElseThrow(() -> VismaErrors.notFound("Sales order " + type + " " + number
                + " not found."));
        String status = o.path("status").asText();
        if (!status.equals("Open") && !status.equals("Hold") || !o.get("shipments").isEmpty()) {
            throw VismaErrors.message(400, "Error cancelling salesOrder. The order " + number + " has the status "
                    + status + (o.get("shipments").isEmpty() ? "" : " and shipments") + " and cannot be cancelled.");
        }
        change(type, number, order -> {
            book(order, BigDecimal.ONE.negate());
            order.put("status", "Cancelled").put("canceled", true);
        });
    }

    /** The merchant puts an Open order on hold (its Hold box): Hold until released; its booked stock stays booked. */
    void hold(String number, String type) {
        ObjectNode o = get(type, number).orElseThrow(() -> VismaErrors.notFound("Sales order " + type + " " + number
                + " not found."));
        if (!o.path("status").asText().equals("Open")) {
            throw VismaErrors.message(400, "The order " + number + " has the status " + o.path("status").asText()
                    + " and cannot be put on hold.");
        }
        change(type, number, order -> order.put("hold", true).put("status", "Hold"));
    }

    // ---- GET list ----

    /**
     * An order as a list shows it: {@code note} only with {@code showNotes=true} ("Set to true to include notes",
     * [V-SPEC]; GUESS: a single order's GET always shows it).
     */
    static ObjectNode listed(ObjectNode order, HttpRequest request) {
        if (!request.queryParam("showNotes").map("true"::equalsIgnoreCase).orElse(false)) {
            order.remove("note");
        }
        return order;
    }

    /**
     * GET /v1/salesorder (and per customer): the filters the file has, nothing else. GUESS: a query parameter the
     * operation does not declare (such as {@code customerRefNo} or {@code customerOrder}) is ignored, as ASP.NET Web API
     * binds only declared parameters, so such a "filter" answers every order; the deprecated {@code numberToRead},
     * {@code skipRecords} and {@code orderBy} have no effect.
     */
    List<ObjectNode> list(HttpRequest request, Optional<String> customer) {
        Optional<String> greater = request.queryParam("greaterThanValue").filter(v -> !v.isEmpty());
        Predicate<ObjectNode> filter = Listing.<ObjectNode>equalTo(request, "orderType", o -> o.path("orderType").asText())
                .and(Listing.equalTo(request, "status", o -> o.path("status").asText()))
                .and(o -> greater.map(g -> o.path("orderNo").asText().compareTo(g) > 0).orElse(true))
                .and(o -> customer.map(c -> c.equals(o.path("customer").path("number").asText())).orElse(true))
                .and(Listing.since(request, "lastModifiedDateTime", o -> Wire.parseTime(o.path("lastModifiedDateTime").asText())));
        return book.list(filter).stream().sorted(Comparator.comparing(SalesOrders::key)).toList();
    }
}
