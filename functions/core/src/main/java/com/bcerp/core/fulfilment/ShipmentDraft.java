package com.bcerp.core.fulfilment;

import java.util.List;

/**
 * A shipment to create in the store. Exactly one of {@code shippingProvider} and {@code trackingCarrier} names the
 * carrier, or neither when the back office's carrier is not mapped.
 */
public record ShipmentDraft(long orderAddressId, List<StoreShipment.Item> items, String trackingNumber,
        String shippingProvider, String trackingCarrier, String shippingMethod, String comments) {

    public ShipmentDraft {
        items = List.copyOf(items);
    }
}
