package com.bcerp.extensiv;

import com.bcerp.core.port.InventorySource;
import com.bcerp.core.stock.ItemStock;
import com.bcerp.core.stock.KitDefinition;
import com.bcerp.core.stock.StockChanges;
import com.bcerp.core.stock.WarehouseStock;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Stock from {@code GET /inventory/stocksummaries} (erp-apis.md 4.2, 7.10): one summary per item and facility, whose
 * {@code available} is what can still be promised ({@code onHand - allocated - onHold} in the sandbox; Extensiv's own
 * definition is UNCONFIRMED, so nothing more is subtracted here). A summary names its item's id only, not the
 * customer, so the merchant's items are read first ({@code GET /customers/{id}/items}) and their summaries asked
 * for by id ({@code itemIdentifier.id=in=(...)}; the summaries' RQL names are UNCONFIRMED). No modification time is
 * kept on a summary: {@link #changedSince} names every item, and core's snapshot decides what changed (delta only).
 * A warehouse id is the facility's id.
 */
final class ExtensivInventory implements InventorySource {

    static final int ITEM_PAGE = 200;
    private static final int SUMMARY_PAGE = 500;

    private final ExtensivSettings settings;
    private final ExtensivApi api;

    ExtensivInventory(ExtensivSettings settings, ExtensivApi api) {
        this.settings = settings;
        this.api = api;
    }

    @Override
    public Set<String> warehouses() {
        return settings.stockFacilities().stream().map(String::valueOf).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The store location each mapped facility serves (the settings' location to facility map, turned round). */
    @Override
    public Map<String, Long> warehouseLocations() {
        return settings.facilityLocations();
    }

    @Override
    public StockChanges changedSince(java.time.Instant since) {
        Set<String> skus = new HashSet<>();
        forEachItem(page -> page.forEach(i -> skus.add(i.sku())));
        return new StockChanges(skus, Optional.empty());
    }

    @Override
    public List<ItemStock> stock(Collection<String> skus) {
        List<String> asked = new ArrayList<>(new LinkedHashSet<>(skus));
        Map<String, JsonNode> items = new LinkedHashMap<>();
        for (int i = 0; i < asked.size(); i += ITEM_PAGE) {
            String in = asked.subList(i, Math.min(asked.size(), i + ITEM_PAGE)).stream().map(ExtensivApi::rqlValue)
                    .collect(Collectors.joining(","));
            items(1, "sku=in=(" + in + ")").forEach(item -> items.put(item.path("sku").asText().toLowerCase(Locale.ROOT), item));
        }
        List<ItemStock> found = itemStock(List.copyOf(items.values()));
        Map<String, ItemStock> bySku = new LinkedHashMap<>();
        found.forEach(s -> bySku.put(s.sku().toLowerCase(Locale.ROOT), s));
        return asked.stream().map(sku -> {
            ItemStock s = bySku.get(sku.toLowerCase(Locale.ROOT));
            return s == null ? ItemStock.gone(sku) : new ItemStock(sku, s.sellable(), s.warehouses());
        }).toList();
    }

    @Override
    public void forEachItem(Consumer<List<ItemStock>> page) {
        for (int number = 1; ; number++) {
            List<JsonNode> items = items(number, null);
            if (!items.isEmpty()) {
                page.accept(itemStock(items));
            }
            if (items.size() < ITEM_PAGE) {
                return;
            }
        }
    }

    /** One page of the customer's items. */
    private List<JsonNode> items(int pageNumber, String rql) {
        JsonNode json = api.read("/customers/" + settings.customerId() + "/items?pgsiz=" + ITEM_PAGE + "&pgnum="
                + pageNumber + "&sort=itemId" + (rql == null ? "" : "&rql=" + ExtensivApi.encode(rql)), "items");
        return ExtensivApi.embedded(json, "customers/item");
    }

    /** These items' stock at the configured facilities: one call (a page of summaries) per 500 rows. */
    private List<ItemStock> itemStock(List<JsonNode> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        String ids = items.stream().map(i -> i.path("itemId").asText()).collect(Collectors.joining(","));
        String facilities = settings.stockFacilities().stream().map(String::valueOf).collect(Collectors.joining(","));
        String rql = "itemIdentifier.id=in=(" + ids + ");facilityId=in=(" + facilities + ")";
        Map<String, List<WarehouseStock>> byItem = new LinkedHashMap<>();
        for (int number = 1; ; number++) {
            JsonNode json = api.read("/inventory/stocksummaries?pgsiz=" + SUMMARY_PAGE + "&pgnum=" + number + "&rql="
                    + ExtensivApi.encode(rql), "stock summaries");
            JsonNode rows = json.path("summaries");
            for (JsonNode row : rows) {
                BigDecimal available = decimal(row, "available");
                byItem.computeIfAbsent(row.path("itemIdentifier").path("id").asText(), k -> new ArrayList<>())
                        .add(new WarehouseStock(row.path("facilityId").asText(), decimal(row, "onHand"), available,
                                available, BigDecimal.ZERO));
            }
            if (rows.size() < SUMMARY_PAGE) {
                break;
            }
        }
        return items.stream().map(i -> new ItemStock(i.path("sku").asText(),
                !i.path("readOnly").path("deactivated").asBoolean(false),
                byItem.getOrDefault(i.path("itemId").asText(), List.of()))).toList();
    }

    private static BigDecimal decimal(JsonNode row, String field) {
        return new BigDecimal(row.path(field).asText("0"));
    }

    /** Kits are not in the research for Extensiv. */
    @Override
    public List<KitDefinition> kits() {
        return List.of();
    }
}
