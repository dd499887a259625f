package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.acumatica.EntityShapes.Shape;
import com.bcerp.sandbox.records.EntityBook;
import com.bcerp.sandbox.records.NumberSequence;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The sandbox's customer payments (AR302000), keyed by Type + ReferenceNbr ({@code Payment/000001}), applied to sales
 * orders through {@code OrdersToApply}. Checks what Acumatica checks: the customer, payment method and cash account
 * exist, the orders exist and belong to the customer, nothing is applied beyond the payment or beyond what the order
 * still owes. A payment on hold is "On Hold", otherwise "Balanced" (the sandbox does not release payments);
 * {@code VoidPayment} makes it "Voided", and a voided payment no longer pays its orders. Staff's payment of an
 * invoice ({@link #recordInvoicePayment}) is entered and released at once: Closed, its whole amount applied to the
 * invoice in {@code DocumentsToApply}.
 *
 * <p>SO invoices: preparing an order's invoice moves what its payments applied to the order onto the invoice (the
 * payment's order row keeps nothing, a {@code DocumentsToApply} row names the invoice), as Acumatica transfers an
 * order's applications to its invoice. A payment's {@code DocumentsToApply} may also be written with a PUT (released
 * invoices of its customer, within their balance and the payment's amount). {@code ReleasePayment} releases a payment
 * not on hold (Closed when wholly applied, otherwise Open); a released payment's applications to released invoices
 * lower their balances, at its release or at the invoice's, whichever comes last.
 */
final class PaymentBook {

    static final Shape SHAPE = EntityShapes.get("Payment");

    static final Set<String> TYPES = Set.of("Payment", "Prepayment");
    static final Set<String> PAYMENT_METHODS = SetupBook.METHOD_ACCOUNTS.keySet();
    static final Set<String> CASH_ACCOUNTS = Set.copyOf(SetupBook.METHOD_ACCOUNTS.values().stream()
            .flatMap(java.util.List::stream).toList());

    private final ReentrantLock lock;
    private final Clock clock;
    private final CustomerBook customers;
    private final SalesOrderBook orders;
    private final EntityBook<ObjectNode> book;
    private final NumberSequence numbers = NumberSequence.of("%2$06d"); // per payment type: Payment/000001
    private ShipmentBook invoices;

    PaymentBook(ReentrantLock lock, Clock clock, CustomerBook customers, SalesOrderBook orders) {
        this.lock = lock;
        this.clock = clock;
        this.book = new EntityBook<>(lock, EntityBook.Order.FIRST_WRITTEN, PaymentBook::key, Values::copy);
        this.customers = customers;
        this.orders = orders;
    }

    PutResult put(ObjectNode request, Precondition precondition) {
        return book.upsert(new ContractPut(request, precondition, SHAPE, "Payment", List.of("Type", "ReferenceNbr")) {
            @Override
            Optional<ObjectNode> byKeys(EntityBook<ObjectNode> payments, JsonNode r) {
                return Values.text(r, "ReferenceNbr").flatMap(nbr -> payments.get(Values.text(r, "Type").orElse("Payment") + "/" + nbr));
            }

            @Override
            void defaults(ObjectNode candidate) {
                if (Values.text(candidate, "Type").isEmpty()) {
                    Values.set(candidate, "Type", "Payment");
                }
            }

            @Override
            void validate(ObjectNode candidate, Optional<ObjectNode> existing, FieldErrors errors) {
                PaymentBook.this.validate(candidate, existing.map(e -> Values.text(e, "ReferenceNbr").orElseThrow()).orElse(null),
                        errors);
            }

            @Override
            void refusedInsert(ObjectNode candidate) {
                Values.set(candidate, "ReferenceNbr", "<NEW>");
            }

            @Override
            void inserted(ObjectNode candidate) {
                String type = Values.text(candidate, "Type").orElseThrow();
                Values.set(candidate, "ReferenceNbr", book.nextFree(numbers, type, nbr -> type + "/" + nbr));
                Values.set(candidate, "NoteID", UUID.randomUUID().toString());
            }

            @Override
            void compute(ObjectNode candidate) {
                PaymentBook.this.compute(candidate);
            }
        });
    }

    /** The SO invoices payments are applied to (the books are made in turn, so this is set after both). */
    void invoices(ShipmentBook book) {
        this.invoices = book;
    }

    private static final Set<String> RELEASED = Set.of("Open", "Closed");

    /** ReleasePayment: a balanced payment is released; its applications to released invoices take effect. */
    PutResult release(JsonNode keys) {
        lock.lock();
        try {
            String key = Values.text(keys, "Type").orElse("Payment") + "/" + Values.text(keys, "ReferenceNbr").orElse("");
            ObjectNode payment = book.get(key).orElseThrow(AcumaticaErrors::noEntity);
            String status = Values.text(payment, "Status").orElse("");
            if (!status.equals("Balanced")) {
                new FieldErrors().add(payment, "Status", "The document is " + status + ".");
                payment.put("error", "The Release action is not available for a document with the " + status + " status.");
                return PutResult.rejected(payment);
            }
            ObjectNode released = book.update(key, p -> {
                boolean spent = Values.decimal(p, "AvailableBalance").orElse(BigDecimal.ZERO).signum() == 0;
                Values.set(p, "Status", spent ? "Closed" : "Open");
                Values.set(p, "LastModifiedDateTime", OffsetDateTime.now(clock));
            }).orElseThrow();
            settle(released);
            return PutResult.stored(released);
        } finally {
            lock.unlock();
        }
    }

    /** After an invoice's release: the released payments applied to it take effect. */
    void settleInvoice(String invoiceType, String invoiceNbr) {
        lock.lock();
        try {
            for (ObjectNode payment : book.list(p -> RELEASED.contains(Values.text(p, "Status").orElse("")))) {
                settle(payment);
            }
        } finally {
            lock.unlock();
        }
    }

    private void settle(ObjectNode payment) {
        String nbr = Values.text(payment, "ReferenceNbr").orElseThrow();
        for (JsonNode row : payment.path("DocumentsToApply")) {
            String type = Values.text(row, "DocType").orElse("Invoice");
            String invoiceNbr = Values.text(row, "ReferenceNbr").orElse("");
            BigDecimal amount = Values.decimal(row, "AmountPaid").orElse(BigDecimal.ZERO);
            if (amount.signum() > 0 && !invoices.applied(type, invoiceNbr, nbr) && invoices.takes(type, invoiceNbr, amount)) {
                invoices.applyPayment(type, invoiceNbr, Values.text(payment, "Type").orElseThrow(), nbr,
                        Values.text(payment, "PaymentRef").orElse(null), amount);
            }
        }
    }

    /** An order's invoice was prepared: what its payments applied to the order now applies to the invoice. */
    void transferToInvoice(String orderType, String orderNbr, String invoiceType, String invoiceNbr) {
        lock.lock();
        try {
            for (ObjectNode payment : book.list(p -> !"Voided".equals(Values.text(p, "Status").orElse("")))) {
                book.update(key(payment), p -> {
                    for (JsonNode node : p.withArrayProperty("OrdersToApply")) {
                        ObjectNode row = (ObjectNode) node;
                        BigDecimal applied = Values.decimal(row, "AppliedToOrder").orElse(BigDecimal.ZERO);
                        if (applied.signum() > 0 && orderType.equals(Values.text(row, "OrderType").orElse(""))
                                && orderNbr.equals(Values.text(row, "OrderNbr").orElse(""))) {
                            Values.set(row, "AppliedToOrder", BigDecimal.ZERO.setScale(2));
                            ObjectNode doc = p.withArrayProperty("DocumentsToApply").addObject();
                            doc.put("id", UUID.randomUUID().toString());
                            Values.set(doc, "DocType", invoiceType);
                            Values.set(doc, "ReferenceNbr", invoiceNbr);
                            Values.set(doc, "AmountPaid", applied);
                        }
                    }
                    totals(p);
                });
            }
        } finally {
            lock.unlock();
        }
    }

    Optional<ObjectNode> get(String type, String referenceNbr) {
        return book.get(type + "/" + referenceNbr);
    }

    List<ObjectNode> list(Predicate<JsonNode> filter) {
        return book.list(filter);
    }

    /**
     * A customer's payment of an invoice (AR302000: a Payment with the invoice in Documents to Apply, released), e.g.
     * a bank transfer with its reference in PaymentRef; returns its ReferenceNbr. The invoice side is the caller's.
     */
    String recordInvoicePayment(String customerId, String paymentMethod, String paymentRef, BigDecimal amount,
            String invoiceType, String invoiceNbr) {
        if (!PAYMENT_METHODS.contains(paymentMethod)) {
            throw new IllegalArgumentException("'Payment Method' " + paymentMethod + " cannot be found in the system");
        }
        lock.lock();
        try {
            OffsetDateTime now = OffsetDateTime.now(clock);
            ObjectNode payment = Values.object();
            payment.put("id", UUID.randomUUID().toString());
            Values.set(payment, "Type", "Payment");
            Values.set(payment, "ReferenceNbr", book.nextFree(numbers, "Payment", nbr -> "Payment/" + nbr));
            Values.set(payment, "Status", "Closed");
            Values.set(payment, "Hold", false);
            Values.set(payment, "CustomerID", customerId);
            Values.set(payment, "PaymentMethod", paymentMethod);
            Values.set(payment, "CashAccount", "10200");
            if (paymentRef != null) {
                Values.set(payment, "PaymentRef", paymentRef);
            }
            Values.set(payment, "PaymentAmount", cents(amount));
            Values.set(payment, "CurrencyID", "USD");
            Values.set(payment, "ApplicationDate", now);
            Values.set(payment, "AppliedToDocuments", cents(amount));
            Values.set(payment, "AppliedToOrders", BigDecimal.ZERO.setScale(2));
            Values.set(payment, "AvailableBalance", BigDecimal.ZERO.setScale(2));
            Values.set(payment, "LastModifiedDateTime", now);
            Values.set(payment, "NoteID", UUID.randomUUID().toString());
            payment.putArray("OrdersToApply");
            ObjectNode row = payment.putArray("DocumentsToApply").addObject();
            row.put("id", UUID.randomUUID().toString());
            Values.set(row, "DocType", invoiceType);
            Values.set(row, "ReferenceNbr", invoiceNbr);
            Values.set(row, "AmountPaid", cents(amount));
            book.insert(payment);
            return Values.text(payment, "ReferenceNbr").orElseThrow();
        } finally {
            lock.unlock();
        }
    }

    /** VoidPayment: the payment stops paying its orders. */
    PutResult voidPayment(JsonNode keys) {
        lock.lock();
        try {
            String key = Values.text(keys, "Type").orElse("Payment") + "/" + Values.text(keys, "ReferenceNbr").orElse("");
            ObjectNode payment = book.get(key).orElseThrow(AcumaticaErrors::noEntity);
            if ("Voided".equals(Values.text(payment, "Status").orElse(""))) {
                new FieldErrors().add(payment, "Status", "The payment is voided already.");
                payment.put("error", "The Void action is not available for a voided payment.");
                return PutResult.rejected(payment);
            }
            return PutResult.stored(book.update(key, p -> {
                Values.set(p, "Status", "Voided");
                Values.set(p, "LastModifiedDateTime", OffsetDateTime.now(clock));
            }).orElseThrow());
        } finally {
            lock.unlock();
        }
    }

    /** What is applied to an order by payments other than {@code exceptPayment}, voided ones aside. */
    BigDecimal appliedTo(String orderType, String orderNbr, String exceptPayment) {
        return book.withStored(payments -> appliedTo(payments, orderType, orderNbr, exceptPayment));
    }

    private static BigDecimal appliedTo(java.util.Collection<ObjectNode> payments, String orderType, String orderNbr,
            String exceptPayment) {
        BigDecimal applied = BigDecimal.ZERO;
        for (ObjectNode payment : payments) {
            if ("Voided".equals(Values.text(payment, "Status").orElse(""))
                    || Values.text(payment, "ReferenceNbr").orElse("").equals(exceptPayment)) {
                continue;
            }
            for (JsonNode row : payment.withArrayProperty("OrdersToApply")) {
                if (orderType.equals(Values.text(row, "OrderType").orElse("")) && orderNbr.equals(Values.text(row, "OrderNbr").orElse(""))) {
                    applied = applied.add(Values.decimal(row, "AppliedToOrder").orElse(BigDecimal.ZERO));
                }
            }
        }
        return applied;
    }

    private void validate(ObjectNode payment, String referenceNbr, FieldErrors errors) {
        if (!TYPES.contains(Values.text(payment, "Type").orElseThrow())) {
            errors.add(payment, "Type", "'Type' is not a customer payment type the sandbox records (Payment, Prepayment).");
        }
        Optional<String> customer = Values.text(payment, "CustomerID");
        if (customer.isEmpty()) {
            errors.add(payment, "CustomerID", "'Customer' cannot be empty.");
        } else if (!customers.exists(customer.get())) {
            errors.add(payment, "CustomerID", "'Customer' cannot be found in the system.");
        }
        Optional<String> method = Values.text(payment, "PaymentMethod");
        if (method.isEmpty() || !PAYMENT_METHODS.contains(method.get())) {
            errors.add(payment, "PaymentMethod", "'Payment Method' cannot be " + (method.isEmpty() ? "empty." : "found in the system."));
        }
        Values.text(payment, "CashAccount").filter(a -> !CASH_ACCOUNTS.contains(a))
                .ifPresent(a -> errors.add(payment, "CashAccount", "'Cash Account' cannot be found in the system."));
        BigDecimal amount = Values.decimal(payment, "PaymentAmount").orElse(BigDecimal.ZERO);
        if (amount.signum() <= 0) {
            errors.add(payment, "PaymentAmount", "'Payment Amount' must be greater than 0.");
        }
        BigDecimal applied = BigDecimal.ZERO;
        for (JsonNode node : payment.withArrayProperty("OrdersToApply")) {
            ObjectNode row = (ObjectNode) node;
            String type = Values.text(row, "OrderType").orElse("");
            String nbr = Values.text(row, "OrderNbr").orElse("");
            Optional<ObjectNode> order = orders.get(type, nbr);
            BigDecimal toApply = Values.decimal(row, "AppliedToOrder").orElse(BigDecimal.ZERO);
            applied = applied.add(toApply);
            if (order.isEmpty()) {
                errors.add(row, "OrderNbr", "'Order Nbr.' cannot be found in the system.");
            } else if (customer.isPresent() && !customer.get().equalsIgnoreCase(Values.text(order.get(), "CustomerID").orElse(""))) {
                errors.add(row, "OrderNbr", "The order belongs to another customer.");
            } else if (toApply.add(appliedTo(type, nbr, referenceNbr))
                    .compareTo(Values.decimal(order.get(), "OrderTotal").orElse(BigDecimal.ZERO)) > 0) {
                errors.add(row, "AppliedToOrder", "The amount applied to the order exceeds its unpaid balance.");
            }
        }
        for (JsonNode node : payment.withArrayProperty("DocumentsToApply")) {
            ObjectNode row = (ObjectNode) node;
            String type = Values.text(row, "DocType").orElse("Invoice");
            String nbr = Values.text(row, "ReferenceNbr").orElse("");
            BigDecimal toApply = Values.decimal(row, "AmountPaid").orElse(BigDecimal.ZERO);
            applied = applied.add(toApply);
            Optional<ObjectNode> invoice = invoices == null ? Optional.empty() : invoices.invoiceRecord(type, nbr);
            boolean counted = referenceNbr != null && invoices != null && invoices.applied(type, nbr, referenceNbr);
            if (invoice.isEmpty()) {
                errors.add(row, "ReferenceNbr", "'Reference Nbr.' cannot be found in the system.");
            } else if (customer.isPresent() && !customer.get().equalsIgnoreCase(Values.text(invoice.get(), "CustomerID").orElse(""))) {
                errors.add(row, "ReferenceNbr", "The document belongs to another customer.");
            } else if (!counted && toApply.compareTo(Values.decimal(invoice.get(), "Balance").orElse(BigDecimal.ZERO)) > 0) {
                errors.add(row, "AmountPaid", "The amount paid exceeds the document's balance.");
            }
        }
        if (applied.compareTo(amount) > 0) {
            errors.add(payment, "PaymentAmount", "The amount applied to orders and documents exceeds the payment amount.");
        }
    }

    private void compute(ObjectNode payment) {
        Values.set(payment, "PaymentAmount", cents(Values.decimal(payment, "PaymentAmount").orElseThrow()));
        boolean hold = Values.isTrue(payment, "Hold");
        Values.set(payment, "Hold", hold);
        String status = Values.text(payment, "Status").orElse("");
        if (!"Voided".equals(status) && !RELEASED.contains(status)) {
            Values.set(payment, "Status", hold ? "On Hold" : "Balanced");
        }
        if (Values.text(payment, "CurrencyID").isEmpty()) {
            Values.set(payment, "CurrencyID", "USD");
        }
        if (Values.text(payment, "ApplicationDate").isEmpty()) {
            Values.set(payment, "ApplicationDate", OffsetDateTime.now(clock));
        }
        totals(payment);
        Values.set(payment, "LastModifiedDateTime", OffsetDateTime.now(clock));
    }

    /** What it applies to orders and to documents, and what is left of it. */
    private static void totals(ObjectNode payment) {
        BigDecimal toOrders = BigDecimal.ZERO;
        for (JsonNode row : payment.withArrayProperty("OrdersToApply")) {
            BigDecimal amount = cents(Values.decimal(row, "AppliedToOrder").orElse(BigDecimal.ZERO));
            Values.set((ObjectNode) row, "AppliedToOrder", amount);
            toOrders = toOrders.add(amount);
        }
        BigDecimal toDocuments = BigDecimal.ZERO;
        for (JsonNode row : payment.path("DocumentsToApply")) {
            BigDecimal amount = cents(Values.decimal(row, "AmountPaid").orElse(BigDecimal.ZERO));
            Values.set((ObjectNode) row, "AmountPaid", amount);
            toDocuments = toDocuments.add(amount);
        }
        Values.set(payment, "AppliedToOrders", toOrders);
        if (payment.has("DocumentsToApply")) {
            Values.set(payment, "AppliedToDocuments", toDocuments);
        }
        Values.set(payment, "AvailableBalance", Values.decimal(payment, "PaymentAmount").orElseThrow()
                .subtract(toOrders).subtract(toDocuments));
    }

    private static String key(JsonNode payment) {
        return Values.text(payment, "Type").orElseThrow() + "/" + Values.text(payment, "ReferenceNbr").orElseThrow();
    }

    private static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
