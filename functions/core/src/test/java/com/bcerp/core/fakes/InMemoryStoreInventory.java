package com.bcerp.core.fakes;

import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.port.StoreInventory;
import com.bcerp.core.stock.InventoryTarget;
import com.bcerp.core.stock.InventoryTracking;
import com.bcerp.core.stock.StockItemsRefused;
import com.bcerp.core.stock.StockAdjustment;
import com.bcerp.core.stock.StoreItem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A store's inventory in memory with BigCommerce's rules: stock is kept per product for products tracked by product
 * and per variant for those tracked by variant, an adjustment addressed the other way refuses the whole request (the
 * documented 422), and a request carries at most 2,000 items.
 */
public final class InMemoryStoreInventory implements StoreInventory {

    private record Variant(String sku, long productId, long variantId, boolean base) {}

    private final Set<Long> locations = new TreeSet<>();
    private final Map<String, Variant> bySku = new LinkedHashMap<>();
    private final Map<Long, InventoryTracking> tracking = new HashMap<>();
    private final Map<String, Integer> levels = new HashMap<>();
    private final List<Map.Entry<Long, Integer>> requests = new ArrayList<>();
    private long nextId = 100;
    private int failOnRequest = -1;
    public int identifyCalls;

    public InMemoryStoreInventory(Long... locations) {
        this.locations.addAll(List.of(locations));
    }

    /** A simple product tracked by product, with this SKU. */
    public long simple(String sku) {
        long productId = nextId++;
        bySku.put(sku, new Variant(sku, productId, nextId++, true));
        tracking.put(productId, InventoryTracking.PRODUCT);
        return productId;
    }

    /** A product with one variant per SKU, tracked as given. */
    public long withVariants(InventoryTracking mode, String... skus) {
        long productId = nextId++;
        for (String sku : skus) {
            bySku.put(sku, new Variant(sku, productId, nextId++, false));
        }
        tracking.put(productId, mode);
        return productId;
    }

    public void setTracking(long productId, InventoryTracking mode) {
        tracking.put(productId, mode);
    }

    /** The {@code nth} absolute adjustment from now (counting from 1) fails as a timeout would. */
    public void failRequest(int nth) {
        failOnRequest = requests.size() + nth;
    }

    /** Sets a figure behind the connector's back (a merchant's edit in the control panel). */
    public void edit(String sku, long location, int quantity) {
        levels.put(key(bySku.get(sku), location), quantity);
    }

    /** What the store shows for a SKU at a location (null: never set). */
    public Integer quantity(String sku, long location) {
        return levels.get(key(bySku.get(sku), location));
    }

    /** One entry per absolute-adjustment request: its location and item count. */
    public List<Map.Entry<Long, Integer>> requests() {
        return List.copyOf(requests);
    }

    public int requestsAt(long location) {
        return (int) requests.stream().filter(r -> r.getKey() == location).count();
    }

    public void clearRequests() {
        requests.clear();
    }

    @Override
    public Set<Long> activeLocations() {
        return Set.copyOf(locations);
    }

    @Override
    public Map<String, StoreItem> identify(Collection<String> skus) {
        identifyCalls++;
        Map<String, StoreItem> found = new HashMap<>();
        skus.forEach(s -> {
            Variant v = bySku.get(s);
            if (v != null) {
                found.put(s, item(v));
            }
        });
        return found;
    }

    @Override
    public void forEachItem(Consumer<List<StoreItem>> page) {
        List<StoreItem> all = bySku.values().stream().map(this::item).toList();
        for (int i = 0; i < all.size(); i += 250) {
            page.accept(all.subList(i, Math.min(all.size(), i + 250)));
        }
    }

    @Override
    public void setAbsolute(long locationId, List<StockAdjustment> items) {
        if (items.size() > MAX_ADJUSTMENTS) {
            throw new IllegalArgumentException("422: at most 2000 items per request, got " + items.size());
        }
        if (!locations.contains(locationId)) {
            throw new IllegalArgumentException("no location " + locationId);
        }
        requests.add(Map.entry(locationId, items.size()));
        if (requests.size() == failOnRequest) {
            failOnRequest = -1;
            throw new TransientFailure("bigcommerce PUT /v3/inventory/adjustments/absolute timed out");
        }
        Map<String, Integer> updates = new LinkedHashMap<>();
        for (StockAdjustment a : items) {
            Variant v = byTarget(a.target());
            InventoryTracking mode = tracking.get(v.productId());
            boolean matches = a.target().level() == InventoryTarget.Level.PRODUCT ? mode == InventoryTracking.PRODUCT
                    : mode == InventoryTracking.VARIANT;
            if (!matches) {
                throw new StockItemsRefused("[Item with " + a.target() + " is tracked by "
                        + mode.name().toLowerCase() + "]");
            }
            updates.put(key(v, locationId), a.quantity());
        }
        levels.putAll(updates);
    }

    private StoreItem item(Variant v) {
        return new StoreItem(v.sku(), v.productId(), v.variantId(), v.base(), tracking.get(v.productId()));
    }

    private Variant byTarget(InventoryTarget target) {
        return bySku.values().stream().filter(v -> target.level() == InventoryTarget.Level.PRODUCT
                ? v.productId() == target.id() : v.variantId() == target.id()).findFirst().orElseThrow();
    }

    private String key(Variant v, long location) {
        InventoryTracking mode = tracking.get(v.productId());
        return location + (mode == InventoryTracking.PRODUCT ? "/p" + v.productId() : "/v" + v.variantId());
    }

    public Map<String, Integer> snapshotOfLevels() {
        return new TreeMap<>(levels);
    }
}
