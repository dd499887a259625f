package com.bcerp.core.pricelist;

/**
 * A store customer group as far as price lists go.
 *
 * @param priceListId    the price list its shoppers get, or null
 * @param otherDiscounts it has discount rules other than a price list (the store allows no price list beside them)
 */
public record StoreCustomerGroup(long id, String name, Long priceListId, boolean otherDiscounts) {}
