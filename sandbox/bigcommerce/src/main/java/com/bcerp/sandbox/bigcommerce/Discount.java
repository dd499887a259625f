package com.bcerp.sandbox.bigcommerce;

import java.math.BigDecimal;

/**
 * A discount applied to one line ({@code applied_discounts[]}): a manual discount, a coupon or an automatic
 * promotion. {@code amount} is in the store's display basis: without tax in a tax-exclusive store, with it in a
 * tax-inclusive one.
 *
 * @param target {@code order} for an order-level discount allocated to the line, {@code product} for one on it
 */
record Discount(String id, String name, String code, String target, BigDecimal amount) {}
