package com.bcerp.sandbox.visma;

import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.records.EntityBook;
import com.bcerp.sandbox.records.NumberSequence;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Customer payments (erp-apis.md §10.1.5): {@code POST /v1/customerPayment} ({@code PaymentUpdateDto}, 201 +
 * Location), {@code GET /v1/customerPayment} (filters {@code paymentNbr}, {@code paymentType}, {@code customer},
 * {@code invoiceRefNbr}, {@code status}, {@code docDate}, {@code financialPeriod}, {@code lastModifiedDateTime}),
 * {@code GET /v1/customerPayment/{paymentNumber}}, {@code release} (body {@code ReleasePaymentActionDto}
 * {@code {"type": {"value": "Payment"}}}, wrapped) and {@code void} (body {@code VoidPaymentActionDto}
 * {@code {"type": "Payment"}}, plain). {@code ordersToApply} reserves the payment for sales orders
 * ({@code appliedToOrder}); {@code paymentLines} apply it to invoices. The read DTO names the number {@code refNbr},
 * the write DTO {@code referenceNumber}.
 *
 * <p>GUESSES: only {@code type} Payment is modelled (the default), others are refused; {@code customer},
 * {@code cashAccount} and {@code applicationDate} are required (the file's "Mandatory" marks), {@code paymentAmount}
 * must be above 0; cash accounts {@code 1920} and {@code 1900}, payment methods {@code BANK} and {@code CARD};
 * numbers {@code 300001}...; {@code referenceNumber} only with {@code overrideNumberSeries: true}, a number in use
 * refused; the financial period is the application date's {@code YYYYMM}; an order application must name an order of
 * the same customer and currency that is not Cancelled, for no more than its total less what other payments reserved;
 * the applications together no more than the payment's amount; {@code Balanced} ({@code Hold} with {@code hold:
 * true}) until released; at release the invoice lines lower their invoices' balances, and so do the order
 * applications of orders whose invoice is released (Acumatica transfers an order's payment to its invoice,
 * {@code transferredToInvoice}; an invoice released later gets it at its release); the payment is then {@code Open}
 * while some amount is unapplied, else {@code Closed}; void (released payments only) gives every applied amount back
 * and the payment is {@code Voided}; {@code returnVoidPayment} is ignored (no void document is made).
 */
final class Payments {

    static final String CREATE = "Error creating customer payment.";
    static final Set<String> CASH_ACCOUNTS = Set.of("1920", "1900");
    static final Map<String, String> METHODS = Map.of("BANK", "Bank transfer", "CARD", "Card payment");

    private final Clock clock;
    private final Customers customers;
    private final SalesOrders orders;
    private final Invoices invoices;
    private final EntityBook<ObjectNode> book;
    private final NumberSequence numbers = NumberSequence.of("3%2$05d");

    Payments(ReentrantLock lock, Clock clock, Customers customers, SalesOrders orders, Invoices invoices) {
        this.clock = clock;
        this.customers = customers;
        this.orders = orders;
        this.invoices = invoices;
        this.book = new EntityBook<>(lock, EntityBook.Order.FIRST_WRITTEN, p -> p.path("refNbr").asText(), ObjectNode::deepCopy);
    }

    Optional<ObjectNode> get(String number) {
        return book.get(number);
    }

