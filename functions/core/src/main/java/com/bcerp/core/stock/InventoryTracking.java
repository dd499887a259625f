package com.bcerp.core.stock;

/** How a store product tracks its stock (BigCommerce's {@code inventory_tracking}). */
public enum InventoryTracking {
    /** Not tracked: the store sells it without limit, and stock cannot be set. */
    NONE,
    /** One figure for the whole product, set by product id. */
    PRODUCT,
    /** One figure per variant, set by variant id. */
    VARIANT
}
