package com.bcerp.core.catalog;

import java.util.Locale;

/**
 * The store field that carries the back-office item id (Acumatica's InventoryID), on products and variants alike.
 * Written in lower case in the config file.
 */
public enum MatchKey {
    /** The store's SKU equals the back-office item id (the default). */
    SKU,
    /** The store's UPC equals the back-office item id; the store SKU is then the merchant's own. */
    UPC;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
