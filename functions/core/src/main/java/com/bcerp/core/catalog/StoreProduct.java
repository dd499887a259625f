package com.bcerp.core.catalog;

import com.bcerp.core.stock.InventoryTracking;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A product as the store has it, with the variants it has (a simple product's one base variant is left out).
 *
 * @param key the product's match-key value
 */
public record StoreProduct(long id, String key, String name, String description, BigDecimal price, BigDecimal cost,
        BigDecimal salePrice, BigDecimal weight, InventoryTracking tracking, List<StoreVariant> variants) {

    public StoreProduct {
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    public Optional<StoreVariant> variant(String key) {
        return variants.stream().filter(v -> key.equalsIgnoreCase(v.key())).findFirst();
    }
}
