package com.bcerp.core.stock;

import com.bcerp.core.failure.PermanentFailure;
import java.util.Objects;
import java.util.Optional;

/**
 * A sellable item in the store, found by the match key.
 *
 * @param sku         the back-office item id it matched (the match key's value)
 * @param baseVariant true for a simple product's only variant (BigCommerce's base variant)
 * @param tracking    how its product tracks stock
 */
public record StoreItem(String sku, long productId, long variantId, boolean baseVariant, InventoryTracking tracking) {

    public StoreItem {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(tracking, "tracking");
    }

    /**
     * Where its stock is set, matching the product's tracking mode: by product for a product tracked by product, by
     * variant for one tracked by variant. Empty when the product does not track stock. A variant of a product tracked
     * as a whole has no figure of its own: that is a mapping problem for the merchant, not something to guess.
     */
    public Optional<InventoryTarget> target() {
        return switch (tracking) {
            case NONE -> Optional.empty();
            case VARIANT -> Optional.of(InventoryTarget.variant(variantId));
            case PRODUCT -> {
                if (!baseVariant) {
                    throw new PermanentFailure("inventory_tracking", "sku " + sku + " is variant " + variantId
                            + " of product " + productId + ", which tracks inventory by product: its stock cannot be set "
                            + "per variant. Set the product's inventory tracking to variant, or match the product's own SKU");
                }
                yield Optional.of(InventoryTarget.product(productId));
            }
        };
    }
}
