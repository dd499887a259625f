package com.bcerp.core.pricelist;

import java.math.BigDecimal;

/**
 * One price a back-office price class gives an item in a currency, effective today.
 *
 * @param itemId   the back-office item id, which is the store variant's SKU
 * @param currency ISO 4217, upper case
 */
public record BackOfficePrice(String itemId, String currency, BigDecimal price) {}
