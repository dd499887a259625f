package com.bcerp.bigcommerce;

import com.bcerp.core.catalog.MatchKey;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.port.StoreInventory;
import com.bcerp.core.stock.InventoryTarget;
import com.bcerp.core.stock.StockItemsRefused;
import com.bcerp.core.stock.StockAdjustment;
import com.bcerp.core.stock.StoreItem;
import com.bcerp.http.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The store's inventory behind {@link StoreInventory}: locations from {@code /v3/inventory/locations}, item identities
 * from {@code /v3/inventory/items} (by SKU) or {@code /v3/catalog/variants} (by UPC) with tracking modes from
 * {@code /v3/catalog/products}, and absolute adjustments of up to 2,000 items. BigCommerce's 422 for an item addressed
 * against its tracking mode, or one deleted since it was identified, becomes {@link StockItemsRefused}.
 */
public final class BigCommerceInventory implements StoreInventory {

    static final String REASON = "bc-erp-connector stock sync";
    private static final int PRODUCT_PAGE = 250;

    private final BigCommerceClient client;
    private final MatchKey matchKey;

    public BigCommerceInventory(BigCommerceClient client, MatchKey matchKey) {
        this.client = client;
        this.matchKey = matchKey;
    }

    @Override
    public Set<Long> activeLocations() {
        Set<Long> ids = new TreeSet<>();
        for (int page = 1; ; page++) {
            JsonNode body = get("/v3/inventory/locations?is_active=true&limit=1000&page=" + page, "list locations");
            body.path("data").forEach(l -> ids.add(l.path("id").asLong()));
            if (page >= body.path("meta").path("pagination").path("total_pages").asInt(1)) {
                return ids;
            }
        }
    }

    @Override
    public Map<String, StoreItem> identify(Collection<String> skus) {
        // variant identities first, then the tracking mode of their products
        Map<String, JsonNode> variants = new LinkedHashMap<>();
        if (matchKey == MatchKey.SKU) {
            for (List<String> chunk : StoreItems.chunks(new TreeSet<>(skus), StoreItems.FILTER_BATCH)) {
                JsonNode body = get("/v3/inventory/items?limit=1000&sku:in=" + StoreItems.csv(chunk), "identify SKUs");
                body.path("data").forEach(i -> variants.put(i.path("identity").path("sku").asText(), i.path("identity")));
            }
        } else {
            for (String upc : new TreeSet<>(skus)) {
                JsonNode body = get("/v3/catalog/variants?upc=" + StoreItems.encode(upc), "identify UPC " + upc);
                body.path("data").forEach(v -> variants.put(upc, v));
            }
        }
        Map<Long, JsonNode> products = products(variants.values().stream()
                .map(v -> v.path("product_id").asLong()).collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        Map<String, StoreItem> found = new HashMap<>();
        for (String sku : skus) {
            JsonNode variant = variants.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(sku))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (variant == null) {
                continue;
            }
            long variantId = variant.has("variant_id") ? variant.path("variant_id").asLong() : variant.path("id").asLong();
            JsonNode product = products.get(variant.path("product_id").asLong());
            if (product != null) {
                found.put(sku, item(sku, product, variantId));
            }
        }
        return found;
    }

    /** Products by id, with just what identification needs. */
    private Map<Long, JsonNode> products(Collection<Long> ids) {
        Map<Long, JsonNode> products = new HashMap<>();
        for (List<Long> chunk : StoreItems.chunks(ids, StoreItems.FILTER_BATCH)) {
            JsonNode body = get("/v3/catalog/products?limit=" + PRODUCT_PAGE + "&include_fields="
                    + "inventory_tracking,base_variant_id&id:in=" + StoreItems.csv(chunk), "read tracking modes");
            body.path("data").forEach(p -> products.put(p.path("id").asLong(), p));
        }
        return products;
    }

    @Override
    public void forEachItem(Consumer<List<StoreItem>> page) {
        for (int number = 1; ; number++) {
            JsonNode body = get("/v3/catalog/products?include=variants&limit=" + PRODUCT_PAGE
                    + "&include_fields=sku,upc,inventory_tracking,base_variant_id&page=" + number, "list products");
            List<StoreItem> items = new ArrayList<>();
            for (JsonNode product : body.path("data")) {
                for (JsonNode variant : product.path("variants")) {
                    String key = StoreItems.key(variant, matchKey);
                    if (key != null) {
                        items.add(item(key, product, variant.path("id").asLong()));
                    }
                }
            }
            if (!items.isEmpty()) {
                page.accept(items);
            }
            if (number >= body.path("meta").path("pagination").path("total_pages").asInt(1)) {
                return;
            }
        }
    }

    @Override
    public void setAbsolute(long locationId, List<StockAdjustment> items) {
        if (items.size() > MAX_ADJUSTMENTS) {
            throw new IllegalArgumentException("at most " + MAX_ADJUSTMENTS + " items per adjustment, got " + items.size());
        }
        List<Map<String, Object>> body = new ArrayList<>(items.size());
        for (StockAdjustment a : items) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("location_id", locationId);
            item.put(a.target().level() == InventoryTarget.Level.PRODUCT ? "product_id" : "variant_id", a.target().id());
            item.put("quantity", a.quantity());
            body.add(item);
        }
        ApiResponse response = client.put("/v3/inventory/adjustments/absolute", Map.of("reason", REASON, "items", body));
        if (response.status() == 422) {
            String title = response.json().path("title").asText("");
            if (title.contains("tracked by") || title.contains("does not track") || title.contains("not found")) {
                throw new StockItemsRefused(title);
            }
        }
        BigCommerceClient.expect(response, "set stock of " + items.size() + " items at location " + locationId,
                Set.of(200));
    }

    private static StoreItem item(String key, JsonNode product, long variantId) {
        boolean base = product.path("base_variant_id").asLong(-1) == variantId;
        return new StoreItem(key, product.path("id").asLong(), variantId, base, StoreItems.tracking(product));
    }

    private JsonNode get(String pathAndQuery, String call) {
        ApiResponse response = BigCommerceClient.expect(client.get(pathAndQuery), call, Set.of(200));
        JsonNode body = response.json();
        if (!body.path("data").isArray()) {
            throw new PermanentFailure(null, "BigCommerce " + call + " answered without a data list");
        }
        return body;
    }
}
