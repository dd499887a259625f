package com.bcerp.sandbox.bigcommerce;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An order's payment transactions and what moves them: the payment at checkout (gift certificate, store credit,
 * then a card for the rest, authorised or captured), a payment method named through the API (one purchase), the
 * capture and void payment actions, and the refund of a refund.
 */
final class Payments {

    private Payments() {}

    /** An API order with a payment method name: one purchase of the total, through a gateway the name suggests. */
    static SandboxOrder fromMethodName(SandboxOrder order, OrderFactory.Ids ids, Instant now) {
        if (order.paymentMethod().isBlank()) {
            return order;
        }
        String gateway = OrderFactory.gatewayOf(order.paymentMethod());
        String method = gateway.equals("testgateway") ? "credit_card" : gateway.equals("custom") ? "custom" : "offline";
        long id = ids.nextTransactionId();
        Transaction payment = new Transaction(id, "purchase", method, Amounts.cents(order.totalIncTax()), order.currency(),
                gateway, "sbx-" + id, order.paymentMethod(), now, null, order.paymentMethod());
        return order.withPayments(List.of(payment), "captured", now);
    }

    /**
     * A checkout's payment: {@code {"gift_certificate": {"code", "amount"}, "store_credit": amount, "gateway",
     * "method", "action": "authorize" | "purchase"}}; a card pays what the others leave.
     */
    static SandboxOrder atCheckout(SandboxOrder order, JsonNode payment, OrderFactory.Ids ids, Instant now) {
        BigDecimal due = Amounts.cents(order.totalIncTax());
        List<Transaction> transactions = new ArrayList<>();
        BigDecimal giftCertificate = BigDecimal.ZERO;
        BigDecimal storeCredit = BigDecimal.ZERO;
        JsonNode gc = payment.path("gift_certificate");
        if (gc.isObject()) {
            giftCertificate = Amounts.cents(Optional.ofNullable(Amounts.read(gc, "amount", "payment.gift_certificate."))
                    .orElse(BigDecimal.ZERO).min(due));
            long id = ids.nextTransactionId();
            String code = gc.path("code").asText("GC-" + id);
            transactions.add(new Transaction(id, "purchase", "gift_certificate", giftCertificate, order.currency(),
                    "giftcertificate", code, "Gift Certificate", now, null, code));
            due = due.subtract(giftCertificate);
        }
        BigDecimal credit = Amounts.read(payment, "store_credit", "payment.");
        if (credit != null && credit.signum() > 0) {
            storeCredit = Amounts.cents(credit.min(due));
            long id = ids.nextTransactionId();
            transactions.add(new Transaction(id, "purchase", "store_credit", storeCredit, order.currency(), "storecredit",
                    "sc-" + id, "Store Credit", now, null, null));
            due = due.subtract(storeCredit);
        }
        String status = "captured";
        String methodName = giftCertificate.signum() > 0 ? "Gift Certificate" : "Store Credit";
        if (due.signum() > 0) {
            String gateway = payment.path("gateway").asText("braintree");
            boolean authorizeOnly = "authorize".equals(payment.path("action").asText("purchase"));
            long id = ids.nextTransactionId();
            transactions.add(new Transaction(id, authorizeOnly ? "authorization" : "purchase",
                    payment.path("method").asText("credit_card"), due, order.currency(), gateway, gateway + "-" + id,
                    "Credit Card", now, null, null));
            status = authorizeOnly ? "authorized" : "captured";
            methodName = "Credit Card";
        }
        SandboxOrder paid = new SandboxOrder(order.id(), order.customerId(), order.created(), order.modified(),
                order.statusId(), order.channelId(), order.currency(), order.storeCurrency(), order.exchangeRate(),
                order.taxInclusive(), order.billing(), order.shippingAddresses(), order.lines(), order.wrapping(),
                order.fees(), order.coupons(), giftCertificate, storeCredit, methodName, status, order.customerMessage(),
                order.staffNotes(), order.externalSource(), transactions, order.refunds(), order.shipments());
        return paid;
    }

    /** The authorisation still open (not captured, not voided), if any. */
    static Optional<Transaction> openAuthorization(SandboxOrder order) {
        for (Transaction t : order.transactions()) {
            boolean closed = order.transactions().stream().anyMatch(o -> Long.valueOf(t.id()).equals(o.referenceId())
                    && (o.event().equals("capture") || o.event().equals("void")));
            if (t.event().equals("authorization") && !closed) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** {@code capture}: the open authorisation is captured in full. */
    static SandboxOrder capture(SandboxOrder order, long transactionId, Instant now) {
        Transaction auth = openAuthorization(order).orElseThrow(() -> BcErrors.v3(422,
                "The order has no authorised payment to capture."));
        return append(order, new Transaction(transactionId, "capture", auth.method(), auth.amount(), auth.currency(),
                auth.gateway(), auth.gateway() + "-" + transactionId, auth.paymentMethodName(), now, auth.id(), null),
                "captured", now);
    }

    /** {@code void}: the open authorisation is voided. */
    static SandboxOrder voidAuthorization(SandboxOrder order, long transactionId, Instant now) {
        Transaction auth = openAuthorization(order).orElseThrow(() -> BcErrors.v3(422,
                "The order has no authorised payment to void."));
        return append(order, new Transaction(transactionId, "void", auth.method(), auth.amount(), auth.currency(),
                auth.gateway(), auth.gateway() + "-" + transactionId, auth.paymentMethodName(), now, auth.id(), null),
                "void", now);
    }

    /** The refund transaction of one refund payment, against the first payment of that provider. */
    static Transaction refund(SandboxOrder order, Refund.Payment payment, long transactionId, Instant now) {
        Optional<Transaction> paid = order.transactions().stream()
                .filter(t -> t.gateway().equals(payment.providerId()) && !t.event().equals("refund")).findFirst();
        return new Transaction(transactionId, "refund", paid.map(Transaction::method).orElse("custom"), payment.amount(),
                order.currency(), payment.providerId(), payment.providerId() + "-" + transactionId,
                paid.map(Transaction::paymentMethodName).orElse(payment.providerId()), now,
                paid.map(Transaction::id).orElse(null), paid.map(Transaction::detail).orElse(null));
    }

    private static SandboxOrder append(SandboxOrder order, Transaction t, String status, Instant now) {
        List<Transaction> all = new ArrayList<>(order.transactions());
        all.add(t);
        return order.withPayments(all, status, now);
    }
}
