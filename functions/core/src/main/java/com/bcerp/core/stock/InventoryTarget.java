package com.bcerp.core.stock;

/** Where an absolute stock figure goes in the store: a product (tracked by product) or a variant (tracked by variant). */
public record InventoryTarget(Level level, long id) {

    public enum Level { PRODUCT, VARIANT }

    public static InventoryTarget product(long productId) {
        return new InventoryTarget(Level.PRODUCT, productId);
    }

    public static InventoryTarget variant(long variantId) {
        return new InventoryTarget(Level.VARIANT, variantId);
    }

    @Override
    public String toString() {
        return (level == Level.PRODUCT ? "product_id " : "variant_id ") + id;
    }
}