    /** POST: the new payment's number. */
    String create(Wire body) {
        return book.upsert(new EntityBook.Upsert<ObjectNode, String>() {
            @Override
            public Optional<ObjectNode> find(EntityBook<ObjectNode> b) {
                return Optional.empty();
            }

            @Override
            public ObjectNode blank() {
                return Wire.object();
            }

            @Override
            public Optional<String> apply(ObjectNode p, Optional<ObjectNode> existing) {
                String type = body.text("type").orElse("Payment");
                if (!type.equals("Payment")) {
                    throw VismaErrors.refused(CREATE, "Only the type Payment is modelled by this sandbox, not " + type + ".");
                }
                Optional<String> number = body.text("referenceNumber").map(String::trim).filter(n -> !n.isEmpty());
                if (body.bool("overrideNumberSeries").orElse(false) && number.isPresent()) {
                    if (book.contains(number.get())) {
                        throw VismaErrors.refused(CREATE, "'Reference nbr.' " + number.get() + " already exists.");
                    }
                    p.put("refNbr", number.get());
                }
                String customerNumber = body.text("customer").orElseThrow(() -> VismaErrors.refused(CREATE,
                        "'Customer' cannot be empty."));
                ObjectNode customer = customers.get(customerNumber).orElseThrow(() -> VismaErrors.refused(CREATE,
                        "'Customer' cannot be found in the system: " + customerNumber + "."));
                String cash = body.text("cashAccount").orElseThrow(() -> VismaErrors.refused(CREATE,
                        "'Cash account' cannot be empty."));
                if (!CASH_ACCOUNTS.contains(cash)) {
                    throw VismaErrors.refused(CREATE, "'Cash account' cannot be found in the system: " + cash + ".");
                }
                Instant date = body.time("applicationDate").orElseThrow(() -> VismaErrors.refused(CREATE,
                        "'Date' cannot be empty."));
                BigDecimal amount = body.decimal("paymentAmount").map(Wire::money).orElse(BigDecimal.ZERO.setScale(2));
                if (amount.signum() <= 0) {
                    throw VismaErrors.refused(CREATE, "'Payment amount' must be greater than 0.");
                }
                String currency = body.text("currency").orElse(customer.path("currencyId").asText());
                if (!SalesOrders.RATES.containsKey(currency)) {
                    throw VismaErrors.refused(CREATE, "'Currency' cannot be found in the system: " + currency + ".");
                }
                boolean hold = body.bool("hold").orElse(false);
                String period = date.atZone(ZoneOffset.UTC).getYear() + String.format("%02d", date.atZone(ZoneOffset.UTC).getMonthValue());
                p.put("type", "Payment").put("status", hold ? "Hold" : "Balanced").put("hold", hold)
                        .put("applicationDate", Wire.time(date)).put("applicationPeriod", period)
                        .put("cashAccount", cash).put("currency", currency).put("paymentAmount", amount);
                body.text("paymentRef").ifPresent(v -> p.put("paymentRef", v));
                body.text("invoiceText").ifPresent(v -> p.put("invoiceText", v));
                body.text("paymentMethod").ifPresent(m -> {
                    if (!METHODS.containsKey(m)) {
                        throw VismaErrors.refused(CREATE, "'Payment method' cannot be found in the system: " + m + ".");
                    }
                    p.set("paymentMethod", Wire.idDescription(m, METHODS.get(m)));
                });
                p.set("customer", Wire.object().put("number", customerNumber).put("name", customer.path("name").asText()));
                BigDecimal toOrders = ordersToApply(body, p, customerNumber, currency);
                BigDecimal toDocuments = paymentLines(body, p, customerNumber, currency);
                if (toOrders.add(toDocuments).compareTo(amount) > 0) {
                    throw VismaErrors.refused(CREATE, "The amounts applied (" + toOrders.add(toDocuments)
                            + ") exceed the payment amount " + amount + ".");
                }
                p.put("appliedToOrders", toOrders).put("appliedToDocuments", toDocuments)
                        .put("availableBalance", amount.subtract(toOrders).subtract(toDocuments))
                        .put("writeOffAmount", BigDecimal.ZERO.setScale(2));
                BigDecimal rate = SalesOrders.RATES.get(currency);
                p.put("paymentAmountInCurrency", Wire.money(amount.multiply(rate)))
                        .put("availableBalanceInCurrency", Wire.money(p.get("availableBalance").decimalValue().multiply(rate)));
                p.put("lastModifiedDateTime", Wire.time(clock.instant()));
                return Optional.empty();
            }

            @Override
            public void complete(ObjectNode p, Optional<ObjectNode> existing) {
                if (!p.has("refNbr")) {
                    p.put("refNbr", book.nextFree(numbers, "", n -> n));
                }
            }

            @Override
            public String stored(ObjectNode copy) {
                return copy.path("refNbr").asText();
            }
        });
    }

    private BigDecimal ordersToApply(Wire body, ObjectNode p, String customerNumber, String currency) {
        ArrayNode rows = p.putArray("ordersToApply");
        BigDecimal total = BigDecimal.ZERO;
        for (Wire row : body.rows("ordersToApply", "PaymentOrdersLinesUpdateDto")) {
            String type = row.text("orderType").orElse("SO");
            String nbr = row.text("orderNumber").orElseThrow(() -> VismaErrors.refused(CREATE, "'Order nbr.' cannot be empty."));
            ObjectNode order = orders.get(type, nbr).orElseThrow(() -> VismaErrors.refused(CREATE,
                    "'Order nbr.' cannot be found in the system: " + type + " " + nbr + "."));
            if (!order.path("customer").path("number").asText().equals(customerNumber)
                    || !order.path("currency").asText().equals(currency) || order.path("status").asText().equals("Cancelled")) {
                throw VismaErrors.refused(CREATE, "The order " + type + " " + nbr + " cannot take a payment of the customer "
                        + customerNumber + " in " + currency + ".");
            }
            BigDecimal applied = row.decimal("appliedToOrder").map(Wire::money).orElseThrow(() -> VismaErrors.refused(CREATE,
                    "'Applied to order' cannot be empty."));
            BigDecimal open = order.get("orderTotal").decimalValue().subtract(reservedFor(type, nbr));
            if (applied.signum() <= 0 || applied.compareTo(open) > 0) {
                throw VismaErrors.refused(CREATE, "'Applied to order' " + applied + " must be above 0 and at most the "
                        + "order's unpaid " + open + ".");
            }
            total = total.add(applied);
            ObjectNode line = rows.addObject().put("orderType", type).put("orderNo", nbr)
                    .put("status", order.path("status").asText()).put("appliedToOrder", applied)
                    .put("transferredToInvoice", BigDecimal.ZERO.setScale(2)).put("date", order.path("date").asText())
                    .put("balance", open.subtract(applied)).put("orderTotal", order.get("orderTotal").decimalValue())
                    .put("currency", currency);
            if (order.hasNonNull("description")) {
                line.put("description", order.path("description").asText());
            }
        }
        return total;
    }

