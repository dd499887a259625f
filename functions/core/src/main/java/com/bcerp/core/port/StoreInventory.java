package com.bcerp.core.port;

import com.bcerp.core.stock.StockAdjustment;
import com.bcerp.core.stock.StoreItem;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** The store's inventory (BigCommerce's Inventory and Catalog APIs), as the stock sync needs it. */
public interface StoreInventory {

    /** The most items one absolute adjustment may carry (BigCommerce: 2,000). */
    int MAX_ADJUSTMENTS = 2000;

    /** The ids of the store's active locations. */
    Set<Long> activeLocations();

    /** The store items these SKUs (values of the match key) name; a SKU the store does not have is left out. */
    Map<String, StoreItem> identify(Collection<String> skus);

    /** Every sellable item in the store, page by page (to learn the catalogue in one pass on the first run). */
    void forEachItem(Consumer<List<StoreItem>> page);

    /**
     * Sets these items' stock at one location, all or nothing, in one request of at most {@link #MAX_ADJUSTMENTS}.
     * Throws {@link com.bcerp.core.stock.StockItemsRefused} when the store refuses the request because of some of its
     * items (a tracking mode, an item deleted).
     */
    void setAbsolute(long locationId, List<StockAdjustment> items);
}
