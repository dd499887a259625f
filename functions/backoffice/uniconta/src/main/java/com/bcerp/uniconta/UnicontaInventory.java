package com.bcerp.uniconta;

import static com.bcerp.uniconta.UnicontaCustomers.text;
import static com.bcerp.uniconta.UnicontaOrders.decimal;

import com.bcerp.core.port.InventorySource;
import com.bcerp.core.stock.ItemStock;
import com.bcerp.core.stock.KitDefinition;
import com.bcerp.core.stock.StockChanges;
import com.bcerp.core.stock.WarehouseStock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Stock from {@code InvItemStorageClient}: one row per item, variant, warehouse and location, summed per warehouse
 * ({@code Qty} on hand, {@code Available}, {@code AvailableForReservation} as available for shipment). Uniconta keeps
 * no modification time on these rows (§10.2.2), so {@link #changedSince} cannot narrow anything down: it says so, core
 * reads every item in one pass ({@link #forEachItem}) and its comparison with the snapshot pushes only what changed. Reads go over
 * OData in pages ordered by item, each continuing after the last whole item of the one before ({@code Item gt ...}),
 * so memory is bounded by a page and no {@code $skip} is needed (whether Uniconta honours it is UNCONFIRMED).
 * Kits: Uniconta's bills of materials are not in the research or the sandbox, so there are none.
 */
final class UnicontaInventory implements InventorySource {

    private static final String STORAGE = "InvItemStorageClient";
    private static final String ITEM = "InvItemClient";
    static final int PAGE = 1_000;
    private static final int ITEMS_PER_QUERY = 40;

    private final UnicontaSettings settings;
    private final UnicontaApi api;
    private final UnicontaItems items;
    private final int pageSize;

    /** @param pageSize stock rows per OData page */
    UnicontaInventory(UnicontaSettings settings, UnicontaApi api, UnicontaItems items, int pageSize) {
        this.settings = settings;
        this.api = api;
        this.items = items;
        this.pageSize = pageSize;
    }

    @Override
    public Set<String> warehouses() {
        return new LinkedHashSet<>(settings.warehouses());
    }

    /**
     * Uniconta keeps no modification time on its stock rows (see the class comment), so it cannot say what changed:
     * core then reads every item in one pass and pushes only what differs from its snapshot.
     */
    @Override
    public StockChanges changedSince(Instant since) {
        return StockChanges.cannotTell();
    }

    /** Items by number, or a variant item's SKU (item and variant codes), charge items included (no storage). */
    @Override
    public java.util.Optional<Set<String>> knownItems(Collection<String> ids) {
        Set<String> known = new LinkedHashSet<>();
        for (String id : new LinkedHashSet<>(ids)) {
            if (items.resolve(id).isPresent()) {
                known.add(id);
            }
        }
        return java.util.Optional.of(known);
    }

    @Override
    public List<ItemStock> stock(Collection<String> skus) {
        Map<String, UnicontaItems.Resolved> resolved = new LinkedHashMap<>();
        for (String sku : new LinkedHashSet<>(skus)) {
            items.resolve(sku).ifPresent(r -> resolved.put(sku, r));
        }
        List<String> itemNumbers = resolved.values().stream().map(UnicontaItems.Resolved::item).distinct().toList();
        Map<String, List<JsonNode>> rowsByItem = new LinkedHashMap<>();
        Map<String, JsonNode> itemRows = new LinkedHashMap<>();
        for (int i = 0; i < itemNumbers.size(); i += ITEMS_PER_QUERY) {
            String filter = itemNumbers.subList(i, Math.min(itemNumbers.size(), i + ITEMS_PER_QUERY)).stream()
                    .map(n -> "Item eq " + UnicontaApi.literal(n)).collect(Collectors.joining(" or "));
            api.odata(STORAGE, UnicontaApi.filter(filter), "stock rows").forEach(r ->
                    rowsByItem.computeIfAbsent(text(r, "Item"), k -> new ArrayList<>()).add(r));
            api.odata(ITEM, UnicontaApi.filter(filter), "items").forEach(r -> itemRows.put(text(r, "Item"), r));
        }
        List<ItemStock> out = new ArrayList<>();
        for (String sku : new LinkedHashSet<>(skus)) {
            UnicontaItems.Resolved r = resolved.get(sku);
            JsonNode item = r == null ? null : itemRows.get(r.item());
            if (item == null) {
                out.add(ItemStock.gone(sku));
                continue;
            }
            List<JsonNode> rows = rowsByItem.getOrDefault(r.item(), List.of()).stream()
                    .filter(row -> UnicontaItems.variantsOf(row).equals(r.variants())).toList();
            out.add(new ItemStock(sku, sellable(item), perWarehouse(rows)));
        }
        return out;
    }

    @Override
    public void forEachItem(Consumer<List<ItemStock>> page) {
        String after = null;
        while (true) {
            Map<String, String> query = new LinkedHashMap<>();
            if (after != null) {
                query.put("$filter", "Item gt " + UnicontaApi.literal(after));
            }
            query.put("$orderby", "Item asc");
            query.put("$top", Integer.toString(pageSize));
            ArrayNode rows = api.odata(STORAGE, query, "stock rows");
            if (rows.isEmpty()) {
                return;
            }
            List<JsonNode> whole = new ArrayList<>();
            rows.forEach(whole::add);
            String last = text(rows.get(rows.size() - 1), "Item");
            boolean full = rows.size() >= pageSize;
            if (full) {
                // the last item's rows may go on in the next page: it is read there, whole
                List<JsonNode> before = whole.stream().filter(r -> !last.equals(text(r, "Item"))).toList();
                if (before.isEmpty()) {
                    ArrayNode one = api.odata(STORAGE, UnicontaApi.filter("Item eq " + UnicontaApi.literal(last)), "stock rows");
                    before = new ArrayList<>();
                    one.forEach(before::add);
                    after = last;
                } else {
                    after = text(before.get(before.size() - 1), "Item");
                }
                whole = before;
            }
            page.accept(itemStock(whole));
            if (!full) {
                return;
            }
        }
    }

    /** Rows of whole items, in item order, as one ItemStock per SKU (item and variants). */
    private List<ItemStock> itemStock(List<JsonNode> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        String first = text(rows.get(0), "Item");
        String last = text(rows.get(rows.size() - 1), "Item");
        Map<String, JsonNode> itemRows = new LinkedHashMap<>();
        String filter = "Item ge " + UnicontaApi.literal(first) + " and Item le " + UnicontaApi.literal(last);
        api.odata(ITEM, UnicontaApi.filter(filter), "items").forEach(r -> itemRows.put(text(r, "Item"), r));
        Map<String, List<JsonNode>> bySku = new LinkedHashMap<>();
        Map<String, String> itemOfSku = new LinkedHashMap<>();
        for (JsonNode row : rows) {
            String sku = items.sku(text(row, "Item"), UnicontaItems.variantsOf(row));
            items.remember(sku, text(row, "Item"), UnicontaItems.variantsOf(row));
            bySku.computeIfAbsent(sku, k -> new ArrayList<>()).add(row);
            itemOfSku.put(sku, text(row, "Item"));
        }
        List<ItemStock> out = new ArrayList<>();
        bySku.forEach((sku, skuRows) -> {
            JsonNode item = itemRows.get(itemOfSku.get(sku));
            out.add(new ItemStock(sku, item != null && sellable(item), perWarehouse(skuRows)));
        });
        return out;
    }

    private static boolean sellable(JsonNode item) {
        return !item.path("Blocked").asBoolean(false) && !item.path("HideInSales").asBoolean(false);
    }

    /** The rows of the configured warehouses, locations summed. */
    private List<WarehouseStock> perWarehouse(List<JsonNode> rows) {
        Map<String, BigDecimal[]> sums = new LinkedHashMap<>();
        for (JsonNode row : rows) {
            String warehouse = text(row, "Warehouse");
            if (warehouse == null || !settings.warehouses().contains(warehouse)) {
                continue;
            }
            BigDecimal[] s = sums.computeIfAbsent(warehouse, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            s[0] = s[0].add(decimal(row, "Qty"));
            s[1] = s[1].add(decimal(row, "Available"));
            s[2] = s[2].add(decimal(row, "AvailableForReservation"));
        }
        List<WarehouseStock> out = new ArrayList<>();
        // guess: Uniconta has no safety stock per warehouse (MinStockLevel is a reorder point), so none is kept back
        sums.forEach((w, s) -> out.add(new WarehouseStock(w, s[0], s[1], s[2], BigDecimal.ZERO)));
        return out;
    }

    @Override
    public List<KitDefinition> kits() {
        return List.of();
    }
}
