package com.bcerp.bigcommerce;

import com.bcerp.core.model.Money;
import java.time.Instant;

/**
 * A payment transaction on an order ({@code GET /v3/orders/{id}/transactions}).
 *
 * @param event  purchase, authorization, capture, refund, void, pending or settled
 * @param method credit_card, offline, custom, ...
 * @param status ok or error
 */
public record StoreTransaction(long id, long orderId, String event, String method, Money amount, String gateway,
        String gatewayTransactionId, String paymentMethodId, String status, boolean test, Instant createdAt) {}