    /** What payments not voided reserve for an order. */
    private BigDecimal reservedFor(String type, String nbr) {
        BigDecimal sum = BigDecimal.ZERO;
        for (ObjectNode p : book.list(x -> !x.path("status").asText().equals("Voided"))) {
            for (JsonNode o : p.get("ordersToApply")) {
                if (o.path("orderType").asText().equals(type) && o.path("orderNo").asText().equals(nbr)) {
                    sum = sum.add(o.get("appliedToOrder").decimalValue());
                }
            }
        }
        return sum;
    }

    private BigDecimal paymentLines(Wire body, ObjectNode p, String customerNumber, String currency) {
        ArrayNode rows = p.putArray("paymentLines");
        BigDecimal total = BigDecimal.ZERO;
        for (Wire row : body.rows("paymentLines", "PaymentLinesUpdateDto")) {
            String type = row.text("documentType").orElse("Invoice");
            if (!type.equals("Invoice")) {
                throw VismaErrors.refused(CREATE, "A payment is applied to an invoice here, not to a " + type + ".");
            }
            String ref = row.text("refNbr").orElseThrow(() -> VismaErrors.refused(CREATE, "'Reference nbr.' cannot be empty."));
            ObjectNode invoice = invoices.get(ref).orElseThrow(() -> VismaErrors.refused(CREATE,
                    "'Reference nbr.' cannot be found in the system: " + ref + "."));
            if (!invoice.path("customer").path("number").asText().equals(customerNumber)
                    || !invoice.path("currencyId").asText().equals(currency)) {
                throw VismaErrors.refused(CREATE, "The invoice " + ref + " is not the customer's " + customerNumber
                        + " in " + currency + ".");
            }
            BigDecimal amount = row.decimal("amountPaid").map(Wire::money).orElse(invoice.get("balanceInCurrency").decimalValue());
            if (amount.signum() <= 0 || amount.compareTo(invoice.get("balanceInCurrency").decimalValue()) > 0) {
                throw VismaErrors.refused(CREATE, "'Amount paid' " + amount + " must be above 0 and at most the balance of "
                        + "the invoice " + ref + ".");
            }
            total = total.add(amount);
            rows.addObject().put("documentType", "Invoice").put("refNbr", ref).put("amountPaid", amount)
                    .put("cashDiscountTaken", BigDecimal.ZERO.setScale(2)).put("balanceWriteOff", BigDecimal.ZERO.setScale(2))
                    .put("date", invoice.path("documentDate").asText()).put("dueDate", invoice.path("documentDueDate").asText())
                    .put("balance", invoice.get("balanceInCurrency").decimalValue()).put("currency", currency);
        }
        return total;
    }

    /** The release action ({@code type} must be the payment's): the invoice lines are applied. */
    void release(String number, String type) {
        ObjectNode p = book.get(number).orElseThrow(() -> VismaErrors.notFound("Payment " + number + " not found."));
        if (!type.equals(p.path("type").asText())) {
            throw VismaErrors.notFound("Payment " + type + " " + number + " not found.");
        }
        if (!p.path("status").asText().equals("Balanced")) {
            throw VismaErrors.message(400, "Error releasing the payment. The payment " + number + " has the status "
                    + p.path("status").asText() + ".");
        }
        for (JsonNode l : p.get("paymentLines")) {
            ObjectNode invoice = invoices.get(l.path("refNbr").asText()).orElseThrow();
            if (!invoice.path("status").asText().equals("Open")
                    || l.get("amountPaid").decimalValue().compareTo(invoice.get("balanceInCurrency").decimalValue()) > 0) {
                throw VismaErrors.message(400, "Error releasing the payment. The invoice " + l.path("refNbr").asText()
                        + " cannot take " + l.get("amountPaid").decimalValue() + ".");
            }
        }
        p.get("paymentLines").forEach(l -> invoices.apply(l.path("refNbr").asText(), l.get("amountPaid").decimalValue()));
        update(number, stored -> stored.put("status", stored.get("availableBalance").decimalValue().signum() == 0 ? "Closed" : "Open"));
        for (JsonNode o : p.get("ordersToApply")) {
            orders.get(o.path("orderType").asText(), o.path("orderNo").asText()).filter(x -> x.hasNonNull("invoiceNbr"))
                    .ifPresent(x -> transfer(x.path("orderType").asText(), x.path("orderNo").asText(), x.path("invoiceNbr").asText()));
        }
    }

