package com.bcerp.core.port;

import com.bcerp.core.stock.ItemStock;
import com.bcerp.core.stock.KitDefinition;
import com.bcerp.core.stock.StockChanges;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The back office's stock, read-only (Acumatica: stock items, item-warehouse records, the inventory summary, kit
 * specifications). Failures are {@link com.bcerp.core.failure.TransientFailure} or
 * {@link com.bcerp.core.failure.PermanentFailure}, as for {@link BackOffice}.
 */
public interface InventorySource {

    /** The ids of the active warehouses. */
    Set<String> warehouses();

    /** The items whose stock may have changed after {@code since}, on the back office's own modification times. */
    StockChanges changedSince(Instant since);

    /** The current stock of these items, one entry per SKU asked for ({@link ItemStock#gone} for an unknown one). */
    List<ItemStock> stock(Collection<String> skus);

    /** Every stock item's stock, page by page, so a full reconcile never holds the whole catalogue. */
    void forEachItem(Consumer<List<ItemStock>> page);

    /**
     * The store location each warehouse serves, where the back office's own settings say (an Extensiv facility per
     * store location); empty when they do not. {@code stock.locations} agrees with it or is derived from it
     * ({@link com.bcerp.core.stock.StockSettings#servedBy}).
     */
    default java.util.Map<String, Long> warehouseLocations() {
        return java.util.Map.of();
    }

    /** Every active kit with its stock components. */
    List<KitDefinition> kits();

    /**
     * Which of these item ids the back office has, stock and non-stock items alike (the charge items a config
     * names), for the pre-flight check; empty when the adapter has no look-up of items by id.
     */
    default java.util.Optional<Set<String>> knownItems(Collection<String> ids) {
        return java.util.Optional.empty();
    }
}
