package com.bcerp.core.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * One line of a store order (a BigCommerce "order product"). Prices are per unit, totals are for the line before
 * discounts; {@code discounts} are what the store allocated to this line.
 */
public record OrderLine(
        long id,
        long productId,
        Long variantId,
        String sku,
        String name,
        String type,
        BigDecimal quantity,
        Money unitPriceExTax,
        Money unitPriceIncTax,
        Money totalExTax,
        Money totalTax,
        List<AppliedDiscount> discounts,
        List<LineOption> options,
        Long parentLineId,
        Long shippingAddressId) {

    public OrderLine {
        discounts = discounts == null ? List.of() : List.copyOf(discounts);
        options = options == null ? List.of() : List.copyOf(options);
    }

    public Money discountTotal() {
        Money sum = Money.zero(unitPriceExTax.currency());
        for (AppliedDiscount d : discounts) {
            sum = sum.plus(d.amount());
        }
        return sum;
    }
}
