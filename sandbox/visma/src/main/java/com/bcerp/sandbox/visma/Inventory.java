package com.bcerp.sandbox.visma;

import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.http.HttpRequest;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Items, warehouses and stock (erp-apis.md §10.1.6): {@code GET /v1/inventory} (filters, {@code warehouseDetails}),
 * {@code GET /v1/inventory/{inventoryNumber}}, {@code GET /v1/inventorysummary/{inventoryNumber}?warehouse=} (one item
 * per call, no paging, no date filter) and {@code GET /v1/warehouse}. Sales orders book stock, shipments allocate and
 * confirmations issue it.
 *
 * <p>Quantities per item and warehouse: on hand; booked (open quantity of open sales order lines); shipped (on
 * shipments not yet confirmed). GUESSES (Acumatica's default availability rule; not in the research): {@code available
 * = onHand - booked - shipped}, {@code availableForShipment = onHand - shipped}. {@code availabilityLastModifiedDateTime}
 * (a filter only; the DTO has no such field) is the latest change of {@code available} over the item's warehouses, or
 * of {@code onHand} only with the {@code availabilityOnHandOnly} knob (which is right is UNCONFIRMED, §10.1.6); a
 * warehouse detail's {@code lastModifiedDateTime} is that warehouse's. {@code expandWarehouseDetail} is true unless sent
 * false (the file says "These expand fields are by default set to true, but will be changed in the future" in
 * {@code expandCrossReference}'s text only; UNCONFIRMED for the warehouse details). The {@code description} filter
 * compares exactly; {@code greaterThanValue} compares the item number.
 */
final class Inventory {

    static final List<String> WAREHOUSES = List.of("MAIN", "WEST");
    private static final Map<String, String> WAREHOUSE_NAMES = Map.of("MAIN", "Main warehouse", "WEST", "West warehouse");

    static final class Stock {
        BigDecimal onHand = BigDecimal.ZERO;
        BigDecimal booked = BigDecimal.ZERO;
        BigDecimal shipped = BigDecimal.ZERO;
        Instant changed;

        BigDecimal available() {
            return onHand.subtract(booked).subtract(shipped);
        }

        BigDecimal availableForShipment() {
            return onHand.subtract(shipped);
        }
    }

    static final class Item {
        final int inventoryId;
        final String number;
        String description;
        String body;
        String status = "Active";
        final String type;
        final boolean stockItem;
        final String vatCategory;
        BigDecimal defaultPrice;
        final BigDecimal cost;
        BigDecimal weight;
        String priceClass;
        /** Attribute id to value ({@code attributes[]} with {@code expandAttribute}). */
        final Map<String, String> attributes = new TreeMap<>();
        final Instant created;
        Instant lastModified;
        Instant availabilityChanged;
        final Map<String, Stock> stock = new TreeMap<>();

        Item(int inventoryId, String number, String description, String type, boolean stockItem, String vatCategory,
                BigDecimal defaultPrice, BigDecimal cost, Instant created) {
            this.inventoryId = inventoryId;
            this.number = number;
            this.description = description;
            this.type = type;
            this.stockItem = stockItem;
            this.vatCategory = vatCategory;
            this.defaultPrice = defaultPrice;
            this.cost = cost;
            this.created = created;
            // kept at the precision it is shown in (milliseconds), as a database column keeps it
            this.lastModified = created.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            this.availabilityChanged = created;
        }
    }

    private final ReentrantLock lock;
    private final Clock clock;
    private final Faults faults;
    private final Vat vat;
    private final Map<String, Item> items = new TreeMap<>();

    Inventory(ReentrantLock lock, Clock clock, Faults faults, Vat vat) {
        this.lock = lock;
        this.clock = clock;
        this.faults = faults;
        this.vat = vat;
    }

    /** The shared catalogue as stock items (100 in MAIN, 25 in WEST) and the charge items as non-stock items. */
    void seed(SandboxCatalog catalog) {
        for (SandboxCatalog.Item i : catalog.sharedItems()) {
            addItem(i.sku(), i.name(), i.price(), "HIGH", true);
            setStock(i.sku(), "MAIN", new BigDecimal("100"));
            setStock(i.sku(), "WEST", new BigDecimal("25"));
        }
        for (String charge : SandboxCatalog.CHARGE_ITEMS) {
            addItem(charge, charge.charAt(0) + charge.substring(1).toLowerCase(java.util.Locale.ROOT), BigDecimal.ZERO,
                    charge.equals("GIFTCERT") ? "EXEMPT" : "HIGH", false);
        }
        addItem("SHIPPING", "Shipping", BigDecimal.ZERO, "HIGH", false);
    }

    void addItem(String number, String description, BigDecimal price, String vatCategory, boolean stockItem) {
        if (!vat.hasCategory(vatCategory)) {
            throw new IllegalArgumentException("no VAT category " + vatCategory);
        }
        lock.lock();
        try {
            Item item = new Item(items.size() + 1, number, description, stockItem ? "FinishedGoodItem" : "NonStockItem",
                    stockItem, vatCategory, price, price.multiply(new BigDecimal("0.55")).setScale(2, java.math.RoundingMode.HALF_UP),
                    clock.instant());
            if (stockItem) {
                WAREHOUSES.forEach(w -> item.stock.put(w, stockAt(item)));
            }
            items.put(number, item);
        } finally {
            lock.unlock();
        }
    }

    /**
     * PUT /v1/inventory/{inventoryNumber} with an {@code InventoryUpdateDto}: description, body, status, default price,
     * the packaging's base item weight (the file does not wrap {@code packaging} itself, only its members) and
     * attribute lines; other members are accepted and not kept. False when there is no such item. The record's
     * {@code lastModifiedDateTime} moves.
     */
    boolean update(String number, Wire body) {
        lock.lock();
        try {
            Item item = items.get(number);
            if (item == null) {
                return false;
            }
            body.text("inventoryNumber").filter(n -> !n.equals(number)).ifPresent(n -> {
                throw VismaErrors.refused("Error updating inventory item.", "The item id cannot be changed here; use "
                        + "/v1/inventory/action/changeInventoryNbr/{internalId}.");
            });
            Optional<String> status = body.text("status");
            status.filter(v -> !STATUSES.contains(v)).ifPresent(v -> {
                throw body.dto().wrong("status", "one of " + STATUSES);
            });
            Optional<BigDecimal> price = body.decimal("defaultPrice");
            price.filter(v -> v.signum() < 0).ifPresent(v -> {
                throw VismaErrors.refused("Error updating inventory item.", "'Default price' cannot be negative.");
            });
            Optional<BigDecimal> weight = body.plainNested("packaging", "PackagingUpdateDto")
                    .flatMap(p -> p.decimal("baseItemWeight"));
            Map<String, String> attributes = new TreeMap<>();
            for (Wire line : body.rows("attributeLines", "AttributeLineUpdateDto")) {
                String id = line.text("attributeId").orElseThrow(() -> body.dto().wrong("attributeLines",
                        "rows with an attributeId"));
                attributes.put(id, line.text("attributeValue").orElse(""));
            }
            body.text("description").ifPresent(v -> item.description = v);
            body.text("body").ifPresent(v -> item.body = v);
            status.ifPresent(v -> item.status = v);
            price.ifPresent(v -> item.defaultPrice = v);
            weight.ifPresent(v -> item.weight = v);
            item.attributes.putAll(attributes);
            item.lastModified = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The item statuses of the file's {@code DtoValueOfInventoryStatus}, less its {@code Unknown}. */
    static final List<String> STATUSES = List.of("Active", "NoSales", "NoPurchases", "NoRequest", "Inactive",
            "MarkedForDeletion");

    private Stock stockAt(Item item) {
        Stock s = new Stock();
        s.changed = item.created;
        return s;
    }

    /** A stock count: the quantity on hand in a warehouse becomes {@code onHand}. */
    void setStock(String number, String warehouse, BigDecimal onHand) {
        lock.lock();
        try {
            Item item = item(number).orElseThrow(() -> new IllegalArgumentException("no item " + number));
            Stock s = stock(item, warehouse);
            change(item, s, () -> s.onHand = onHand);
        } finally {
            lock.unlock();
        }
    }

    /** Each stock item's {@code available} per warehouse, as its {@code warehouseDetails} show it. */
    Map<String, Map<String, BigDecimal>> availableByWarehouse() {
        lock.lock();
        try {
            Map<String, Map<String, BigDecimal>> out = new TreeMap<>();
            items.values().stream().filter(i -> i.stockItem).forEach(i -> {
                Map<String, BigDecimal> per = new TreeMap<>();
                i.stock.forEach((w, s) -> per.put(w, s.available()));
                out.put(i.number, per);
            });
            return out;
        } finally {
            lock.unlock();
        }
    }

    Optional<Item> item(String number) {
        lock.lock();
        try {
            return Optional.ofNullable(items.get(number));
        } finally {
            lock.unlock();
        }
    }

    static boolean isWarehouse(String id) {
        return WAREHOUSES.contains(id);
    }

    private static Stock stock(Item item, String warehouse) {
        Stock s = item.stock.get(warehouse);
        if (s == null) {
            throw new IllegalArgumentException("no warehouse " + warehouse + " for " + item.number);
        }
        return s;
    }

    /** Books ({@code qty} > 0) or releases ({@code qty} < 0) open order quantity; non-stock items keep no stock. */
    void book(String number, String warehouse, BigDecimal qty) {
        adjust(number, warehouse, s -> s.booked = s.booked.add(qty));
    }

    /** Moves booked quantity onto a shipment. */
    void allocate(String number, String warehouse, BigDecimal qty) {
        adjust(number, warehouse, s -> {
            s.booked = s.booked.subtract(qty);
            s.shipped = s.shipped.add(qty);
        });
    }

    /** A confirmed shipment issues its quantity. */
    void issue(String number, String warehouse, BigDecimal qty) {
        adjust(number, warehouse, s -> {
            s.shipped = s.shipped.subtract(qty);
            s.onHand = s.onHand.subtract(qty);
        });
    }

    private void adjust(String number, String warehouse, java.util.function.Consumer<Stock> change) {
        lock.lock();
        try {
            Item item = items.get(number);
            if (item == null || !item.stockItem) {
                return;
            }
            Stock s = stock(item, warehouse);
            change(item, s, () -> change.accept(s));
        } finally {
            lock.unlock();
        }
    }

    private void change(Item item, Stock s, Runnable change) {
        BigDecimal available = s.available();
        BigDecimal onHand = s.onHand;
        change.run();
        boolean moved = faults.availabilityOnHandOnly() ? onHand.compareTo(s.onHand) != 0
                : available.compareTo(s.available()) != 0 || onHand.compareTo(s.onHand) != 0;
        if (moved) {
            Instant now = clock.instant();
            s.changed = now;
            item.availabilityChanged = now;
        }
    }

    // ---- reads ----

    List<ObjectNode> list(HttpRequest request) {
        Predicate<Item> filter = Listing.<Item>equalTo(request, "inventoryNumber", i -> i.number)
                .and(Listing.equalTo(request, "description", i -> i.description))
                .and(greaterThan(request))
                .and(Listing.equalTo(request, "status", i -> i.status))
                .and(types(request))
                .and(Listing.since(request, "lastModifiedDateTime", i -> Optional.of(i.lastModified)))
                .and(Listing.since(request, "availabilityLastModifiedDateTime", i -> Optional.of(i.availabilityChanged)))
                .and(Listing.since(request, "createdDateTime", i -> Optional.of(i.created)));
        boolean details = !request.queryParam("expandWarehouseDetail").map("false"::equalsIgnoreCase).orElse(false);
        boolean attributes = request.queryParam("expandAttribute").map("true"::equalsIgnoreCase).orElse(false);
        boolean statistics = request.queryParam("addCostPriceStatistics").map("true"::equalsIgnoreCase).orElse(false);
        lock.lock();
        try {
            return items.values().stream().filter(filter).map(i -> render(i, details, attributes, statistics)).toList();
        } finally {
            lock.unlock();
        }
    }

    private static Predicate<Item> greaterThan(HttpRequest request) {
        Optional<String> value = request.queryParam("greaterThanValue").filter(v -> !v.isEmpty());
        return value.<Predicate<Item>>map(v -> i -> i.number.compareTo(v) > 0).orElse(i -> true);
    }

    private static Predicate<Item> types(HttpRequest request) {
        List<String> types = request.query().getOrDefault("inventoryTypes", List.of()).stream()
                .flatMap(t -> java.util.Arrays.stream(t.split(","))).map(String::trim).filter(t -> !t.isEmpty()).toList();
        return types.isEmpty() ? i -> true : i -> types.contains(i.type);
    }

    Optional<ObjectNode> get(String number) {
        lock.lock();
        try {
            return Optional.ofNullable(items.get(number)).map(i -> render(i, true, true, false));
        } finally {
            lock.unlock();
        }
    }

    /**
     * GUESSES: {@code expandAttribute} is false unless sent true (the file says the expands "are by default set to
     * true" only of the cross references); a single item's GET shows its attributes; {@code costPriceStatistics} only
     * with {@code addCostPriceStatistics}, its average cost the current cost (the sandbox keeps one cost).
     */
    private ObjectNode render(Item i, boolean warehouseDetails, boolean attributes, boolean statistics) {
        ObjectNode node = Wire.object().put("inventoryId", i.inventoryId).put("inventoryNumber", i.number)
                .put("status", i.status).put("type", i.type).put("description", i.description);
        if (i.body != null) {
            node.put("body", i.body);
        }
        ObjectNode itemClass = Wire.idDescription(i.stockItem ? "STOCK" : "NONSTOCK", i.stockItem ? "Stock items" : "Non-stock items");
        itemClass.put("type", i.type);
        node.set("itemClass", itemClass);
        vat.category(i.vatCategory).ifPresent(c -> node.set("vatCode", Wire.idDescription(c.id(), c.description())));
        node.put("defaultPrice", i.defaultPrice).put("currentCost", i.cost).put("lastCost", i.cost)
                .put("lastModifiedDateTime", Wire.time(i.lastModified))
                .put("baseUnit", "PCS").put("salesUnit", "PCS").put("purchaseUnit", "PCS")
                .put("stockItem", i.stockItem).put("kitItem", false);
        if (i.weight != null) {
            node.set("packaging", Wire.object().put("baseItemWeight", i.weight).put("weightUOM", "KG"));
        }
        if (statistics && i.stockItem) {
            node.set("costPriceStatistics", Wire.object().put("lastCost", i.cost).put("averageCost", i.cost)
                    .put("minCost", i.cost).put("maxCost", i.cost));
        }
        if (attributes) {
            ArrayNode list = node.putArray("attributes");
            i.attributes.forEach((id, value) -> list.add(Wire.object().put("id", id).put("value", value)
                    .put("description", id)));
        }
        if (i.stockItem) {
            node.set("defaultWarehouse", Wire.idDescription("MAIN", WAREHOUSE_NAMES.get("MAIN")));
            if (warehouseDetails) {
                ArrayNode details = node.putArray("warehouseDetails");
                i.stock.forEach((w, s) -> details.add(Wire.object().put("isDefault", w.equals("MAIN")).put("warehouse", w)
                        .put("quantityOnHand", s.onHand).put("available", s.available())
                        .put("availableForShipment", s.availableForShipment()).put("lastModifiedDateTime", Wire.time(s.changed))));
            }
        }
        node.put("timestamp", Long.toHexString(i.lastModified.toEpochMilli()));
        return node;
    }

    /** GET /v1/inventorysummary/{inventoryNumber}: one row per warehouse (one location each), empty for a non-stock item. */
    Optional<List<ObjectNode>> summary(String number, Optional<String> warehouse) {
        lock.lock();
        try {
            Item item = items.get(number);
            if (item == null) {
                return Optional.empty();
            }
            List<ObjectNode> rows = new ArrayList<>();
            item.stock.forEach((w, s) -> {
                if (warehouse.isPresent() && !warehouse.get().equals(w)) {
                    return;
                }
                ObjectNode row = Wire.object();
                row.set("inventory", Wire.object().put("number", item.number).put("description", item.description));
                row.set("warehouse", Wire.idDescription(w, WAREHOUSE_NAMES.get(w)));
                row.set("location", Wire.object().put("id", WAREHOUSES.indexOf(w) + 1).put("name", w + "-01"));
                row.put("available", s.available()).put("availableForShipment", s.availableForShipment())
                        .put("notAvailable", 0).put("soBooked", s.booked).put("soAllocated", s.shipped).put("soShipped", s.shipped)
                        .put("soBackOrdered", 0).put("onHand", s.onHand).put("baseUnit", "PCS")
                        .put("estimatedUnitCost", item.cost).put("estimatedTotalCost", Wire.money(item.cost.multiply(s.onHand)));
                rows.add(row);
            });
            return Optional.of(rows);
        } finally {
            lock.unlock();
        }
    }

    static List<ObjectNode> warehouses() {
        return WAREHOUSES.stream().map(Inventory::warehouse).map(Optional::orElseThrow).toList();
    }

    static Optional<ObjectNode> warehouse(String id) {
        if (!isWarehouse(id)) {
            return Optional.empty();
        }
        ObjectNode node = Wire.object().put("warehouseID", id).put("active", true).put("description", WAREHOUSE_NAMES.get(id))
                .put("locationEntry", "Validate");
        node.putArray("locations").add(Wire.object().put("locationId", id + "-01").put("description", "Default location")
                .put("active", true));
        return Optional.of(node);
    }
}
