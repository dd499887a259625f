package com.bcerp.sandbox.bigcommerce;

import java.math.BigDecimal;
import java.util.List;

/**
 * An order product. Unit and line prices are before discounts; {@code discount} is the share of the order's manual
 * discount allocated to this line, and {@code discountedTax} the tax charged on what is left after it.
 *
 * @param orderAddressId the shipping address the line ships to; 0 for a digital line (a download)
 */
record LineItem(long id, long productId, Long variantId, long orderAddressId, String name, String sku, String type,
        int quantity, BigDecimal priceExTax, BigDecimal priceTax, BigDecimal discount, BigDecimal discountedTax,
        List<SelectedOption> options) {

    /** A product option the shopper chose, e.g. Size = M (value is the option value's id). */
    record SelectedOption(long id, long productOptionId, String displayName, String displayValue, long valueId) {}

    BigDecimal priceIncTax() {
        return priceExTax.add(priceTax);
    }

    BigDecimal totalExTax() {
        return priceExTax.multiply(BigDecimal.valueOf(quantity));
    }

    BigDecimal totalTax() {
        return priceTax.multiply(BigDecimal.valueOf(quantity));
    }

    BigDecimal totalIncTax() {
        return totalExTax().add(totalTax());
    }

    /** What the line costs the shopper after discounts, tax included: BigCommerce's "use this for accounting". */
    BigDecimal discountedTotalIncTax() {
        return totalExTax().subtract(discount).add(discountedTax);
    }

    boolean isDigital() {
        return orderAddressId == 0;
    }

    LineItem withDiscount(BigDecimal allocated, BigDecimal taxAfterDiscount) {
        return new LineItem(id, productId, variantId, orderAddressId, name, sku, type, quantity, priceExTax, priceTax,
                allocated, taxAfterDiscount, options);
    }
}
