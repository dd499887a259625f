package com.bcerp.core.stock;

import java.util.List;
import java.util.Objects;

/**
 * A back-office item's stock, warehouse by warehouse.
 *
 * @param sku        the item's id in the back office (Acumatica's InventoryID), which is the match key's value
 * @param sellable   active and enabled for e-commerce; the store shows 0 of anything else
 * @param warehouses one entry per warehouse the item has a record in; a warehouse not listed holds none
 */
public record ItemStock(String sku, boolean sellable, List<WarehouseStock> warehouses) {

    public ItemStock {
        Objects.requireNonNull(sku, "sku");
        warehouses = warehouses == null ? List.of() : List.copyOf(warehouses);
    }

    /** An item the back office does not know (any more): nothing to sell. */
    public static ItemStock gone(String sku) {
        return new ItemStock(sku, false, List.of());
    }
}
