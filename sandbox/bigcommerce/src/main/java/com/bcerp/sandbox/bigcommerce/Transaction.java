package com.bcerp.sandbox.bigcommerce;

import java.math.BigDecimal;
import java.time.Instant;

/** A payment transaction recorded against an order (V3 transactions). */
record Transaction(long id, String event, String method, BigDecimal amount, String currency, String gateway,
        String gatewayTransactionId, String paymentMethodName, Instant created) {}
