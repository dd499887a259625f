package com.bcerp.sandbox.bigcommerce;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A refund made on an order ({@code payment_actions/refunds}). */
record Refund(long id, long orderId, Instant created, String reason, BigDecimal totalAmount, BigDecimal totalTax,
        List<Item> items, List<Payment> payments) {

    Refund {
        items = List.copyOf(items);
        payments = List.copyOf(payments);
    }

    /** One refunded item: a quantity of a product line, or an amount of a charge or of the order. */
    record Item(String itemType, long itemId, Integer quantity, BigDecimal requestedAmount, String reason,
            BigDecimal amount, BigDecimal tax) {}

    /** @param declined the provider declined paying it back, after the refund was made (the payment is asynchronous) */
    record Payment(long id, String providerId, BigDecimal amount, boolean offline, boolean declined) {}

    /** This refund with every payment declined by its provider. */
    Refund declined() {
        return new Refund(id, orderId, created, reason, totalAmount, totalTax, items,
                payments.stream().map(p -> new Payment(p.id(), p.providerId(), p.amount(), p.offline(), true)).toList());
    }
}
