package com.bcerp.core.catalog;

import com.bcerp.core.stock.InventoryTracking;
import java.util.Objects;

/**
 * A product to create ({@code productId} null) or update. A new product tracks inventory by product when it is
 * simple and by variant when it has variants, so the stock sync can set its figures.
 */
public record ProductWrite(Long productId, String key, ProductFields fields, InventoryTracking tracking) {

    public ProductWrite {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fields, "fields");
    }
}
