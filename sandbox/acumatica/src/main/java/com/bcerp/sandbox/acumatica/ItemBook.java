package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.acumatica.EntityShapes.Shape;
import com.bcerp.sandbox.paging.Slice;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The instance's inventory: stock items (IN202500) with their attributes, template items (IN203000) with their matrix
 * items, warehouses, item-warehouse records (per item and warehouse: safety stock), quantities per item and warehouse
 * (what the Inventory Summary inquiry IN401000 and the Available Quantity inquiry GI640590 answer), and kit
 * specifications. Stored compactly (plain objects, rendered per request) so 100,000 items fit comfortably.
 *
 * <p>Each record keeps its own modification time, as Acumatica does: an item's ({@code StockItem.LastModifiedDateTime}),
 * an item-warehouse record's ({@code ItemWarehouse.LastModifiedDateTime}), and its quantities' (the time
 * {@code InventoryQuantityAvailable} filters on). A quantity change moves only the last.
 *
 * <p>Quantities move through documents, as in Acumatica: the inventory documents of {@link StockDocumentBook} and
 * confirmed shipments ({@link #move}). {@link #setQuantities} is a seeding shortcut that no document records (a live
 * instance has no such way), so under {@link Faults.QuantityInquiry#AS_OF} nothing but a full read can see it.
 *
 * <p>Simplifications: one location per warehouse ({@code MAIN}); no allocations (a sales order does not lower
 * available quantities until its shipment is confirmed); kits are stock kits.
 */
public final class ItemBook {

    static final Shape STOCK_ITEM = EntityShapes.get("StockItem");
    static final Shape TEMPLATE = EntityShapes.get("TemplateItems");
    static final Shape WAREHOUSE = EntityShapes.get("Warehouse");
    static final Shape ITEM_WAREHOUSE = EntityShapes.get("ItemWarehouse");
    static final Shape KIT = EntityShapes.get("KitSpecification");
    /** Every item's base unit here; quantities (stock, inquiries) are in it. */
    static final String BASE_UNIT = "EA";

    /** An attribute's definition: its description and its values' descriptions (value id to description). */
    record Attribute(String id, String description, Map<String, String> values) {}

    static final class Item {
        final String id;
        final UUID noteId = UUID.randomUUID();
        String description;
        String content = "";
        String status = "Active";
        String itemClass = "STOCKITEM";
        BigDecimal price;
        BigDecimal msrp = BigDecimal.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal weight = BigDecimal.ZERO;
        boolean kit;
        boolean ecommerce = true;
        String templateId;
        final Map<String, String> attributes = new LinkedHashMap<>(2);
        /** The item's UOM conversions (IN202500's Unit Conversions): FromUOM to base units per one of it (Multiply). */
        Map<String, BigDecimal> conversions = Map.of();
        String salesUnit = BASE_UNIT;
        Instant modified;

        Item(String id, Instant now) {
            this.id = id;
            this.modified = now;
        }
    }

    static final class Site {
        final String itemId;
        final String warehouseId;
        BigDecimal onHand = BigDecimal.ZERO;
        BigDecimal available = BigDecimal.ZERO;
        BigDecimal forShipment = BigDecimal.ZERO;
        BigDecimal safetyStock;
        final Instant created;
        Instant modified;
        Instant quantitiesModified;

        Site(String itemId, String warehouseId, Instant now) {
            this.itemId = itemId;
            this.warehouseId = warehouseId;
            this.created = now;
            this.modified = now;
            this.quantitiesModified = now;
        }
    }

    static final class Template {
        final String id;
        String description;
        String content = "";
        BigDecimal price;
        BigDecimal weight = BigDecimal.ZERO;
        boolean ecommerce = true;
        final List<String> attributeIds = new ArrayList<>(2);
        final List<String> matrix = new ArrayList<>();
        Instant modified;

        Template(String id, Instant now) {
            this.id = id;
            this.modified = now;
        }
    }

    record Warehouse(String id, String description, boolean active, Instant modified) {}

    record Kit(String id, String description, Map<String, BigDecimal> components, boolean active, Instant modified) {}

    private final Clock clock;
    private final Map<String, Item> items = new TreeMap<>();
    private final Map<String, Map<String, Site>> sites = new HashMap<>();
    private final Map<String, Template> templates = new TreeMap<>();
    private final Map<String, Warehouse> warehouses = new TreeMap<>();
    private final Map<String, Kit> kits = new TreeMap<>();
    private final Map<String, Attribute> attributes = new TreeMap<>();
    private Instant last = Instant.EPOCH;

    ItemBook(Clock clock) {
        this.clock = clock;
    }

    /**
     * The shared catalogue: its simple items as stock items, each option product as a template item whose variants are
     * matrix items differing by COLOR and SIZE, 25 of each in warehouse MAIN.
     */
    static ItemBook seeded(SandboxCatalog catalog, Clock clock) {
        ItemBook book = new ItemBook(clock);
        book.addWarehouse("MAIN", "Main warehouse");
        Map<String, String> colors = new LinkedHashMap<>();
        Map<String, String> sizes = new LinkedHashMap<>();
        catalog.variantItems().forEach(i -> {
            colors.put(i.options().get(0).value().toUpperCase(Locale.ROOT), i.options().get(0).value());
            sizes.put(i.options().get(1).value(), i.options().get(1).value());
        });
        book.defineAttribute("COLOR", "Color", colors);
        book.defineAttribute("SIZE", "Size", sizes);
        for (SandboxCatalog.Item item : catalog.sharedItems()) {
            if (item.isVariantOfOptionProduct()) {
                String template = item.sku().replaceAll("-[A-Z]+-[A-Z]+$", "");
                if (!book.templates.containsKey(template)) {
                    book.addTemplate(template, item.name(), item.price(), List.of("COLOR", "SIZE"));
                }
                book.addMatrixItem(template, item.sku(), Map.of("COLOR",
                        item.options().get(0).value().toUpperCase(Locale.ROOT), "SIZE", item.options().get(1).value()),
                        item.price());
            } else {
                book.addItem(item.sku(), item.name(), item.price());
            }
            book.setQuantities(item.sku(), "MAIN", BigDecimal.valueOf(25), BigDecimal.valueOf(25), BigDecimal.valueOf(25));
        }
        return book;
    }

    // ---- seeding and changing, as a merchant's users would through the screens ----

    public synchronized void addWarehouse(String id, String description) {
        warehouses.put(id, new Warehouse(id, description, true, tick()));
    }

    public synchronized void defineAttribute(String id, String description, Map<String, String> values) {
        attributes.put(id, new Attribute(id, description, new LinkedHashMap<>(values)));
    }

    /** A stock item enabled for e-commerce. */
    public synchronized void addItem(String id, String description, BigDecimal price) {
        Item item = new Item(id, tick());
        item.description = description;
        item.price = price;
        item.cost = price.multiply(new BigDecimal("0.4")).setScale(2, java.math.RoundingMode.HALF_UP);
        item.weight = BigDecimal.ONE;
        items.put(id, item);
    }

    /**
     * Adds a unit conversion to an item, as on the Stock Items form: one {@code fromUnit} is {@code baseUnits} of the
     * base unit. A sales order line may then be in that unit.
     */
    public synchronized void addUnitConversion(String itemId, String fromUnit, BigDecimal baseUnits) {
        Item item = item(itemId);
        Map<String, BigDecimal> conversions = new TreeMap<>(item.conversions);
        conversions.put(fromUnit, baseUnits);
        item.conversions = Map.copyOf(conversions);
        item.modified = tick();
    }

    /** Sets the item's sales unit (a line without a UOM takes it); it must be the base unit or one converted. */
    public synchronized void setSalesUnit(String itemId, String unit) {
        Item item = item(itemId);
        if (!BASE_UNIT.equals(unit) && !item.conversions.containsKey(unit)) {
            throw new IllegalArgumentException(itemId + " has no conversion for " + unit);
        }
        item.salesUnit = unit;
        item.modified = tick();
    }

    /**
     * The units a document line of this stock item may be in, each with its base units per one: the base unit, and
     * every conversion (the sales unit is one of them). Empty for an id that is not a stock item here.
     */
    synchronized Optional<Map<String, BigDecimal>> units(String itemId) {
        Item item = items.get(itemId);
        if (item == null) {
            return Optional.empty();
        }
        Map<String, BigDecimal> units = new TreeMap<>(item.conversions);
        units.put(BASE_UNIT, BigDecimal.ONE);
        return Optional.of(units);
    }

    /** The stock item's sales unit; empty for an id that is not a stock item here. */
    synchronized Optional<String> salesUnit(String itemId) {
        return Optional.ofNullable(items.get(itemId)).map(i -> i.salesUnit);
    }

    /** Changes an item's fields; every change moves its LastModifiedDateTime. */
    public synchronized void updateItem(String id, java.util.function.Consumer<ItemChange> change) {
        Item item = item(id);
        change.accept(new ItemChange(item));
        item.modified = tick();
    }

    /** The fields of an item a test or the demo may change. */
    public static final class ItemChange {
        private final Item item;

        ItemChange(Item item) {
            this.item = item;
        }

        public ItemChange description(String value) {
            item.description = value;
            return this;
        }

        public ItemChange content(String value) {
            item.content = value;
            return this;
        }

        public ItemChange price(BigDecimal value) {
            item.price = value;
            return this;
        }

        public ItemChange cost(BigDecimal value) {
            item.cost = value;
            return this;
        }

        public ItemChange weight(BigDecimal value) {
            item.weight = value;
            return this;
        }

        public ItemChange active(boolean value) {
            item.status = value ? "Active" : "Inactive";
            return this;
        }

        public ItemChange ecommerce(boolean value) {
            item.ecommerce = value;
            return this;
        }

        /** Sets an attribute value (e.g. SALEPRICE); null removes the attribute. */
        public ItemChange attribute(String attributeId, String value) {
            if (value == null) {
                item.attributes.remove(attributeId);
            } else {
                item.attributes.put(attributeId, value);
            }
            return this;
        }
    }

    public synchronized void addTemplate(String id, String description, BigDecimal price, List<String> attributeIds) {
        Template template = new Template(id, tick());
        template.description = description;
        template.price = price;
        template.weight = BigDecimal.ONE;
        template.attributeIds.addAll(attributeIds);
        templates.put(id, template);
    }

    /** A matrix item of a template: a stock item carrying the template's id and one value per template attribute. */
    public synchronized void addMatrixItem(String templateId, String id, Map<String, String> values, BigDecimal price) {
        Template template = templates.get(templateId);
        Item item = new Item(id, tick());
        item.description = template.description + " " + String.join(" ", template.attributeIds.stream()
                .map(values::get).toList());
        item.price = price;
        item.cost = price.multiply(new BigDecimal("0.4")).setScale(2, java.math.RoundingMode.HALF_UP);
        item.weight = template.weight;
        item.templateId = templateId;
        template.attributeIds.forEach(a -> item.attributes.put(a, values.get(a)));
        items.put(id, item);
        template.matrix.add(id);
        template.modified = item.modified;
    }

    /** A stock kit assembled from stock components (component id to quantity per kit). */
    public synchronized void addKit(String id, String description, Map<String, BigDecimal> components) {
        addItem(id, description, BigDecimal.TEN);
        items.get(id).kit = true;
        kits.put(id, new Kit(id, description, new LinkedHashMap<>(components), true, tick()));
    }

    /** Sets an item's quantities in a warehouse (on hand, available, available for shipment). */
    public synchronized void setQuantities(String itemId, String warehouseId, BigDecimal onHand, BigDecimal available,
            BigDecimal forShipment) {
        item(itemId);
        Site site = site(itemId, warehouseId);
        site.onHand = onHand;
        site.available = available;
        site.forShipment = forShipment;
        site.quantitiesModified = tick();
    }

    /** A released document's line: on hand, available and available for shipment all move by {@code delta}. */
    synchronized void move(String itemId, String warehouseId, BigDecimal delta) {
        item(itemId);
        Site site = site(itemId, warehouseId);
        site.onHand = site.onHand.add(delta);
        site.available = site.available.add(delta);
        site.forShipment = site.forShipment.add(delta);
        site.quantitiesModified = tick();
    }

    /** A kit's stock components (component id to quantity per kit). */
    synchronized Map<String, BigDecimal> kitComponents(String kitId) {
        Kit kit = kits.get(kitId);
        if (kit == null) {
            throw new IllegalArgumentException("no kit specification " + kitId);
        }
        return new LinkedHashMap<>(kit.components());
    }

    synchronized boolean hasItem(String itemId) {
        return items.containsKey(itemId);
    }

    public synchronized void setSafetyStock(String itemId, String warehouseId, BigDecimal safetyStock) {
        Site site = site(itemId, warehouseId);
        site.safetyStock = safetyStock;
        site.modified = tick();
    }

    public synchronized int itemCount() {
        return items.size();
    }

    /** Every stock item's id, sorted. */
    public synchronized List<String> itemIds() {
        return List.copyOf(items.keySet());
    }

    /** Warehouse id to {on hand, available, available for shipment, safety stock} of one item. */
    public synchronized Map<String, BigDecimal[]> stockOf(String itemId) {
        Map<String, BigDecimal[]> out = new TreeMap<>();
        sites.getOrDefault(itemId, Map.of()).forEach((w, s) -> out.put(w, new BigDecimal[] {s.onHand, s.available,
                s.forShipment, s.safetyStock == null ? BigDecimal.ZERO : s.safetyStock}));
        return out;
    }

    // ---- what the routes read, under the book's lock ----

    /**
     * One page of an entity's records that pass {@code filter} (null: all), in key order. Records are rendered for
     * the filter without their detail collections (a filter cannot name those), and in full only for the page.
     *
     * @param onlyItems when the filter can only match these items (it names nothing but InventoryID values), the
     *                  records of just those items are looked at, as an index would
     */
    synchronized List<ObjectNode> page(String entity, Predicate<com.fasterxml.jackson.databind.JsonNode> filter,
            Slice slice, Optional<List<String>> onlyItems) {
        Slice.Taker<ObjectNode> taker = slice.taker();
        if (!taker.wantsMore()) {
            return taker.taken();
        }
        java.util.function.BiPredicate<ObjectNode, java.util.function.Supplier<ObjectNode>> take = (summary, full) ->
                filter != null && !filter.test(summary) || taker.offer(full);
        switch (entity) {
            case "StockItem" -> {
                for (Item i : candidates(onlyItems)) {
                    if (!take.test(filter == null ? null : stockItem(i, false), () -> stockItem(i, true))) {
                        break;
                    }
                }
            }
            case "ItemWarehouse" -> {
                outer:
                for (Item i : candidates(onlyItems)) {
                    for (Site site : new TreeMap<>(sites.getOrDefault(i.id, Map.of())).values()) {
                        if (!take.test(filter == null ? null : itemWarehouse(site), () -> itemWarehouse(site))) {
                            break outer;
                        }
                    }
                }
            }
            case "TemplateItems" -> {
                for (Template t : templates.values()) {
                    if (!take.test(filter == null ? null : template(t, false), () -> template(t, true))) {
                        break;
                    }
                }
            }
            case "Warehouse" -> {
                for (Warehouse w : warehouses.values()) {
                    if (!take.test(filter == null ? null : warehouse(w), () -> warehouse(w))) {
                        break;
                    }
                }
            }
            case "KitSpecification" -> {
                for (Kit k : kits.values()) {
                    if (!take.test(filter == null ? null : kit(k), () -> kit(k))) {
                        break;
                    }
                }
            }
            default -> throw new IllegalArgumentException(entity);
        }
        return taker.taken();
    }

    synchronized Optional<ObjectNode> get(String entity, String key) {
        return switch (entity) {
            case "StockItem" -> Optional.ofNullable(items.get(key)).map(i -> stockItem(i, true));
            case "TemplateItems" -> Optional.ofNullable(templates.get(key)).map(t -> template(t, true));
            case "Warehouse" -> Optional.ofNullable(warehouses.get(key)).map(ItemBook::warehouse);
            default -> Optional.empty();
        };
    }

    private Collection<Item> candidates(Optional<List<String>> onlyItems) {
        return onlyItems.map(ids -> ids.stream().map(items::get).filter(java.util.Objects::nonNull).distinct().toList())
                .map(l -> (Collection<Item>) l).orElse(items.values());
    }

    /** The Inventory Summary (IN401000) of one item: one row per warehouse (and its one location). */
    synchronized PutResult summary(ObjectNode request) {
        Optional<String> itemId = Values.text(request, "InventoryID");
        ObjectNode answer = request.deepCopy();
        FieldErrors errors = new FieldErrors();
        if (itemId.isEmpty()) {
            errors.add(answer, "InventoryID", "'Inventory ID' cannot be empty.");
        } else if (!items.containsKey(itemId.get())) {
            errors.add(answer, "InventoryID", "'Inventory ID' cannot be found in the system.");
        }
        if (errors.any()) {
            return PutResult.rejected(answer);
        }
        Optional<String> warehouse = Values.text(request, "WarehouseID");
        ArrayNode rows = answer.putArray("Results");
        for (Site s : new TreeMap<>(sites.getOrDefault(itemId.get(), Map.of())).values()) {
            if (warehouse.isPresent() && !warehouse.get().equalsIgnoreCase(s.warehouseId)) {
                continue;
            }
            ObjectNode row = Values.object();
            Values.set(row, "WarehouseID", s.warehouseId);
            Values.set(row, "LocationID", "MAIN");
            Values.set(row, "QtyOnHand", s.onHand);
            Values.set(row, "QtyAvailable", s.available);
            Values.set(row, "QtyAvailableForShipment", s.forShipment);
            Values.set(row, "QtyNotAvailable", BigDecimal.ZERO);
            Values.set(row, "BaseUOM", "EA");
            rows.add(row);
        }
        return PutResult.stored(answer);
    }

    /**
     * The Available Quantity by Inventory Item inquiry (GI640590): per item, its quantity available over all
     * warehouses (only that item's when {@code InventoryID} is given). What {@code LastModifiedDateTime} means is
     * unconfirmed, so {@code reading} picks one:
     * <ul>
     *   <li>{@link Faults.QuantityInquiry#CHANGED_SINCE}: the items whose quantities changed at or after it, each row
     *       with its own time;</li>
     *   <li>{@link Faults.QuantityInquiry#AS_OF}, the vendor's wording ("the date and time for which the available
     *       quantity is retrieved"): every item's quantity as of that date, rows without a time. The sandbox keeps no
     *       history, so the figure is today's. A live instance may instead answer no rows without an
     *       {@code InventoryID}, which looks exactly like "nothing changed": a client must not depend on either.</li>
     * </ul>
     */
    synchronized PutResult available(ObjectNode request, Faults.QuantityInquiry reading) {
        Optional<OffsetDateTime> since = Values.text(request, "LastModifiedDateTime").flatMap(Values::parseDateTime);
        Optional<String> only = Values.text(request, "InventoryID");
        boolean asOf = reading == Faults.QuantityInquiry.AS_OF;
        ObjectNode answer = request.deepCopy();
        ArrayNode rows = answer.putArray("Results");
        List<Map.Entry<String, Instant>> changed = new ArrayList<>();
        sites.forEach((itemId, byWarehouse) -> {
            if (only.isPresent() && !only.get().equalsIgnoreCase(itemId)) {
                return;
            }
            Instant newest = byWarehouse.values().stream().map(s -> s.quantitiesModified).max(Instant::compareTo).orElseThrow();
            if (asOf || since.isEmpty() || !newest.isBefore(since.get().toInstant())) {
                changed.add(Map.entry(itemId, newest));
            }
        });
        changed.sort(asOf ? Map.Entry.comparingByKey() : Map.Entry.comparingByValue());
        for (Map.Entry<String, Instant> e : changed) {
            ObjectNode row = Values.object();
            Values.set(row, "InventoryID", e.getKey());
            if (!asOf) {
                Values.set(row, "LastModifiedDateTime", at(e.getValue()));
            }
            Values.set(row, "QtyAvailable", sites.get(e.getKey()).values().stream().map(s -> s.available)
                    .reduce(BigDecimal.ZERO, BigDecimal::add));
            rows.add(row);
        }
        return PutResult.stored(answer);
    }

    // ---- rendering stored records as entities ----

    private ObjectNode stockItem(Item i, boolean withDetails) {
        ObjectNode n = Values.object();
        n.put("id", UUID.nameUUIDFromBytes(("StockItem/" + i.id).getBytes()).toString());
        Values.set(n, "InventoryID", i.id);
        Values.set(n, "Description", i.description);
        Values.set(n, "Content", i.content);
        Values.set(n, "ItemStatus", i.status);
        Values.set(n, "ItemType", "Finished Good");
        Values.set(n, "ItemClass", i.itemClass);
        Values.set(n, "BaseUOM", BASE_UNIT);
        Values.set(n, "SalesUOM", i.salesUnit);
        Values.set(n, "WeightUOM", "KG");
        Values.set(n, "DefaultPrice", i.price);
        Values.set(n, "MSRP", i.msrp);
        Values.set(n, "ValuationMethod", "Average");
        Values.set(n, "AverageCost", i.cost);
        Values.set(n, "LastCost", i.cost);
        Values.set(n, "DimensionWeight", i.weight);
        Values.set(n, "IsAKit", i.kit);
        Values.set(n, "ExportToExternal", i.ecommerce);
        if (i.templateId != null) {
            Values.set(n, "TemplateItemID", i.templateId);
        }
        Values.set(n, "DefaultWarehouseID", "MAIN");
        Values.set(n, "NoteID", i.noteId.toString());
        Values.set(n, "LastModified", at(i.modified));
        Values.set(n, "LastModifiedDateTime", at(i.modified));
        if (!withDetails) {
            return n;
        }
        ArrayNode details = Values.NODES.arrayNode();
        for (Site s : new TreeMap<>(sites.getOrDefault(i.id, Map.of())).values()) {
            ObjectNode d = Values.object();
            Values.set(d, "WarehouseID", s.warehouseId);
            Values.set(d, "QtyOnHand", s.onHand);
            Values.set(d, "IsDefault", "MAIN".equals(s.warehouseId));
            Values.set(d, "Status", "Active");
            details.add(d);
        }
        n.set("WarehouseDetails", details);
        n.set("Attributes", attributeValues(i.attributes));
        ArrayNode conversions = Values.NODES.arrayNode();
        i.conversions.forEach((from, factor) -> {
            ObjectNode c = Values.object();
            Values.set(c, "FromUOM", from);
            Values.set(c, "ToUOM", BASE_UNIT);
            Values.set(c, "ConversionFactor", factor);
            Values.set(c, "MultiplyOrDivide", "Multiply");
            conversions.add(c);
        });
        n.set("UOMConversions", conversions);
        return n;
    }

    private ArrayNode attributeValues(Map<String, String> values) {
        ArrayNode rows = Values.NODES.arrayNode();
        values.forEach((id, value) -> {
            Attribute definition = attributes.get(id);
            ObjectNode row = Values.object();
            Values.set(row, "AttributeID", id);
            Values.set(row, "AttributeDescription", definition == null ? id : definition.description());
            Values.set(row, "Value", value);
            Values.set(row, "ValueDescription", definition == null ? value : definition.values().getOrDefault(value, value));
            Values.set(row, "IsActive", true);
            Values.set(row, "Required", false);
            rows.add(row);
        });
        return rows;
    }

    private ObjectNode template(Template t, boolean withDetails) {
        ObjectNode n = Values.object();
        n.put("id", UUID.nameUUIDFromBytes(("TemplateItems/" + t.id).getBytes()).toString());
        Values.set(n, "InventoryID", t.id);
        Values.set(n, "Description", t.description);
        Values.set(n, "Content", t.content);
        Values.set(n, "DefaultPrice", t.price);
        Values.set(n, "MSRP", BigDecimal.ZERO);
        Values.set(n, "DimensionWeight", t.weight);
        Values.set(n, "ExportToExternal", t.ecommerce);
        Values.set(n, "IsStockItem", true);
        Values.set(n, "ItemStatus", "Active");
        Values.set(n, "ItemClass", "APPAREL");
        Values.set(n, "BaseUOM", "EA");
        Values.set(n, "SalesUOM", "EA");
        Values.set(n, "WeightUOM", "KG");
        Values.set(n, "LastModified", at(t.modified));
        Values.set(n, "LastModifiedDateTime", at(t.modified));
        if (!withDetails) {
            return n;
        }
        ArrayNode matrix = Values.NODES.arrayNode();
        for (String id : t.matrix) {
            Item i = items.get(id);
            ObjectNode m = Values.object();
            Values.set(m, "InventoryID", i.id);
            Values.set(m, "Description", i.description);
            Values.set(m, "DefaultPrice", i.price);
            Values.set(m, "MSRP", i.msrp);
            Values.set(m, "ItemStatus", i.status);
            Values.set(m, "ExportToExternal", i.ecommerce);
            matrix.add(m);
        }
        n.set("Matrix", matrix);
        ArrayNode definitions = Values.NODES.arrayNode();
        for (String id : t.attributeIds) {
            ObjectNode row = Values.object();
            Values.set(row, "AttributeID", id);
            Values.set(row, "AttributeDescription", attributes.containsKey(id) ? attributes.get(id).description() : id);
            Values.set(row, "IsActive", true);
            Values.set(row, "Required", true);
            definitions.add(row);
        }
        n.set("Attributes", definitions);
        return n;
    }

    private static ObjectNode warehouse(Warehouse w) {
        ObjectNode n = Values.object();
        n.put("id", UUID.nameUUIDFromBytes(("Warehouse/" + w.id()).getBytes()).toString());
        Values.set(n, "WarehouseID", w.id());
        Values.set(n, "Description", w.description());
        Values.set(n, "Active", w.active());
        Values.set(n, "LastModifiedDateTime", at(w.modified()));
        return n;
    }

    private static ObjectNode itemWarehouse(Site s) {
        ObjectNode n = Values.object();
        n.put("id", UUID.nameUUIDFromBytes(("ItemWarehouse/" + s.itemId + "/" + s.warehouseId).getBytes()).toString());
        Values.set(n, "InventoryID", s.itemId);
        Values.set(n, "WarehouseID", s.warehouseId);
        Values.set(n, "Status", "Active");
        Values.set(n, "OverrideSafetyStock", s.safetyStock != null);
        Values.set(n, "SafetyStock", s.safetyStock == null ? BigDecimal.ZERO : s.safetyStock);
        Values.set(n, "CreatedDateTime", at(s.created));
        Values.set(n, "LastModifiedDateTime", at(s.modified));
        return n;
    }

    private static ObjectNode kit(Kit k) {
        ObjectNode n = Values.object();
        n.put("id", UUID.nameUUIDFromBytes(("KitSpecification/" + k.id()).getBytes()).toString());
        Values.set(n, "KitInventoryID", k.id());
        Values.set(n, "RevisionID", "1");
        Values.set(n, "Description", k.description());
        Values.set(n, "Active", k.active());
        Values.set(n, "IsNonStock", false);
        Values.set(n, "LastModifiedDateTime", at(k.modified()));
        ArrayNode components = Values.NODES.arrayNode();
        k.components().forEach((id, qty) -> {
            ObjectNode c = Values.object();
            Values.set(c, "StockInventoryID", id);
            Values.set(c, "ComponentQty", qty);
            Values.set(c, "UOM", "EA");
            Values.set(c, "AllowComponentQtyVariance", false);
            components.add(c);
        });
        n.set("StockComponents", components);
        return n;
    }

    private Item item(String id) {
        Item item = items.get(id);
        if (item == null) {
            throw new IllegalArgumentException("no stock item " + id);
        }
        return item;
    }

    private Site site(String itemId, String warehouseId) {
        if (!warehouses.containsKey(warehouseId)) {
            throw new IllegalArgumentException("no warehouse " + warehouseId);
        }
        return sites.computeIfAbsent(itemId, k -> new TreeMap<>()).computeIfAbsent(warehouseId,
                w -> new Site(itemId, w, tick()));
    }

    /** Now, but never twice the same instant: every change has its own modification time, as a database row has. */
    private Instant tick() {
        Instant now = clock.instant();
        last = now.isAfter(last) ? now : last.plusNanos(1_000_000);
        return last;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
