package com.bcerp.core.stock;

/**
 * The store refused an adjustment because an item is tracked another way than it was addressed (BigCommerce's 422
 * "Item with variant_id 106 is tracked by product, please update stock by product id"). The whole request was
 * refused; the merchant changed a product's tracking mode since the connector last looked.
 */
public class InventoryTrackingMismatch extends RuntimeException {

    public InventoryTrackingMismatch(String message) {
        super(message);
    }
}
