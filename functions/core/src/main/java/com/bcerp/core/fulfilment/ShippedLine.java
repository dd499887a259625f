package com.bcerp.core.fulfilment;

import java.math.BigDecimal;

/**
 * One shipment line: how much of which sales order line shipped.
 *
 * @param orderLineNbr the sales order line it ships
 * @param storeLineRef that sales order line's reference to the store's order product (written at import); null for
 *                     a line the connector did not write
 * @param field        where the line sits in the back-office shipment, for errors, e.g. {@code Details[1]}
 */
public record ShippedLine(int orderLineNbr, String storeLineRef, String sku, BigDecimal quantity, String field) {}
