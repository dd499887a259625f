package com.bcerp.core.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A product as the back office describes it: a simple item, or a template (Acumatica: a template item) whose
 * variants differ by their options.
 *
 * @param sku         the back-office item id (the template's id for a product with variants)
 * @param optionNames the options its variants differ by, in order (empty for a simple item)
 * @param ecommerce   enabled for e-commerce (for a template: the template itself)
 * @param warehouses  the warehouses a simple item has a record in (for item sync enforcement)
 * @param problem     why the back office's record cannot become a store product as it is (naming the record and
 *                    field), or null; such a product is parked, not sent
 */
public record CatalogProduct(String sku, ProductFields fields, boolean ecommerce, Set<String> warehouses,
        List<String> optionNames, List<CatalogVariant> variants, String problem) {

    public CatalogProduct(String sku, ProductFields fields, boolean ecommerce, Set<String> warehouses,
            List<String> optionNames, List<CatalogVariant> variants) {
        this(sku, fields, ecommerce, warehouses, optionNames, variants, null);
    }

    public CatalogProduct {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(fields, "fields");
        warehouses = warehouses == null ? Set.of() : Set.copyOf(warehouses);
        optionNames = optionNames == null ? List.of() : List.copyOf(optionNames);
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    public boolean hasVariants() {
        return !optionNames.isEmpty();
    }
}
