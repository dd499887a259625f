package com.bcerp.core.model;

import java.time.Instant;
import java.util.List;

/**
 * A store order as the connector understands it, whatever store produced it. Amounts are in {@code currency}, the
 * currency the shopper paid in.
 */
public record StoreOrder(
        String storeHash,
        long id,
        int statusId,
        String status,
        Instant createdAt,
        Instant modifiedAt,
        int channelId,
        String currency,
        boolean taxInclusive,
        Buyer buyer,
        Address billingAddress,
        List<ShippingDestination> shipping,
        List<OrderLine> lines,
        Money subtotalExTax,
        Money shippingExTax,
        Money shippingTax,
        Money handlingExTax,
        Money handlingTax,
        Money wrappingExTax,
        Money wrappingTax,
        Money discountTotal,
        Money totalExTax,
        Money totalTax,
        Money totalIncTax,
        String paymentMethod,
        String customerMessage) {

    public StoreOrder {
        shipping = shipping == null ? List.of() : List.copyOf(shipping);
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** BigCommerce status 0: the checkout never completed. Such orders are never imported. */
    public boolean isIncomplete() {
        return statusId == 0;
    }
}
