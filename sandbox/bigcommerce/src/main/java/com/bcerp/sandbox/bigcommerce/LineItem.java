package com.bcerp.sandbox.bigcommerce;

import java.math.BigDecimal;
import java.util.List;

/**
 * An order product. Unit and line prices are before discounts; {@code discounts} are what the store applied to the
 * line, and {@code discountedTax} the tax charged on what is left after them.
 *
 * @param orderAddressId   the shipping address the line ships to; 0 for a download or a gift certificate
 * @param type             physical, digital or giftcertificate
 * @param taxRate          the rate of the line's tax class, e.g. 0.10
 * @param parentLineId     for a product picked into a bundle, the bundle's line
 * @param quantityRefunded how many units have been refunded
 */
record LineItem(long id, long productId, Long variantId, long orderAddressId, String name, String sku, String type,
        int quantity, BigDecimal priceExTax, BigDecimal priceTax, int taxClassId, BigDecimal taxRate,
        List<Discount> discounts, BigDecimal discountedTax, Long parentLineId, Long giftCertificateId,
        int quantityRefunded, List<SelectedOption> options) {

    /** A product option the shopper chose, e.g. Size = M (value is the option value's id). */
    record SelectedOption(long id, long productOptionId, String displayName, String displayValue, long valueId) {}

    LineItem {
        discounts = List.copyOf(discounts);
        options = List.copyOf(options);
    }

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

    BigDecimal discount() {
        return discounts.stream().map(Discount::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** What the line costs the shopper after discounts, tax included: BigCommerce's "use this for accounting". */
    BigDecimal discountedTotalIncTax(boolean taxInclusive) {
        return taxInclusive ? totalIncTax().subtract(discount()) : totalExTax().subtract(discount()).add(discountedTax);
    }

    boolean isShipped() {
        return orderAddressId != 0;
    }

    boolean isGiftCertificate() {
        return "giftcertificate".equals(type);
    }

    LineItem withDiscounts(List<Discount> newDiscounts, BigDecimal taxAfterDiscount) {
        return new LineItem(id, productId, variantId, orderAddressId, name, sku, type, quantity, priceExTax, priceTax,
                taxClassId, taxRate, newDiscounts, taxAfterDiscount, parentLineId, giftCertificateId, quantityRefunded,
                options);
    }

    /** A changed quantity; BigCommerce drops the discounts of a line an order edit changes. */
    LineItem withQuantity(int newQuantity) {
        return new LineItem(id, productId, variantId, orderAddressId, name, sku, type, newQuantity, priceExTax, priceTax,
                taxClassId, taxRate, List.of(), discountedTax, parentLineId, giftCertificateId, quantityRefunded, options);
    }

    LineItem withRefunded(int refunded) {
        return new LineItem(id, productId, variantId, orderAddressId, name, sku, type, quantity, priceExTax, priceTax,
                taxClassId, taxRate, discounts, discountedTax, parentLineId, giftCertificateId, refunded, options);
    }
}
