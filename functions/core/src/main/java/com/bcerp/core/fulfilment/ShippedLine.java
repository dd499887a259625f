package com.bcerp.core.fulfilment;

import java.math.BigDecimal;

/**
 * One shipment line: how much of which sales order line shipped.
 *
 * @param orderLine    the sales order line it ships, as the back office numbers it
 * @param storeLineRef that sales order line's reference to the store's order product (written at import); null for
 *                     a line the connector did not write
 * @param field         the back-office field naming the order line this shipment line ships, for errors
 * @param quantityField the back-office field holding the shipped quantity, for errors
 */
public record ShippedLine(String orderLine, String storeLineRef, String sku, BigDecimal quantity, String field,
        String quantityField) {}
