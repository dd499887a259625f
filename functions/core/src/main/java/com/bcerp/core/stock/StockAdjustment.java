package com.bcerp.core.stock;

import java.util.Objects;

/** An absolute stock figure for one store item at one location. */
public record StockAdjustment(String sku, InventoryTarget target, int quantity) {

    public StockAdjustment {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(target, "target");
        if (quantity < 0) {
            throw new IllegalArgumentException("an absolute stock figure is never negative, was " + quantity + " for " + sku);
        }
    }
}
