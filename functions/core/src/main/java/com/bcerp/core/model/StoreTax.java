package com.bcerp.core.model;

import java.math.BigDecimal;

/**
 * One tax the store applied to one part of an order (BigCommerce {@code GET /v2/orders/{id}/taxes?details=true}).
 *
 * @param taxClassId  the store's tax class, e.g. 0 "Default Tax Class"; null when the store did not say
 * @param className   the class's name, e.g. "Default Tax Class" ("Automatic Tax" with a tax provider)
 * @param rate        in percent, e.g. 8.25
 * @param appliesTo   item, shipping, handling or gift-wrapping
 * @param lineId      for an item (or its handling), the order line; otherwise null
 * @param addressId   for shipping and handling, the shipping address (consignment); otherwise null
 */
public record StoreTax(long id, Integer taxClassId, String className, String name, BigDecimal rate, Money amount,
        String appliesTo, Long lineId, Long addressId) {}
