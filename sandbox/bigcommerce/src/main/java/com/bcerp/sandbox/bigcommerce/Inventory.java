package com.bcerp.sandbox.bigcommerce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Multi-location inventory (Inventory V3 and Locations V3): the store's locations, and the stock of each item at each
 * location. Stock is kept where the product tracks it: per product for a product tracked by product, per variant for
 * one tracked by variant. An adjustment must address it that way, or the whole request is refused with BigCommerce's
 * 422 ("Item with variant_id 106 is tracked by product, please update stock by product id"); a relative adjustment
 * needs an absolute one first, at that location ("Items with identity: [product_id 113] requires absolute adjustment
 * before relative").
 *
 * <p>Simplifications: no safety stock or warning levels (settings read back as 0), no webhooks on stock changes,
 * orders do not decrement stock.
 */
public final class Inventory {

    /** The most items one adjustment request may carry. */
    public static final int MAX_ITEMS = 2000;
    static final int MAX_LEVEL = Integer.MAX_VALUE;

    static final class Location {
        final long id;
        final String code;
        final String label;
        boolean enabled = true;
        final Instant created;

        Location(long id, String code, String label, Instant created) {
            this.id = id;
            this.code = code;
            this.label = label;
            this.created = created;
        }
    }

    /** What an adjustment item names: exactly one of sku, variant id, product id. */
    record Identity(String sku, Long variantId, Long productId) {
        @Override
        public String toString() {
            return sku != null ? "sku " + sku : variantId != null ? "variant_id " + variantId : "product_id " + productId;
        }
    }

    record Adjustment(long locationId, Identity identity, long quantity) {}

    /** A refused adjustment request: nothing of it was applied. */
    static final class Refusal extends RuntimeException {
        Refusal(String title) {
            super(title, null, false, false);
        }
    }

    private final Products products;
    private final Map<Long, Location> locations = new TreeMap<>();
    /** location id to (stock key to quantity); a stock key is -productId (tracked by product) or variantId. */
    private final Map<Long, Map<Long, Integer>> levels = new HashMap<>();
    private long nextLocationId = 2;

    Inventory(Products products) {
        this.products = products;
        Location main = new Location(1, "BC-LOCATION-1", "Default location", products.now());
        locations.put(1L, main);
    }

    /** Adds a location (as the control panel or {@code POST /v3/inventory/locations} does); returns its id. */
    public long addLocation(String code, String label) {
        synchronized (products.lock) {
            long id = nextLocationId++;
            locations.put(id, new Location(id, code, label, products.now()));
            return id;
        }
    }

    public void disableLocation(long id) {
        synchronized (products.lock) {
            locations.get(id).enabled = false;
        }
    }

    /** What the store shows for a SKU at a location: where its product tracks stock; empty when never set. */
    public Optional<Integer> quantity(String sku, long locationId) {
        synchronized (products.lock) {
            return products.variantBySku(sku).flatMap(v -> products.product(v.productId)
                    .flatMap(p -> stockKey(p, v).map(k -> levels.getOrDefault(locationId, Map.of()).get(k))));
        }
    }

    /** Sets a figure the way a merchant does in the control panel (no API call, no call counted). */
    public void edit(String sku, long locationId, int quantity) {
        synchronized (products.lock) {
            Products.Variant v = products.variantBySku(sku).orElseThrow();
            Products.Product p = products.product(v.productId).orElseThrow();
            levels.computeIfAbsent(locationId, k -> new HashMap<>()).put(stockKey(p, v).orElseThrow(), quantity);
        }
    }

    // ---- used by the routes, under the lock ----

    List<Location> locations() {
        return new ArrayList<>(locations.values());
    }

    /** Applies all of a request or none of it. */
    void adjust(List<Adjustment> items, boolean relative) {
        if (items.size() > MAX_ITEMS) {
            throw new Refusal("The maximum number of items in one adjustment is " + MAX_ITEMS + ", got " + items.size());
        }
        Map<Long, Map<Long, Integer>> changes = new LinkedHashMap<>();
        Set<String> needAbsolute = new java.util.TreeSet<>();
        for (Adjustment a : items) {
            Location location = locations.get(a.locationId());
            if (location == null) {
                throw new Refusal("[Location with id " + a.locationId() + " not found]");
            }
            long key = resolve(a.identity());
            Map<Long, Integer> at = levels.getOrDefault(a.locationId(), Map.of());
            long next;
            if (relative) {
                Integer current = changes.getOrDefault(a.locationId(), Map.of()).getOrDefault(key, at.get(key));
                if (current == null) {
                    needAbsolute.add(a.identity().toString());
                    continue;
                }
                next = current + a.quantity();
                if (next < 0) {
                    throw new Refusal("[Item with " + a.identity() + " would go below zero at location " + a.locationId() + "]");
                }
            } else {
                if (a.quantity() < 0) {
                    throw new Refusal("[Item with " + a.identity() + " cannot be set to a negative quantity]");
                }
                next = a.quantity();
            }
            if (next > MAX_LEVEL) {
                throw new Refusal("[Item with " + a.identity() + " exceeds the maximum inventory level " + MAX_LEVEL + "]");
            }
            changes.computeIfAbsent(a.locationId(), k -> new HashMap<>()).put(key, (int) next);
        }
        if (!needAbsolute.isEmpty()) {
            throw new Refusal("Items with identity: [" + String.join(", ", needAbsolute)
                    + "] requires absolute adjustment before relative");
        }
        changes.forEach((location, byKey) -> levels.computeIfAbsent(location, k -> new HashMap<>()).putAll(byKey));
    }

    /** The stock key an identity addresses, when it addresses the product the way the product tracks stock. */
    private long resolve(Identity identity) {
        if (identity.productId() != null) {
            Products.Product p = products.product(identity.productId())
                    .orElseThrow(() -> new Refusal("[Item with " + identity + " not found]"));
            return switch (p.tracking) {
                case PRODUCT -> -p.id;
                case VARIANT -> throw new Refusal("[Item with " + identity + " is tracked by variant, please update "
                        + "stock by variant id]");
                case NONE -> throw new Refusal("[Item with " + identity + " does not track inventory]");
            };
        }
        Products.Variant v = (identity.variantId() != null ? products.variant(identity.variantId())
                : products.variantBySku(identity.sku())).orElseThrow(() -> new Refusal("[Item with " + identity + " not found]"));
        Products.Product p = products.product(v.productId).orElseThrow();
        return switch (p.tracking) {
            case VARIANT -> v.id;
            case PRODUCT -> throw new Refusal("[Item with " + identity + " is tracked by product, please update stock "
                    + "by product id]");
            case NONE -> throw new Refusal("[Item with " + identity + " does not track inventory]");
        };
    }

    /** Where a variant's stock is kept: the product's figure or its own; empty when the product does not track it. */
    Optional<Long> stockKey(Products.Product p, Products.Variant v) {
        return switch (p.tracking) {
            case PRODUCT -> Optional.of(-p.id);
            case VARIANT -> Optional.of(v.id);
            case NONE -> Optional.empty();
        };
    }

    int level(long locationId, Products.Product p, Products.Variant v) {
        return stockKey(p, v).map(k -> levels.getOrDefault(locationId, Map.of()).getOrDefault(k, 0)).orElse(0);
    }

    /** Locations by id, for filters. */
    Optional<Location> location(long id) {
        return Optional.ofNullable(locations.get(id));
    }

    Set<Long> locationIds() {
        return new HashSet<>(locations.keySet());
    }
}
