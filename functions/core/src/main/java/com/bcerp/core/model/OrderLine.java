package com.bcerp.core.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * One line of a store order (a BigCommerce "order product"). Prices are per unit, totals are for the line before
 * discounts; {@code discounts} are what the store allocated to this line.
 *
 * @param productId    0 for a custom product (one typed into the order, not in the catalogue) or a gift certificate
 * @param type         physical, digital or giftcertificate
 * @param parentLineId for a product picked as part of a bundle, the bundle's own line
 * @param locationId   the store location the order names for this line (a pickup consignment's location), or null
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
        Long shippingAddressId,
        Long locationId) {

    public static final String GIFT_CERTIFICATE = "giftcertificate";
    public static final String PHYSICAL = "physical";

    public OrderLine {
        discounts = discounts == null ? List.of() : List.copyOf(discounts);
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** A line the order names no location for. */
    public OrderLine(long id, long productId, Long variantId, String sku, String name, String type, BigDecimal quantity,
            Money unitPriceExTax, Money unitPriceIncTax, Money totalExTax, Money totalTax, List<AppliedDiscount> discounts,
            List<LineOption> options, Long parentLineId, Long shippingAddressId) {
        this(id, productId, variantId, sku, name, type, quantity, unitPriceExTax, unitPriceIncTax, totalExTax, totalTax,
                discounts, options, parentLineId, shippingAddressId, null);
    }

    public Money discountTotal() {
        Money sum = Money.zero(unitPriceExTax.currency());
        for (AppliedDiscount d : discounts) {
            sum = sum.plus(d.amount());
        }
        return sum;
    }

    public Money totalIncTax() {
        return totalExTax.plus(totalTax);
    }

    /**
     * The line's discount without tax, to the cent. A tax-exclusive store allocates discounts before tax, so they are
     * ex-tax already; a tax-inclusive store shows (and allocates) them with tax, so the line's own ex/inc ratio takes
     * the tax out.
     */
    public Money discountExTax(boolean taxInclusiveStore) {
        Money discount = discountTotal();
        if (!taxInclusiveStore || discount.isZero() || totalIncTax().isZero()) {
            return discount.toCents();
        }
        BigDecimal ratio = totalExTax.amount().divide(totalIncTax().amount(), 12, RoundingMode.HALF_UP);
        return discount.times(ratio).toCents();
    }

    /** Goods that ship (not a download, not a gift certificate). */
    public boolean isPhysical() {
        return PHYSICAL.equals(type);
    }

    public boolean isGiftCertificate() {
        return GIFT_CERTIFICATE.equals(type);
    }

    /** Typed into the order rather than sold from the catalogue (gift certificates aside). */
    public boolean isCustomProduct() {
        return productId == 0 && !isGiftCertificate();
    }

    public boolean isBundleComponent() {
        return parentLineId != null;
    }
}
