package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.acumatica.EntityShapes.Shape;
import com.bcerp.sandbox.records.EntityBook;
import com.bcerp.sandbox.records.NumberSequence;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The sandbox's sales orders (SO301000), keyed by OrderType + OrderNbr, numbered per order type ({@code SO000001}).
 *
 * <p>What it computes, as Acumatica posts it: a line's {@code ExtendedPrice} = OrderQty x UnitPrice and its
 * {@code DiscountAmount} each rounded to the cent, {@code Amount} = ExtendedPrice - DiscountAmount; freight only when
 * {@code OverrideFreightPrice} is set (the sandbox has no carrier rates); {@code TaxTotal} = the sum of the
 * {@code TaxDetails}: those sent when {@code IsTaxValid} is true and the order's tax zone applies every one of their
 * taxes (or the order has no zone), otherwise the zone's own calculation, each of its taxes at its rate on the lines
 * and freight ({@link TaxZones}; none without a zone); {@code OrderTotal} = lines + freight + tax. Unit prices keep four decimals (Price decimal places = 4).
 *
 * <p>Order types SO (sales), CM (credit memos: adjustments of completed sales orders) and RC (returns for credit),
 * among others, are computed alike; a credit or return names its original order in {@code FinancialSettings}, which
 * must exist. CR is a Cash Return (returns from cash sales, an AR cash document): as the order type requires, it is
 * refused without a {@code PaymentMethod} and a {@code CashAccount} (MYOB Acumatica help, Order Types SO201000; the
 * exact message is a GUESS in Acumatica's "cannot be empty" wording). {@code Branch} must be one of
 * {@link #BRANCHES}, and {@code PaymentMethod} and {@code ShipVia} (on the header or in {@code ShippingSettings}) one
 * of the setup records {@link SetupBook} lists. {@code CancelSalesOrder} makes an order Cancelled.
 *
 * <p>Like Acumatica, nothing makes CustomerOrder or ExternalRef unique: a client that creates twice gets two orders.
 */
final class SalesOrderBook {

    static final Shape SHAPE = EntityShapes.get("SalesOrder");

    static final Set<String> ORDER_TYPES = Set.of("SO", "QT", "CM", "RC", "CR", "IN", "RM", "TR");
    /** Cash Return: an AR cash document, which needs what a cash sale needs. */
    static final String CASH_RETURN = "CR";
    static final Set<String> TAX_IDS = Set.of("BCTAX", "NYSTATETAX", "EXEMPT", "STDTAX", "REDTAX", "SHIPTAX", "EUVAT");
    static final Set<String> BRANCHES = SetupBook.BRANCH_COMPANY.keySet();
    static final String CANCELLED = "Cancelled";
    static final String COMPLETED = "Completed";
    static final String INVOICED = "Invoiced";

    /** Kept on the stored order, never rendered (not a contract field). */
    private static final String LINE_COUNTER = "$lineCounter";

    private final ReentrantLock lock;
    private final Clock clock;
    private final CustomerBook customers;
    private final TaxZones zones;
    private final ItemBook items;
    private final Map<String, BigDecimal> itemPrices = new HashMap<>();
    private final EntityBook<ObjectNode> book;
    private final NumberSequence numbers = NumberSequence.of("%s%06d"); // per order type: SO000001, CM000001

    SalesOrderBook(ReentrantLock lock, Clock clock, CustomerBook customers, SandboxCatalog catalog, TaxZones zones,
            ItemBook items) {
        this.zones = zones;
        this.items = items;
        this.lock = lock;
        this.clock = clock;
        this.book = new EntityBook<>(lock, EntityBook.Order.FIRST_WRITTEN, SalesOrderBook::key, Values::copy);
        this.customers = customers;
        catalog.sharedItems().forEach(i -> itemPrices.put(i.sku(), i.price()));
        SandboxCatalog.CHARGE_ITEMS.forEach(i -> itemPrices.put(i, BigDecimal.ZERO));
    }

    PutResult put(ObjectNode request, Precondition precondition) {
        return book.upsert(new ContractPut(request, precondition, SHAPE, "Sales Order", List.of("OrderType", "OrderNbr")) {
            @Override
            Optional<ObjectNode> byKeys(EntityBook<ObjectNode> orders, JsonNode r) {
                return Values.text(r, "OrderNbr").flatMap(nbr -> orders.get(Values.text(r, "OrderType").orElse("SO") + "/" + nbr));
            }

            @Override
            void defaults(ObjectNode candidate) {
                if (Values.text(candidate, "OrderType").isEmpty()) {
                    Values.set(candidate, "OrderType", "SO");
                }
            }

            @Override
            void validate(ObjectNode candidate, Optional<ObjectNode> existing, FieldErrors errors) {
                SalesOrderBook.this.validate(candidate, errors);
            }

            @Override
            void refusedInsert(ObjectNode candidate) {
                Values.set(candidate, "OrderNbr", "<NEW>");
            }

            @Override
            void inserted(ObjectNode candidate) {
                String type = Values.text(candidate, "OrderType").orElseThrow();
                Values.set(candidate, "OrderNbr", book.nextFree(numbers, type, nbr -> type + "/" + nbr));
                Values.set(candidate, "NoteID", UUID.randomUUID().toString());
                Values.set(candidate, "CreatedDate", OffsetDateTime.now(clock));
            }

            @Override
            void compute(ObjectNode candidate) {
                SalesOrderBook.this.compute(candidate);
                Values.set(candidate, "LastModified", OffsetDateTime.now(clock));
            }
        });
    }

    /** The order's tax zone: its own when OverrideTaxZone is set, else its customer's, else the branch's. */
    private Optional<String> taxZone(ObjectNode order) {
        JsonNode financial = order.path("FinancialSettings");
        if (Values.isTrue(financial, "OverrideTaxZone")) {
            return Values.text(financial, "CustomerTaxZone");
        }
        Optional<String> customerZone = customers.get(Values.text(order, "CustomerID").orElse(""))
                .flatMap(c -> Values.text(c, "TaxZone"));
        return customerZone.isPresent() ? customerZone : zones.branchZone();
    }

    private static List<String> sentTaxIds(ArrayNode taxes) {
        List<String> ids = new java.util.ArrayList<>();
        taxes.forEach(t -> Values.text(t, "TaxID").ifPresent(ids::add));
        return ids;
    }

    /** The units a line of the item may be in (base units per one); a non-stock item has its one unit. */
    private Map<String, BigDecimal> unitsOf(String item) {
        return items.units(item).orElse(Map.of(ItemBook.BASE_UNIT, BigDecimal.ONE));
    }

    /** Adds an item to the instance's catalogue (a stock or non-stock item the merchant keeps). */
    void addItem(String inventoryId, BigDecimal price) {
        lock.lock();
        try {
            itemPrices.put(inventoryId, price);
        } finally {
            lock.unlock();
        }
    }

    /** CancelSalesOrder: an open order becomes Cancelled; one cancelled, completed (shipped) or invoiced is refused: the action is off. */
    PutResult cancel(JsonNode keys) {
        lock.lock();
        try {
            String key = Values.text(keys, "OrderType").orElse("SO") + "/" + Values.text(keys, "OrderNbr").orElse("");
            ObjectNode order = book.get(key).orElseThrow(AcumaticaErrors::noEntity);
            String status = Values.text(order, "Status").orElse("");
            if (CANCELLED.equals(status) || COMPLETED.equals(status) || INVOICED.equals(status)) {
                new FieldErrors().add(order, "Status", "The order is " + status.toLowerCase(java.util.Locale.ROOT) + " already.");
                order.put("error", "The Cancel Order action is not available for an order with the " + status + " status.");
                return PutResult.rejected(order);
            }
            return PutResult.stored(book.update(key, o -> {
                Values.set(o, "Status", CANCELLED);
                Values.set(o, "Hold", false);
                for (JsonNode line : o.withArrayProperty("Details")) {
                    Values.set((ObjectNode) line, "OpenQty", BigDecimal.ZERO);
                }
                Values.set(o, "LastModified", OffsetDateTime.now(clock));
            }).orElseThrow());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Deletes an order, as the screen's Delete and {@code DELETE /SalesOrder/{type}/{nbr}} do; afterwards it is read
     * as any missing record is (500 NoEntitySatisfiesTheCondition). An order that has shipped or been invoiced
     * cannot be deleted: a business rule (500 PXException; the message is a GUESS in Acumatica's wording).
     */
    void delete(String orderType, String orderNbr) {
        lock.lock();
        try {
            String key = orderType.toUpperCase(java.util.Locale.ROOT) + "/" + orderNbr;
            ObjectNode order = book.get(key).orElseThrow(AcumaticaErrors::noEntity);
            String status = Values.text(order, "Status").orElse("");
            if (COMPLETED.equals(status) || INVOICED.equals(status)) {
                throw AcumaticaErrors.businessRule("The sales order " + orderNbr + " cannot be deleted because it has "
                        + "been " + status.toLowerCase(java.util.Locale.ROOT) + ".");
            }
            book.remove(key);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Changes the stored order in place under the book's lock (shipping, invoicing and holding, which work on the
     * order as the back office's own screens do); the order's LastModified moves on.
     */
    /** Whether the instance has the item (the catalogue's and the charge items). */
    boolean knowsItem(String inventoryId) {
        return itemPrices.containsKey(inventoryId);
    }

    /** Whether the customer exists. */
    boolean knowsCustomer(String customerId) {
        return customers.exists(customerId);
    }

    ObjectNode change(String orderType, String orderNbr, java.util.function.Consumer<ObjectNode> change) {
        return book.update(orderType + "/" + orderNbr, order -> {
            change.accept(order);
            Values.set(order, "LastModified", OffsetDateTime.now(clock));
        }).orElseThrow(() -> new IllegalArgumentException("the sandbox has no sales order " + orderType + " " + orderNbr));
    }

    Optional<ObjectNode> get(String orderType, String orderNbr) {
        return book.get(orderType.toUpperCase(java.util.Locale.ROOT) + "/" + orderNbr);
    }

    Optional<ObjectNode> get(UUID id) {
        String guid = id.toString();
        return book.find(o -> guid.equalsIgnoreCase(o.path("id").asText()));
    }

    List<ObjectNode> list(Predicate<JsonNode> filter) {
        return book.list(filter);
    }

    /** Marks every field at fault inside the candidate. */
    private void validate(ObjectNode order, FieldErrors errors) {
        String type = Values.text(order, "OrderType").orElseThrow();
        if (!ORDER_TYPES.contains(type)) {
            errors.add(order, "OrderType", "'Order Type' cannot be found in the system.");
        }
        if (CASH_RETURN.equals(type)) {
            for (String[] field : new String[][] {{"PaymentMethod", "Payment Method"}, {"CashAccount", "Cash Account"}}) {
                if (Values.text(order, field[0]).isEmpty()) {
                    errors.add(order, field[0], "'" + field[1] + "' cannot be empty.");
                }
            }
        }
        Values.text(order, "Branch").filter(b -> !BRANCHES.contains(b))
                .ifPresent(b -> errors.add(order, "Branch", "'Branch' cannot be found in the system."));
        // selectors over the setup records, as on the Sales Orders screen
        Values.text(order, "PaymentMethod").filter(m -> !PaymentBook.PAYMENT_METHODS.contains(m))
                .ifPresent(m -> errors.add(order, "PaymentMethod", "'Payment Method' cannot be found in the system."));
        Values.text(order, "ShipVia").filter(v -> !SetupBook.SHIP_VIAS.contains(v))
                .ifPresent(v -> errors.add(order, "ShipVia", "'Ship Via' cannot be found in the system."));
        if (order.path("ShippingSettings") instanceof ObjectNode shipping) {
            Values.text(shipping, "ShipVia").filter(v -> !SetupBook.SHIP_VIAS.contains(v))
                    .ifPresent(v -> errors.add(shipping, "ShipVia", "'Ship Via' cannot be found in the system."));
        }
        JsonNode financial = order.path("FinancialSettings");
        Optional<String> originalNbr = Values.text(financial, "OriginalOrderNbr");
        if (originalNbr.isPresent() && !book.contains(Values.text(financial, "OriginalOrderType").orElse("SO") + "/"
                + originalNbr.get())) {
            errors.add((ObjectNode) financial, "OriginalOrderNbr", "'Orig. Order Nbr.' cannot be found in the system.");
        }
        Optional<String> customer = Values.text(order, "CustomerID");
        if (customer.isEmpty()) {
            errors.add(order, "CustomerID", "'Customer' cannot be empty.");
        } else if (!customers.exists(customer.get())) {
            errors.add(order, "CustomerID", "'Customer' cannot be found in the system.");
        }
        for (JsonNode line : order.withArrayProperty("Details")) {
            Optional<String> item = Values.text(line, "InventoryID");
            if (item.isEmpty()) {
                errors.add((ObjectNode) line, "InventoryID", "'Inventory ID' cannot be empty.");
            } else if (!itemPrices.containsKey(item.get())) {
                errors.add((ObjectNode) line, "InventoryID", "'Inventory ID' cannot be found in the system.");
            } else if (Values.text(line, "UOM").filter(u -> !unitsOf(item.get()).containsKey(u)).isPresent()) {
                // the line's UOM selects among the item's units (its base unit and its conversions), as the
                // Inventory ID does among items: a value outside them is Acumatica's selector error
                errors.add((ObjectNode) line, "UOM", "'UOM' cannot be found in the system.");
            }
        }
        Optional<String> zone = Values.text(financial, "CustomerTaxZone");
        if (financial.isObject() && zone.isPresent() && !zones.exists(zone.get())) {
            errors.add((ObjectNode) financial, "CustomerTaxZone", "'Customer Tax Zone' cannot be found in the system.");
        }
        for (JsonNode tax : order.withArrayProperty("TaxDetails")) {
            Optional<String> taxId = Values.text(tax, "TaxID");
            if (taxId.isEmpty() || !TAX_IDS.contains(taxId.get())) {
                errors.add((ObjectNode) tax, "TaxID", "'Tax ID' cannot be " + (taxId.isEmpty() ? "empty." : "found in the system."));
            }
        }
    }

    private void compute(ObjectNode order) {
        String type = Values.text(order, "OrderType").orElseThrow();
        String nbr = Values.text(order, "OrderNbr").orElseThrow();
        OffsetDateTime today = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
        defaultTo(order, "Date", Values.format(today));
        defaultTo(order, "RequestedOn", Values.text(order, "Date").orElseThrow());
        defaultTo(order, "CurrencyID", "USD");
        defaultTo(order, "Description", "");
        Values.set(order, "BaseCurrencyID", "USD");
        boolean hold = Values.isTrue(order, "Hold");
        Values.set(order, "Hold", hold);
        // shipping and invoicing move an order on (Back Order, Completed, Invoiced); an edit does not move it back
        String status = Values.text(order, "Status").orElse("Open");
        if (status.equals("Open") || status.equals("On Hold")) {
            Values.set(order, "Status", hold ? "On Hold" : "Open");
        }

        BigDecimal lines = BigDecimal.ZERO;
        BigDecimal quantity = BigDecimal.ZERO;
        BigDecimal discounts = BigDecimal.ZERO;
        int lineNbr = order.path(LINE_COUNTER).asInt(0); // line numbers are never reused, as SOOrder.LineCntr
        for (JsonNode node : order.withArrayProperty("Details")) {
            ObjectNode line = (ObjectNode) node;
            if (Values.raw(line, "LineNbr").isEmpty()) {
                Values.set(line, "LineNbr", ++lineNbr);
            }
            String item = Values.text(line, "InventoryID").orElseThrow();
            BigDecimal qty = Values.decimal(line, "OrderQty").orElse(BigDecimal.ZERO);
            defaultTo(line, "UOM", items.salesUnit(item).orElse(ItemBook.BASE_UNIT));
            BigDecimal perUnit = unitsOf(item).getOrDefault(Values.text(line, "UOM").orElseThrow(), BigDecimal.ONE);
            // the item's price is per base unit; a line in a bigger unit defaults to that many times it
            BigDecimal price = Values.decimal(line, "UnitPrice").orElse(itemPrices.get(item).multiply(perUnit))
                    .setScale(4, RoundingMode.HALF_UP);
            BigDecimal extended = cents(qty.multiply(price));
            BigDecimal discount = cents(Values.decimal(line, "DiscountAmount").orElseGet(() -> Values.decimal(line, "DiscountPercent")
                    .map(p -> extended.multiply(p).movePointLeft(2)).orElse(BigDecimal.ZERO)));
            BigDecimal amount = extended.subtract(discount);
            BigDecimal onShipments = Values.decimal(line, "QtyOnShipments").orElse(BigDecimal.ZERO);
            Values.set(line, "OrderQty", qty);
            Values.set(line, "OpenQty", qty.subtract(onShipments).max(BigDecimal.ZERO));
            Values.set(line, "UnitPrice", price);
            Values.set(line, "ManualPrice", Values.isTrue(line, "ManualPrice"));
            Values.set(line, "ExtendedPrice", extended);
            Values.set(line, "DiscountAmount", discount);
            Values.set(line, "ManualDiscount", Values.isTrue(line, "ManualDiscount"));
            Values.set(line, "Amount", amount);
            Values.set(line, "UnbilledAmount", amount);
            defaultTo(line, "LineDescription", "");
            Values.set(line, "Completed", onShipments.signum() > 0 && onShipments.compareTo(qty) >= 0);
            lines = lines.add(amount);
            quantity = quantity.add(qty);
            discounts = discounts.add(discount);
        }

        order.put(LINE_COUNTER, lineNbr);

        ObjectNode shipping = order.withObjectProperty("ShippingSettings");
        boolean freightOverridden = Values.isTrue(shipping, "OverrideFreightPrice");
        BigDecimal freight = freightOverridden ? cents(Values.decimal(shipping, "FreightPrice").orElse(BigDecimal.ZERO)) : cents(BigDecimal.ZERO);
        Values.set(shipping, "OverrideFreightPrice", freightOverridden);
        Values.set(shipping, "FreightPrice", freight);

        BigDecimal tax = cents(BigDecimal.ZERO);
        ArrayNode taxes = order.withArrayProperty("TaxDetails");
        Optional<String> zone = taxZone(order);
        zone.ifPresent(z -> Values.set(order.withObjectProperty("FinancialSettings"), "CustomerTaxZone", z));
        Map<String, BigDecimal> zoneTaxes = zone.map(zones::taxes).orElse(Map.of());
        boolean kept = Values.isTrue(order, "IsTaxValid") && (zone.isEmpty() ? zones.noZoneKeepsSentTaxes()
                : sentTaxIds(taxes).stream().allMatch(zoneTaxes::containsKey));
        if (!kept) {
            // the zone's own calculation (none without a zone): each of its taxes on the lines and the freight
            taxes.removeAll();
            BigDecimal taxable = lines.add(freight);
            zoneTaxes.keySet().stream().sorted().forEach(taxId -> {
                ObjectNode row = taxes.addObject();
                Values.set(row, "TaxID", taxId);
                Values.set(row, "TaxRate", zoneTaxes.get(taxId));
                Values.set(row, "TaxableAmount", taxable);
                Values.set(row, "TaxAmount", cents(taxable.multiply(zoneTaxes.get(taxId)).movePointLeft(2)));
            });
        }
        for (JsonNode node : taxes) {
            ObjectNode row = (ObjectNode) node;
            BigDecimal amount = cents(Values.decimal(row, "TaxAmount").orElse(BigDecimal.ZERO));
            Values.set(row, "TaxAmount", amount);
            Values.set(row, "OrderType", type);
            Values.set(row, "OrderNbr", nbr);
            tax = tax.add(amount);
        }
        Values.set(order, "IsTaxValid", Values.isTrue(order, "IsTaxValid"));
        BigDecimal total = lines.add(freight).add(tax);
        Values.set(order, "TaxTotal", tax);
        Values.set(order, "OrderTotal", total);
        Values.set(order, "OrderedQty", quantity);

        ObjectNode totals = order.withObjectProperty("Totals");
        Values.set(totals, "LineTotalAmount", lines);
        Values.set(totals, "Freight", freight);
        Values.set(totals, "TaxTotal", tax);
        Values.set(totals, "DiscountTotal", cents(BigDecimal.ZERO)); // document-level discounts: none in the sandbox
        Values.set(totals, "UnpaidBalance", total);
        Values.set(totals, "UnbilledAmount", total);
        Values.set(totals, "UnbilledQty", quantity);

        customers.get(Values.text(order, "CustomerID").orElseThrow()).ifPresent(c -> {
            documentContact(order, "BillToContact", "BillToContactOverride", c.path("BillingContact"));
            documentAddress(order, "BillToAddress", "BillToAddressOverride", c.path("BillingContact").path("Address"));
            documentContact(order, "ShipToContact", "ShipToContactOverride", c.path("ShippingContact"));
            documentAddress(order, "ShipToAddress", "ShipToAddressOverride", c.path("ShippingContact").path("Address"));
        });
    }

    /** Without the override flag a document contact comes from the customer, whatever the request sent. */
    private static void documentContact(ObjectNode order, String field, String flag, JsonNode customerContact) {
        boolean override = Values.isTrue(order, flag);
        Values.set(order, flag, override);
        if (override) {
            return;
        }
        ObjectNode contact = Values.object();
        Values.text(customerContact, "Attention").or(() -> Values.text(customerContact, "DisplayName"))
                .ifPresent(v -> Values.set(contact, "Attention", v));
        Values.text(customerContact, "CompanyName").ifPresent(v -> Values.set(contact, "BusinessName", v));
        Values.text(customerContact, "Email").ifPresent(v -> Values.set(contact, "Email", v));
        Values.text(customerContact, "Phone1").ifPresent(v -> Values.set(contact, "Phone1", v));
        order.set(field, contact);
    }

    private static void documentAddress(ObjectNode order, String field, String flag, JsonNode customerAddress) {
        boolean override = Values.isTrue(order, flag);
        Values.set(order, flag, override);
        if (override) {
            return;
        }
        ObjectNode address = Values.object();
        EntityShapes.get("Address").fields().keySet().forEach(f -> {
            if (customerAddress.has(f)) {
                address.set(f, customerAddress.get(f).deepCopy());
            }
        });
        order.set(field, address);
    }

    private static String key(JsonNode order) {
        return Values.text(order, "OrderType").orElseThrow() + "/" + Values.text(order, "OrderNbr").orElseThrow();
    }

    private static void defaultTo(ObjectNode entity, String field, String value) {
        if (Values.raw(entity, field).isEmpty()) {
            Values.set(entity, field, value);
        }
    }

    private static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
