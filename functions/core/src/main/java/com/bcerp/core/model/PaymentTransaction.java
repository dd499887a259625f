package com.bcerp.core.model;

import java.time.Instant;

/**
 * A payment transaction on an order (BigCommerce {@code GET /v3/orders/{id}/transactions}).
 *
 * @param event                  purchase, authorization, capture, refund, void, pending or settled
 * @param method                 credit_card, gift_certificate, store_credit, offline, custom, ...
 * @param gateway                the payment provider, e.g. braintree, cod, giftcertificate, storecredit
 * @param status                 ok or error
 * @param referenceTransactionId the transaction this one acts on (a capture or void of an authorization), or null
 */
public record PaymentTransaction(long id, long orderId, String event, String method, Money amount, String gateway,
        String gatewayTransactionId, String paymentMethodId, String status, boolean test, Instant createdAt,
        Long referenceTransactionId) {

    public boolean isOk() {
        return "ok".equals(status);
    }
}
