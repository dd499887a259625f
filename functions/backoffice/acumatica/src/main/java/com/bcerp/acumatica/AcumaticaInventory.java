package com.bcerp.acumatica;

import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.port.InventorySource;
import com.bcerp.core.stock.ItemStock;
import com.bcerp.core.stock.KitComponent;
import com.bcerp.core.stock.KitDefinition;
import com.bcerp.core.stock.StockChanges;
import com.bcerp.core.stock.WarehouseStock;
import com.bcerp.http.ApiResponse;
import com.bcerp.http.JsonSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Acumatica's stock behind {@link InventorySource}, over the contract-based endpoint:
 * <ul>
 *   <li>what changed: stock items ({@code StockItem.LastModifiedDateTime}), item-warehouse records
 *       ({@code ItemWarehouse.LastModifiedDateTime}), kit specifications, and quantities, each on its own modification
 *       time. Quantities change only through documents, so the items on the lines of the documents that move stock
 *       ({@link #STOCK_DOCUMENTS}) modified since are read, one request per document type. The Available Quantity
 *       inquiry (GI640590, {@code InventoryQuantityAvailable}, given a {@code LastModifiedDateTime}) is asked too,
 *       but what that date means is unconfirmed: its rows count only when they carry their own time (a changed-since
 *       feed); rows without one are an as-of answer listing every item, and are ignored, as no rows would be. The
 *       changes say which path found quantities: {@code inquiry+documents} or {@code documents};</li>
 *   <li>quantities per warehouse: the Inventory Summary inquiry ({@code InventorySummaryInquiry}, IN401000), one item
 *       per request as the form requires, with up to {@code concurrency} requests at a time (keep it below the
 *       licence's concurrent-request limit), summed over each warehouse's locations;</li>
 *   <li>safety stock: {@code ItemWarehouse.SafetyStock}; sellable: {@code ItemStatus} Active and
 *       {@code ExportToExternal} (enabled for e-commerce).</li>
 * </ul>
 */
public final class AcumaticaInventory implements InventorySource {

    /**
     * The documents that move available quantities. Sales orders allocate, shipments and issues take out (a confirmed
     * shipment's own issue among them), receipts put in (a purchase receipt's own receipt among them), adjustments
     * correct (physical counts), transfers move between warehouses, kit assemblies turn components into kits.
     */
    static final List<StockDocument> STOCK_DOCUMENTS = List.of(
            new StockDocument("SalesOrder", "LastModified", "Details", "InventoryID"),
            new StockDocument("Shipment", "LastModifiedDateTime", "Details", "InventoryID"),
            new StockDocument("InventoryReceipt", "LastModifiedDateTime", "Details", "InventoryID"),
            new StockDocument("InventoryIssue", "LastModifiedDateTime", "Details", "InventoryID"),
            new StockDocument("InventoryAdjustment", "LastModifiedDateTime", "Details", "InventoryID"),
            new StockDocument("TransferOrder", "LastModifiedDateTime", "Details", "InventoryID"),
            new StockDocument("KitAssembly", "LastModifiedDateTime", "StockComponents", "StockInventoryID"));

    /** A document type: its entity, its modification-time field, its lines and their item field. */
    record StockDocument(String entity, String modified, String lines, String item) {}

    /** Item ids per {@code or} filter: a request line stays short whatever the ids. */
    static final int IDS_PER_FILTER = 40;
    static final int ITEM_PAGE = 500;

    private final AcumaticaApi api;
    private final int concurrency;

    public AcumaticaInventory(AcumaticaConnection connection, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        this.api = connection.api();
        this.concurrency = concurrency;
    }

    @Override
    public Set<String> warehouses() {
        Set<String> ids = new HashSet<>();
        Records.forEachPage(api, "Warehouse", Map.of("$select", "WarehouseID,Active", "$filter", "Active eq true"),
                Records.PAGE, page -> page.forEach(w -> ids.add(Records.text(w, "WarehouseID"))));
        return ids;
    }

    @Override
    public StockChanges changedSince(Instant since) {
        Set<String> skus = new HashSet<>();
        Optional<Instant> newest = Optional.empty();
        for (String entity : List.of("StockItem", "ItemWarehouse")) {
            List<JsonNode> rows = new ArrayList<>();
            Records.forEachPage(api, entity, Map.of("$select", "InventoryID,LastModifiedDateTime",
                    "$filter", OData.after("LastModifiedDateTime", since)), Records.PAGE, page -> page.forEach(rows::add));
            for (JsonNode row : rows) {
                skus.add(Records.text(row, "InventoryID"));
                newest = Records.newest(newest, Records.instant(row, "LastModifiedDateTime"));
            }
        }
        Set<String> moved = new HashSet<>();
        for (StockDocument document : STOCK_DOCUMENTS) {
            List<JsonNode> rows = new ArrayList<>();
            Records.forEachPage(api, document.entity(), Map.of("$select", document.modified() + ","
                    + document.lines() + "/" + document.item(), "$expand", document.lines(),
                    "$filter", OData.after(document.modified(), since)), Records.PAGE, page -> page.forEach(rows::add));
            for (JsonNode row : rows) {
                row.path(document.lines()).forEach(line -> moved.add(Records.text(line, document.item())));
                newest = Records.newest(newest, Records.instant(row, document.modified()));
            }
        }
        ObjectNode filter = JsonSupport.MAPPER.createObjectNode();
        filter.putObject("LastModifiedDateTime").put("value", since.toString());
        JsonNode available = Records.one(api.put("InventoryQuantityAvailable", Map.of("$expand", "Results"), filter, true),
                "available quantities changed since " + since);
        boolean inquiry = false;
        for (JsonNode row : available.path("Results")) {
            Optional<Instant> at = Records.instant(row, "LastModifiedDateTime");
            if (at.isPresent()) {
                inquiry = true;
                if (at.get().isAfter(since)) {
                    moved.add(Records.text(row, "InventoryID"));
                    newest = Records.newest(newest, at);
                }
            }
        }
        moved.remove(null);
        moved.removeAll(skus);
        skus.addAll(stockItems(moved)); // order lines and shipments may be of non-stock items, which carry no stock
        List<JsonNode> kits = new ArrayList<>();
        Records.forEachPage(api, "KitSpecification", Map.of("$select", "KitInventoryID,LastModifiedDateTime",
                "$filter", OData.after("LastModifiedDateTime", since)), Records.PAGE, page -> page.forEach(kits::add));
        for (JsonNode kit : kits) {
            skus.add(Records.text(kit, "KitInventoryID"));
            newest = Records.newest(newest, Records.instant(kit, "LastModifiedDateTime"));
        }
        skus.remove(null);
        return new StockChanges(skus, newest, inquiry ? "inquiry+documents" : "documents");
    }

    /** Those of {@code ids} that are stock items. */
    private Set<String> stockItems(Collection<String> ids) {
        Set<String> found = new HashSet<>();
        for (List<String> chunk : chunks(List.copyOf(ids))) {
            Records.forEachPage(api, "StockItem", Map.of("$select", "InventoryID", "$filter", OData.anyOf("InventoryID", chunk)),
                    Records.PAGE, page -> page.forEach(i -> found.add(Records.text(i, "InventoryID"))));
        }
        return found;
    }

    @Override
    public List<ItemStock> stock(Collection<String> skus) {
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(skus));
        Map<String, JsonNode> items = new HashMap<>();
        for (List<String> chunk : chunks(ids)) {
            Records.forEachPage(api, "StockItem", Map.of("$select", "InventoryID,ItemStatus,ExportToExternal,IsAKit",
                    "$filter", OData.anyOf("InventoryID", chunk)), Records.PAGE,
                    page -> page.forEach(i -> items.put(Records.text(i, "InventoryID"), i)));
        }
        return stockOf(ids, items);
    }

    @Override
    public void forEachItem(Consumer<List<ItemStock>> consumer) {
        Records.forEachPage(api, "StockItem", Map.of("$select", "InventoryID,ItemStatus,ExportToExternal,IsAKit"),
                ITEM_PAGE, page -> {
                    Map<String, JsonNode> items = new LinkedHashMap<>();
                    page.forEach(i -> items.put(Records.text(i, "InventoryID"), i));
                    consumer.accept(stockOf(List.copyOf(items.keySet()), items));
                });
    }

    @Override
    public List<KitDefinition> kits() {
        List<KitDefinition> kits = new ArrayList<>();
        Records.forEachPage(api, "KitSpecification", Map.of("$expand", "StockComponents", "$filter", "Active eq true"),
                Records.PAGE, page -> page.forEach(k -> {
                    List<KitComponent> components = new ArrayList<>();
                    k.path("StockComponents").forEach(c -> components.add(new KitComponent(
                            Records.text(c, "StockInventoryID"), Records.decimal(c, "ComponentQty"))));
                    kits.add(new KitDefinition(Records.text(k, "KitInventoryID"), components));
                }));
        return kits;
    }

    /** The stock of these items: their flags from {@code items}, safety stock, and quantities per warehouse. */
    private List<ItemStock> stockOf(List<String> ids, Map<String, JsonNode> items) {
        List<String> known = ids.stream().filter(items::containsKey).toList();
        Map<String, Map<String, BigDecimal>> safety = safetyStock(known);
        List<String> stocked = known.stream().filter(id -> !Records.flag(items.get(id), "IsAKit")).toList();
        Map<String, Map<String, BigDecimal[]>> quantities = quantities(stocked);
        List<ItemStock> stock = new ArrayList<>(ids.size());
        for (String id : ids) {
            JsonNode item = items.get(id);
            if (item == null) {
                stock.add(ItemStock.gone(id));
                continue;
            }
            boolean sellable = "Active".equalsIgnoreCase(Records.text(item, "ItemStatus"))
                    && Records.flag(item, "ExportToExternal");
            List<WarehouseStock> warehouses = new ArrayList<>();
            quantities.getOrDefault(id, Map.of()).forEach((warehouse, q) -> warehouses.add(new WarehouseStock(warehouse,
                    q[0], q[1], q[2], safety.getOrDefault(id, Map.of()).get(warehouse))));
            stock.add(new ItemStock(id, sellable, warehouses));
        }
        return stock;
    }

    private Map<String, Map<String, BigDecimal>> safetyStock(List<String> ids) {
        Map<String, Map<String, BigDecimal>> safety = new HashMap<>();
        for (List<String> chunk : chunks(ids)) {
            Records.forEachPage(api, "ItemWarehouse", Map.of("$select", "InventoryID,WarehouseID,SafetyStock",
                    "$filter", OData.anyOf("InventoryID", chunk)), Records.PAGE, page -> page.forEach(r -> {
                        BigDecimal value = Records.decimal(r, "SafetyStock");
                        if (value != null && value.signum() > 0) {
                            safety.computeIfAbsent(Records.text(r, "InventoryID"), k -> new HashMap<>())
                                    .put(Records.text(r, "WarehouseID"), value);
                        }
                    }));
        }
        return safety;
    }

    /**
     * Item to warehouse to {on hand, available, available for shipment}, from one Inventory Summary per item, sent
     * {@code concurrency} at a time. An item the instance no longer knows has none.
     */
    private Map<String, Map<String, BigDecimal[]>> quantities(List<String> ids) {
        Map<String, Map<String, BigDecimal[]>> result = new HashMap<>();
        Semaphore slots = new Semaphore(concurrency);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, Future<Map<String, BigDecimal[]>>> pending = new LinkedHashMap<>();
            for (String id : ids) {
                pending.put(id, pool.submit(() -> {
                    slots.acquire();
                    try {
                        return summary(id);
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Map.Entry<String, Future<Map<String, BigDecimal[]>>> e : pending.entrySet()) {
                result.put(e.getKey(), e.getValue().get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure("interrupted while reading Acumatica's inventory summary", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new TransientFailure("inventory summary failed: " + e.getCause(), e.getCause());
        }
        return result;
    }

    private Map<String, BigDecimal[]> summary(String id) {
        ObjectNode filter = JsonSupport.MAPPER.createObjectNode();
        filter.putObject("InventoryID").put("value", id);
        ApiResponse response = api.put("InventorySummaryInquiry", Map.of("$expand", "Results"), filter, true);
        if (response.status() == 422 && AcumaticaFailures.fieldErrors(response.json()).stream()
                .anyMatch(f -> f.field().equals("InventoryID") && f.message().contains("cannot be found"))) {
            return Map.of(); // deleted since it was listed
        }
        JsonNode answer = Records.one(response, "inventory summary of " + id);
        Map<String, BigDecimal[]> byWarehouse = new TreeMap<>();
        for (JsonNode row : answer.path("Results")) {
            BigDecimal[] sum = byWarehouse.computeIfAbsent(Records.text(row, "WarehouseID"),
                    w -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            sum[0] = sum[0].add(orZero(Records.decimal(row, "QtyOnHand")));
            sum[1] = sum[1].add(orZero(Records.decimal(row, "QtyAvailable")));
            sum[2] = sum[2].add(orZero(Records.decimal(row, "QtyAvailableForShipment")));
        }
        return byWarehouse;
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += IDS_PER_FILTER) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + IDS_PER_FILTER)));
        }
        return chunks;
    }
}
