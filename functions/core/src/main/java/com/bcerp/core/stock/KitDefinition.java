package com.bcerp.core.stock;

import java.util.List;
import java.util.Objects;

/**
 * A kit (bundle) sold as one SKU and assembled from stock components. Its stock is computed from theirs, never read;
 * non-stock components (services, labour) do not limit it and are not listed.
 */
public record KitDefinition(String sku, List<KitComponent> components) {

    public KitDefinition {
        Objects.requireNonNull(sku, "sku");
        components = components == null ? List.of() : List.copyOf(components);
    }
}
