package com.bcerp.sandbox.bigcommerce;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A payment transaction recorded against an order (V3 transactions).
 *
 * @param referenceId the transaction this one acts on (a capture or void of an authorisation, a refund), or null
 * @param detail      for a gift certificate its code, for a custom or offline method its display name
 */
record Transaction(long id, String event, String method, BigDecimal amount, String currency, String gateway,
        String gatewayTransactionId, String paymentMethodName, Instant created, Long referenceId, String detail) {}
