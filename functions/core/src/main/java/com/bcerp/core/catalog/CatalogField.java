package com.bcerp.core.catalog;

import java.util.Locale;

/** A store catalogue field the sync writes; one another system owns ({@code catalog.owned_elsewhere}) is left alone. */
public enum CatalogField {
    NAME, DESCRIPTION, PRICE, SALE_PRICE, COST, WEIGHT;

    /** Its name in the config file: {@code sale_price}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
