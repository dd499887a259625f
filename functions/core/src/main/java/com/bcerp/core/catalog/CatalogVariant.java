package com.bcerp.core.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One back-office variant (Acumatica: a matrix item of a template item).
 *
 * @param options    option name to value, e.g. Color = Red, in the template's option order
 * @param ecommerce  enabled for e-commerce
 * @param warehouses the warehouses the item has a record in (for item sync enforcement)
 */
public record CatalogVariant(String sku, Map<String, String> options, VariantFields fields, boolean ecommerce,
        Set<String> warehouses) {

    public CatalogVariant {
        Objects.requireNonNull(sku, "sku");
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        Objects.requireNonNull(fields, "fields");
        warehouses = warehouses == null ? Set.of() : Set.copyOf(warehouses);
    }
}
