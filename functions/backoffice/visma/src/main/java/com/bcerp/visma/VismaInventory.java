package com.bcerp.visma;

import static com.bcerp.visma.VismaDto.decimal;
import static com.bcerp.visma.VismaDto.read;

import com.bcerp.core.port.InventorySource;
import com.bcerp.core.stock.ItemStock;
import com.bcerp.core.stock.KitDefinition;
import com.bcerp.core.stock.StockChanges;
import com.bcerp.core.stock.WarehouseStock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Stock from {@code GET /v1/inventory} with {@code expandWarehouseDetail} (erp-apis.md §10.1.6): each stock item's
 * {@code warehouseDetails} ({@code quantityOnHand}, {@code available}, {@code availableForShipment}) in the configured
 * warehouses. Changes come from {@code availabilityLastModifiedDateTime} with the {@code >} condition: one query (pages
 * of 5,000) names the items whose availability moved, with their stock, which {@link #stock} then answers from
 * without reading them again; other items are read one by one ({@code GET /v1/inventory/{number}}). The inventory
 * summary ({@code /v1/inventorysummary}) gives the same per-warehouse figures one item a call, so it is not used.
 * Kits: not in the sandbox, none.
 */
final class VismaInventory implements InventorySource {

    static final int PAGE = 5_000;
    /** GUESS (§10.5): times in UTC; sent without an offset, which the API reads as UTC. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final VismaSettings settings;
    private final VismaApi api;
    private final int pageSize;
    /** Items read by the last {@link #changedSince}, for the {@link #stock} read core makes right after it. */
    private final Map<String, JsonNode> recent = new ConcurrentHashMap<>();

    VismaInventory(VismaSettings settings, VismaApi api, int pageSize) {
        this.settings = settings;
        this.api = api;
        this.pageSize = pageSize;
    }

    @Override
    public Set<String> warehouses() {
        return new LinkedHashSet<>(settings.warehouses());
    }

    @Override
    public StockChanges changedSince(Instant since) {
        recent.clear();
        String query = "availabilityLastModifiedDateTime=" + VismaApi.encode(TIME.format(since))
                + "&availabilityLastModifiedDateTimeCondition=" + VismaApi.encode(">") + "&expandWarehouseDetail=true";
        Set<String> skus = new LinkedHashSet<>();
        Instant newest = null;
        for (JsonNode item : api.list("/v1/inventory", query, pageSize, "stock changes")) {
            if (!item.path("stockItem").asBoolean(true)) {
                continue;
            }
            String sku = read(item, "inventoryNumber");
            skus.add(sku);
            recent.put(sku, item);
            for (JsonNode w : item.path("warehouseDetails")) {
                Instant t = time(read(w, "lastModifiedDateTime"));
                if (t != null && (newest == null || t.isAfter(newest))) {
                    newest = t;
                }
            }
        }
        return new StockChanges(skus, Optional.ofNullable(newest));
    }

    @Override
    public List<ItemStock> stock(Collection<String> skus) {
        List<ItemStock> out = new ArrayList<>();
        for (String sku : new LinkedHashSet<>(skus)) {
            JsonNode item = recent.remove(sku);
            if (item == null) {
                item = api.one("/v1/inventory/" + VismaApi.encode(sku), "item " + sku).orElse(null);
            }
            out.add(item == null || !item.path("stockItem").asBoolean(true) ? ItemStock.gone(sku) : itemStock(item));
        }
        return out;
    }

    @Override
    public void forEachItem(Consumer<List<ItemStock>> page) {
        for (int n = 1; ; n++) {
            ArrayNode rows = api.page("/v1/inventory", "expandWarehouseDetail=true", n, pageSize, "stock items");
            List<ItemStock> items = new ArrayList<>();
            rows.forEach(item -> {
                if (item.path("stockItem").asBoolean(true)) {
                    items.add(itemStock(item));
                }
            });
            if (!items.isEmpty()) {
                page.accept(items);
            }
            if (rows.size() < pageSize) {
                return;
            }
        }
    }

    private ItemStock itemStock(JsonNode item) {
        Map<String, WarehouseStock> per = new LinkedHashMap<>();
        for (JsonNode w : item.path("warehouseDetails")) {
            String warehouse = read(w, "warehouse");
            if (warehouse == null || !settings.warehouses().contains(warehouse)) {
                continue;
            }
            // GUESS: Visma's warehouse detail has no safety stock, so none is kept back
            per.put(warehouse, new WarehouseStock(warehouse, decimal(w, "quantityOnHand"), decimal(w, "available"),
                    decimal(w, "availableForShipment"), BigDecimal.ZERO));
        }
        boolean sellable = "Active".equals(read(item, "status"));
        return new ItemStock(read(item, "inventoryNumber"), sellable, List.copyOf(per.values()));
    }

    /** A Visma time, with an offset or without one (then UTC); null when unreadable. */
    static Instant time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (java.time.format.DateTimeParseException e2) {
                return null;
            }
        }
    }

    @Override
    public List<KitDefinition> kits() {
        return List.of();
    }
}
