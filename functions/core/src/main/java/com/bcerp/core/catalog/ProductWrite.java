package com.bcerp.core.catalog;

import com.bcerp.core.stock.InventoryTracking;
import java.util.Objects;
import java.util.Set;

/**
 * A product to create ({@code productId} null) or update. A new product tracks inventory by product when it is
 * simple and by variant when it has variants, so the stock sync can set its figures.
 *
 * @param untouched fields an update leaves out (another system owns them); a create sends every field
 */
public record ProductWrite(Long productId, String key, ProductFields fields, InventoryTracking tracking,
        Set<CatalogField> untouched) {

    public ProductWrite {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fields, "fields");
        untouched = untouched == null ? Set.of() : Set.copyOf(untouched);
    }

    public ProductWrite(Long productId, String key, ProductFields fields, InventoryTracking tracking) {
        this(productId, key, fields, tracking, Set.of());
    }
}
