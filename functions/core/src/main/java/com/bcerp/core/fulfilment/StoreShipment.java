package com.bcerp.core.fulfilment;

import java.util.List;

/**
 * A shipment in the store (a BigCommerce order shipment).
 *
 * @param comments the connector writes its marker here ({@code <back office> shipment <number>}), the key that stops a
 *                 back-office shipment from being created twice
 */
public record StoreShipment(long id, long orderAddressId, String trackingNumber, String shippingProvider,
        String trackingCarrier, String comments, List<Item> items) {

    public StoreShipment {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** {@code quantity} units of the order product {@code orderProductId}. */
    public record Item(long orderProductId, int quantity) {}
}
