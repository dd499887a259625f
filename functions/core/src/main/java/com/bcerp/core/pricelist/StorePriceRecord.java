package com.bcerp.core.pricelist;

import java.math.BigDecimal;

/**
 * One record of a store price list: a variant's price in one currency.
 *
 * @param sku      the variant's SKU (the join key to the back office)
 * @param currency ISO 4217, upper case
 */
public record StorePriceRecord(long variantId, String sku, String currency, BigDecimal price) {}
