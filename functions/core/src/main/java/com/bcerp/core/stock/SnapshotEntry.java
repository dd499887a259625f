package com.bcerp.core.stock;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the connector last pushed for one SKU, and where that SKU lives in the store.
 *
 * @param item         the store item, or null when the store had no item with this SKU at {@code identifiedAt}
 * @param pushed       location id to the last figure the store accepted there
 * @param identifiedAt when the store was last asked about this SKU
 * @param parked       why its stock cannot be pushed (ops see it in the parked list), or null
 */
public record SnapshotEntry(String sku, StoreItem item, Map<Long, Integer> pushed, Instant identifiedAt, String parked) {

    public SnapshotEntry {
        Objects.requireNonNull(sku, "sku");
        pushed = pushed == null ? Map.of() : Map.copyOf(pushed);
    }

    public SnapshotEntry withPushed(long location, int quantity) {
        Map<Long, Integer> next = new HashMap<>(pushed);
        next.put(location, quantity);
        return new SnapshotEntry(sku, item, next, identifiedAt, null);
    }

    public SnapshotEntry withParked(String reason) {
        return new SnapshotEntry(sku, item, pushed, identifiedAt, reason);
    }
}
