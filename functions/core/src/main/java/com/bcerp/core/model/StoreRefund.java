package com.bcerp.core.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A refund made in the store (BigCommerce V3 {@code payment_actions/refunds}): what was refunded and how it was paid
 * back. {@code totalAmount} is what the shopper got back, tax included; {@code totalTax} the tax in it.
 */
public record StoreRefund(long id, long orderId, Instant createdAt, String reason, Money totalAmount, Money totalTax,
        List<Item> items, List<Payment> payments) {

    public StoreRefund {
        items = List.copyOf(items);
        payments = payments == null ? List.of() : List.copyOf(payments);
    }

    /** What a refund can give back. */
    public enum ItemType { PRODUCT, GIFT_WRAPPING, SHIPPING, HANDLING, ORDER, FEE, TAX }

    /**
     * One refunded item.
     *
     * @param itemId   the order line (PRODUCT, GIFT_WRAPPING), the shipping address (SHIPPING, HANDLING), the fee
     *                 (FEE) or the order (ORDER)
     * @param quantity for PRODUCT and GIFT_WRAPPING
     * @param amount   for the amount-bound types: what was refunded, tax included (ORDER is tax exempt)
     */
    public record Item(ItemType type, long itemId, BigDecimal quantity, Money amount, String reason) {}

    /** How (part of) the refund was paid back. */
    public record Payment(String providerId, Money amount, boolean offline, boolean declined) {}
}
