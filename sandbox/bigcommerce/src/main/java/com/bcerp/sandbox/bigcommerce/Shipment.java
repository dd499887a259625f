package com.bcerp.sandbox.bigcommerce;

import java.time.Instant;
import java.util.List;

/**
 * An order shipment: which order products (and how many) left for one shipping address, with tracking.
 *
 * @param shippingProvider one of BigCommerce's integrated providers, or "" when {@code trackingCarrier} (an AfterShip
 *                         slug) or a custom {@code trackingLink} gives the tracking link
 */
record Shipment(long id, long orderAddressId, Instant created, String trackingNumber, String shippingProvider,
        String trackingCarrier, String trackingLink, String shippingMethod, String merchantShippingCost,
        String comments, List<Item> items) {

    record Item(long orderProductId, long productId, int quantity) {}

    Shipment {
        items = List.copyOf(items);
    }
}