    /**
     * An invoice made from an order: what released payments reserved for the order and did not yet transfer is
     * applied to the invoice, as far as its balance goes.
     */
    void transfer(String orderType, String orderNbr, String invoiceNbr) {
        for (ObjectNode p : book.list(x -> Set.of("Open", "Closed").contains(x.path("status").asText()))) {
            update(p.path("refNbr").asText(), stored -> {
                for (JsonNode o : stored.get("ordersToApply")) {
                    if (!o.path("orderType").asText().equals(orderType) || !o.path("orderNo").asText().equals(orderNbr)) {
                        continue;
                    }
                    BigDecimal left = o.get("appliedToOrder").decimalValue().subtract(o.get("transferredToInvoice").decimalValue());
                    BigDecimal balance = invoices.get(invoiceNbr).orElseThrow().get("balanceInCurrency").decimalValue();
                    BigDecimal amount = left.min(balance);
                    if (amount.signum() > 0 && invoices.get(invoiceNbr).orElseThrow().path("status").asText().equals("Open")) {
                        invoices.apply(invoiceNbr, amount);
                        ((ObjectNode) o).put("transferredToInvoice", o.get("transferredToInvoice").decimalValue().add(amount))
                                .put("invoiceNbr", invoiceNbr);
                    }
                }
            });
        }
    }

    /** The void action: a released payment gives back what it applied and becomes Voided. */
    void voidPayment(String number, String type) {
        ObjectNode p = book.get(number).orElseThrow(() -> VismaErrors.notFound("Payment " + number + " not found."));
        if (!type.equals(p.path("type").asText())) {
            throw VismaErrors.notFound("Payment " + type + " " + number + " not found.");
        }
        if (!Set.of("Open", "Closed").contains(p.path("status").asText())) {
            throw VismaErrors.message(400, "Error voiding the payment. The payment " + number + " has the status "
                    + p.path("status").asText() + "; only a released payment can be voided.");
        }
        p.get("paymentLines").forEach(l -> invoices.apply(l.path("refNbr").asText(), l.get("amountPaid").decimalValue().negate()));
        for (JsonNode o : p.get("ordersToApply")) {
            if (o.hasNonNull("invoiceNbr")) {
                invoices.apply(o.path("invoiceNbr").asText(), o.get("transferredToInvoice").decimalValue().negate());
            }
        }
        update(number, stored -> stored.put("status", "Voided"));
    }

    private void update(String number, java.util.function.Consumer<ObjectNode> change) {
        book.update(number, stored -> {
            change.accept(stored);
            stored.put("lastModifiedDateTime", Wire.time(clock.instant()));
        });
    }

    /**
     * Whether the payment is applied to the invoice: on an invoice line, or reserved for its order and transferred to
     * it at its release (GUESS: {@code invoiceRefNbr} finds both, as both are applications of the payment to the
     * invoice on Visma's screens; the filter's text says only "Enter Invoice Ref Nbr").
     */
    private static boolean appliesTo(JsonNode p, String invoice) {
        for (JsonNode l : p.get("paymentLines")) {
            if (l.path("refNbr").asText().equals(invoice)) {
                return true;
            }
        }
        for (JsonNode o : p.get("ordersToApply")) {
            if (o.path("invoiceNbr").asText().equals(invoice)) {
                return true;
            }
        }
        return false;
    }

    List<ObjectNode> list(HttpRequest request) {
        Optional<String> invoice = request.queryParam("invoiceRefNbr").filter(v -> !v.isEmpty());
        Predicate<ObjectNode> filter = Listing.<ObjectNode>equalTo(request, "paymentNbr", p -> p.path("refNbr").asText())
                .and(Listing.equalTo(request, "paymentType", p -> p.path("type").asText()))
                .and(Listing.equalTo(request, "customer", p -> p.path("customer").path("number").asText()))
                .and(Listing.equalTo(request, "status", p -> p.path("status").asText()))
                .and(Listing.equalTo(request, "financialPeriod", p -> p.path("applicationPeriod").asText()))
                .and(p -> invoice.map(i -> appliesTo(p, i)).orElse(true))
                .and(Listing.since(request, "docDate", p -> Wire.parseTime(p.path("applicationDate").asText())))
                .and(Listing.since(request, "lastModifiedDateTime", p -> Wire.parseTime(p.path("lastModifiedDateTime").asText())));
        return book.list(filter).stream().sorted(Comparator.comparing(p -> p.path("refNbr").asText())).toList();
    }
}
