package com.bcerp.core.catalog;

import com.bcerp.core.config.InvalidConfig;
import java.util.Set;

/**
 * The merchant's choices for pushing back-office products to the store ({@code catalog:} in the config file).
 *
 * @param productSync          the product sync switch: off, the store's catalogue is left alone
 * @param itemSyncEnforcement  on: an item must also be stocked (have a warehouse record) in a warehouse mapped to one of
 *                             the store's locations ({@code stock.locations}); items enabled for e-commerce are the only
 *                             ones synced either way
 * @param matchKey             the store field that holds the back-office item id (also used by the stock sync)
 * @param salePriceAttribute   the back-office item attribute that holds the sale price; an item without the attribute
 *                             leaves the store's sale price alone, one with an empty value clears it
 * @param storeCurrency        the store's default currency; back-office prices in another currency are not sent
 * @param fullReconcileHours   a full pass over every product runs when the last one is older than this
 * @param cursorOverlapSeconds how far each poll reaches back before the cursor
 * @param ownedElsewhere       store fields another system writes (a POS integration's prices, say): the sync never
 *                             updates them, and a difference in them is not a change
 */
public record CatalogSettings(boolean productSync, boolean itemSyncEnforcement, MatchKey matchKey,
        String salePriceAttribute, String storeCurrency, int fullReconcileHours, int cursorOverlapSeconds,
        Set<CatalogField> ownedElsewhere) {

    public CatalogSettings {
        InvalidConfig.require(matchKey != null, "match_key", "must be one of sku, upc");
        InvalidConfig.require(salePriceAttribute != null && !salePriceAttribute.isBlank(), "sale_price_attribute",
                "must name a back-office attribute");
        InvalidConfig.require(storeCurrency != null && storeCurrency.matches("[A-Z]{3}"), "store_currency",
                "must be an ISO 4217 code such as USD, was " + storeCurrency);
        InvalidConfig.require(fullReconcileHours >= 1 && fullReconcileHours <= 24 * 31, "full_reconcile_hours",
                "must be between 1 and 744, was " + fullReconcileHours);
        InvalidConfig.require(cursorOverlapSeconds >= 0 && cursorOverlapSeconds <= 3600, "cursor_overlap_seconds",
                "must be between 0 and 3600, was " + cursorOverlapSeconds);
        ownedElsewhere = ownedElsewhere == null ? Set.of() : Set.copyOf(ownedElsewhere);
    }

    public static CatalogSettings defaults() {
        return new CatalogSettings(true, false, MatchKey.SKU, "SALEPRICE", "USD", 24, 120, Set.of());
    }

    public CatalogSettings withEnforcement(boolean on) {
        return new CatalogSettings(productSync, on, matchKey, salePriceAttribute, storeCurrency, fullReconcileHours,
                cursorOverlapSeconds, ownedElsewhere);
    }

    public CatalogSettings withProductSync(boolean on) {
        return new CatalogSettings(on, itemSyncEnforcement, matchKey, salePriceAttribute, storeCurrency,
                fullReconcileHours, cursorOverlapSeconds, ownedElsewhere);
    }

    public CatalogSettings withOwnedElsewhere(Set<CatalogField> fields) {
        return new CatalogSettings(productSync, itemSyncEnforcement, matchKey, salePriceAttribute, storeCurrency,
                fullReconcileHours, cursorOverlapSeconds, fields);
    }
}
