package com.bcerp.sandbox.visma;

import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.records.EntityBook;
import com.bcerp.sandbox.records.NumberSequence;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Customer credit notes (erp-apis.md §10.1.5): {@code POST /v2/customerCreditNote} ({@code CustomerCreditNoteUpdateDto},
 * 201 + Location; the v1 POST is deprecated), {@code GET /v1/customerCreditNote} (filters {@code customerRefNumber},
 * {@code externalReference}, {@code customer}, {@code status}, {@code documentType}, {@code documentDate},
 * {@code lastModifiedDateTime}, {@code createdDateTime}), {@code GET /v1/customerCreditNote/{creditNoteNumber}} and
 * the {@code release} action. {@code applicationLines} ({@code documentType} Invoice, {@code refNbr},
 * {@code amountPaid}) link the credit note to the original invoice: on release the amount is taken off the invoice's
 * balance. Field names are the customer documents' ({@code customerNumber}, {@code lineNumber},
 * {@code unitPriceInCurrency}), not the sales order's.
 *
 * <p>A line's item must be a non-stock item ("Only a non-stock item can be selected", the file's text for
 * {@code inventoryNumber}); stock returns go through a return order, not modelled. GUESSES: numbers {@code 200001}...
 * (a series of their own); {@code referenceNumber} is used only with {@code overrideNumberSeries: true} and a number
 * in use is refused; {@code customerNumber} is required and the customer must exist; a line's {@code quantity}
 * defaults to 1, its price to 0, its VAT category ({@code vatCodeId}) to the item's, else the zone's default;
 * {@code manualAmountInCurrency} replaces {@code quantity * unitPriceInCurrency - discount}; the VAT is computed as on
 * orders ({@link Vat}) and {@code taxDetails} sent are refused as not modelled; the status is {@code Hold} with
 * {@code hold: true}, else {@code Balanced}; only a Balanced credit note is released, it becomes {@code Open}, or
 * {@code Closed} when its applications use its whole amount; an application must name an invoice of the same customer
 * in the same currency, for no more than the invoice's balance, and the applications together no more than the credit
 * note's amount; at release the invoice must be released (Open).
 */
final class CreditNotes {

    static final String CREATE = "Error creating customer credit note.";

    private final Clock clock;
    private final Customers customers;
    private final Inventory inventory;
    private final Invoices invoices;
    private final Vat vat;
    private final EntityBook<ObjectNode> book;
    private final NumberSequence numbers = NumberSequence.of("2%2$05d");

    CreditNotes(ReentrantLock lock, Clock clock, Customers customers, Inventory inventory, Invoices invoices, Vat vat) {
        this.clock = clock;
        this.customers = customers;
        this.inventory = inventory;
        this.invoices = invoices;
        this.vat = vat;
        this.book = new EntityBook<>(lock, EntityBook.Order.FIRST_WRITTEN, c -> c.path("referenceNumber").asText(),
                ObjectNode::deepCopy);
    }

    Optional<ObjectNode> get(String number) {
        return book.get(number);
    }

    List<ObjectNode> all() {
        return book.list(c -> true);
    }

    /** POST: the new credit note's number. */
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
            public Optional<String> apply(ObjectNode c, Optional<ObjectNode> existing) {
                boolean override = body.bool("overrideNumberSeries").orElse(false);
                Optional<String> number = body.text("referenceNumber").map(String::trim).filter(n -> !n.isEmpty());
                if (override && number.isPresent()) {
                    if (book.contains(number.get())) {
                        throw VismaErrors.refused(CREATE, "'Reference number' " + number.get() + " already exists.");
                    }
                    c.put("referenceNumber", number.get());
                }
                String customerNumber = body.text("customerNumber").orElseThrow(() -> VismaErrors.refused(CREATE,
                        "'Customer' cannot be empty."));
                ObjectNode customer = customers.get(customerNumber).orElseThrow(() -> VismaErrors.refused(CREATE,
                        "'Customer' cannot be found in the system: " + customerNumber + "."));
                if (!body.rows("taxDetails", "TaxDetailUpdateDto").isEmpty()) {
                    throw VismaErrors.refused(CREATE, "taxDetails are not modelled by this sandbox: Visma computes the VAT.");
                }
                Instant now = clock.instant();
                c.put("documentType", "CreditNote");
                boolean hold = body.bool("hold").orElse(false);
                c.put("hold", hold).put("status", hold ? "Hold" : "Balanced");
                c.put("documentDate", body.time("documentDate").map(Wire::time).orElse(Wire.date(now)));
                body.time("origInvoiceDate").ifPresent(t -> c.put("origInvoiceDate", Wire.time(t)));
                String currency = body.text("currencyId").orElse(customer.path("currencyId").asText());
                if (!SalesOrders.RATES.containsKey(currency)) {
                    throw VismaErrors.refused(CREATE, "'Currency' cannot be found in the system: " + currency + ".");
                }
                c.put("currencyId", currency).put("exchangeRate", SalesOrders.RATES.get(currency));
                for (String text : List.of("customerRefNumber", "externalReference", "invoiceText", "note")) {
                    body.text(text).ifPresent(v -> c.put(text, v));
                }
                c.set("customer", Wire.object().put("number", customerNumber).put("name", customer.path("name").asText()));
                String zoneId = body.text("customerVatZoneId").orElse(customer.path("vatZone").path("id").asText());
                Vat.Zone zone = vat.zone(zoneId).orElseThrow(() -> VismaErrors.refused(CREATE,
                        "'VAT zone' cannot be found in the system: " + zoneId + "."));
                c.set("customerVatZone", Wire.idDescription(zone.id(), zone.description()));
                ArrayNode lines = c.putArray("lines");
                for (Wire row : body.rows("lines", "CustomerCreditNoteLineUpdateDto")) {
                    if (!row.plainText("operation").orElse("Insert").equals("Insert")) {
                        throw row.dto().wrong("operation", "Insert (a new credit note has no lines to update)");
                    }
                    lines.add(line(row, zone, lines.size() + 1));
                }
                if (lines.isEmpty()) {
                    throw VismaErrors.refused(CREATE, "The credit note has no lines.");
                }
                totals(c, zone);
                c.set("applications", applications(body, c, customerNumber));
                c.put("createdDateTime", Wire.time(now)).put("lastModifiedDateTime", Wire.time(now));
                return Optional.empty();
            }

            @Override
            public void complete(ObjectNode c, Optional<ObjectNode> existing) {
                if (!c.has("referenceNumber")) {
                    c.put("referenceNumber", book.nextFree(numbers, "", n -> n));
                }
            }

            @Override
            public String stored(ObjectNode copy) {
                return copy.path("referenceNumber").asText();
            }
        });
    }

    private ObjectNode line(Wire row, Vat.Zone zone, int lineNumber) {
        ObjectNode l = Wire.object().put("lineNumber", lineNumber);
        Optional<Inventory.Item> item = row.text("inventoryNumber").map(n -> inventory.item(n).orElseThrow(() ->
                VismaErrors.refused(CREATE, "'Item ID' cannot be found in the system: " + n + ".")));
        if (item.isPresent() && item.get().stockItem) {
            throw VismaErrors.refused(CREATE, "'Item ID' " + item.get().number + " is a stock item: only a non-stock "
                    + "item can be selected.");
        }
        item.ifPresent(i -> l.put("inventoryNumber", i.number).put("description", i.description));
        row.text("description").ifPresent(d -> l.put("description", d));
        BigDecimal qty = row.decimal("quantity").orElse(BigDecimal.ONE);
        BigDecimal price = row.decimal("unitPriceInCurrency").orElse(BigDecimal.ZERO);
        BigDecimal ext = Wire.money(qty.multiply(price));
        BigDecimal percent = row.decimal("discountPercent").orElse(BigDecimal.ZERO);
        BigDecimal discount = row.decimal("discountAmountInCurrency").map(Wire::money)
                .orElse(Wire.money(ext.multiply(percent).divide(new BigDecimal("100"), 2, RoundingMode.HALF_UP)));
        BigDecimal amount = row.decimal("manualAmountInCurrency").map(Wire::money).orElse(ext.subtract(discount));
        if (amount.signum() < 0) {
            throw VismaErrors.refused(CREATE, "The amount of line " + lineNumber + " is negative.");
        }
        String category = row.text("vatCodeId").orElse(item.map(i -> i.vatCategory).orElse(zone.defaultCategory()));
        Vat.Category c = vat.category(category).orElseThrow(() -> VismaErrors.refused(CREATE,
                "'VAT code' cannot be found in the system: " + category + "."));
        l.put("quantity", qty).put("unitPrice", price).put("unitPriceInCurrency", price)
                .put("discountPercent", percent).put("discountAmount", discount).put("discountAmountInCurrency", discount)
                .put("amount", amount).put("amountInCurrency", amount).put("uom", row.text("uom").orElse("PCS"))
                .put("manualDiscount", row.bool("manualDiscount").orElse(false));
        row.decimal("manualAmountInCurrency").ifPresent(m -> l.put("manualAmount", amount).put("manualAmountInCurrency", amount));
        l.set("vatCode", Wire.object().put("id", c.id()).put("description", c.description()));
        row.text("note").ifPresent(n -> l.put("note", n));
        return l;
    }

    private void totals(ObjectNode c, Vat.Zone zone) {
        List<Vat.Line> taxLines = new ArrayList<>();
        BigDecimal detail = BigDecimal.ZERO;
        for (JsonNode l : c.get("lines")) {
            detail = detail.add(l.get("amount").decimalValue());
            taxLines.add(new Vat.Line(l.get("amount").decimalValue(), l.path("vatCode").path("id").asText()));
        }
        Vat.Result tax = vat.compute(zone, taxLines);
        BigDecimal total = Wire.money(detail.add(tax.taxTotal()));
        BigDecimal rate = c.get("exchangeRate").decimalValue();
        c.put("detailTotal", Wire.money(detail.multiply(rate))).put("detailTotalInCurrency", Wire.money(detail))
                .put("vatTotal", Wire.money(tax.taxTotal().multiply(rate))).put("vatTotalInCurrency", tax.taxTotal())
                .put("vatTaxableTotal", tax.taxableTotal()).put("vatExemptTotal", tax.exemptTotal())
                .put("amount", Wire.money(total.multiply(rate))).put("amountInCurrency", total)
                .put("balance", Wire.money(total.multiply(rate))).put("balanceInCurrency", total);
        ArrayNode details = c.putArray("taxDetails");
        for (Vat.Detail d : tax.details()) {
            ObjectNode row = Wire.object().put("taxId", d.vatId()).put("vatRate", d.percent())
                    .put("taxableAmount", d.taxable()).put("vatAmount", d.amount());
            row.set("vatId", Wire.object().put("number", d.vatId()));
            details.add(row);
        }
    }

    private ArrayNode applications(Wire body, ObjectNode c, String customerNumber) {
        ArrayNode applications = Wire.array();
        BigDecimal applied = BigDecimal.ZERO;
        for (Wire row : body.rows("applicationLines", "PaymentLineBaseUpdateDto")) {
            String type = row.text("documentType").orElse("Invoice");
            if (!type.equals("Invoice")) {
                throw VismaErrors.refused(CREATE, "A credit note is applied to an invoice here, not to a " + type + ".");
            }
            String ref = row.text("refNbr").orElseThrow(() -> VismaErrors.refused(CREATE, "'Reference nbr.' cannot be empty."));
            ObjectNode invoice = invoices.get(ref).orElseThrow(() -> VismaErrors.refused(CREATE,
                    "'Reference nbr.' cannot be found in the system: " + ref + "."));
            if (!invoice.path("customer").path("number").asText().equals(customerNumber)
                    || !invoice.path("currencyId").asText().equals(c.path("currencyId").asText())) {
                throw VismaErrors.refused(CREATE, "The invoice " + ref + " is not the customer's " + customerNumber
                        + " in " + c.path("currencyId").asText() + ".");
            }
            BigDecimal amount = row.decimal("amountPaid").map(Wire::money).orElse(c.get("amountInCurrency").decimalValue());
            if (amount.compareTo(invoice.get("balanceInCurrency").decimalValue()) > 0) {
                throw VismaErrors.refused(CREATE, "The amount paid " + amount + " exceeds the balance of the invoice " + ref + ".");
            }
            applied = applied.add(amount);
            applications.add(Wire.object().put("docType", "Invoice").put("customerCD", customerNumber).put("refNbr", ref)
                    .put("amountPaid", amount).put("cashDiscountTaken", BigDecimal.ZERO.setScale(2))
                    .put("balance", invoice.get("balanceInCurrency").decimalValue()).put("released", false)
                    .put("hold", false).put("voided", false).put("status", invoice.path("status").asText()));
        }
        if (applied.compareTo(c.get("amountInCurrency").decimalValue()) > 0) {
            throw VismaErrors.refused(CREATE, "The applications " + applied + " exceed the credit note's amount "
                    + c.get("amountInCurrency").decimalValue() + ".");
        }
        return applications;
    }

    /** The release action: Balanced becomes Open (Closed when fully applied); each application lowers its invoice. */
    void release(String number) {
        ObjectNode c = book.get(number).orElseThrow(() -> VismaErrors.notFound("Credit note " + number + " not found."));
        String status = c.path("status").asText();
        if (!status.equals("Balanced")) {
            throw VismaErrors.message(400, "Error releasing the credit note. The credit note " + number
                    + " has the status " + status + ".");
        }
        for (JsonNode a : c.get("applications")) {
            String ref = a.path("refNbr").asText();
            ObjectNode invoice = invoices.get(ref).orElseThrow();
            if (!invoice.path("status").asText().equals("Open")) {
                throw VismaErrors.message(400, "Error releasing the credit note. The invoice " + ref + " has the status "
                        + invoice.path("status").asText() + " and cannot be adjusted.");
            }
            if (a.get("amountPaid").decimalValue().compareTo(invoice.get("balanceInCurrency").decimalValue()) > 0) {
                throw VismaErrors.message(400, "Error releasing the credit note. The invoice " + ref
                        + " has a balance below the amount applied.");
            }
        }
        for (JsonNode a : c.get("applications")) {
            invoices.apply(a.path("refNbr").asText(), a.get("amountPaid").decimalValue());
        }
        book.update(number, stored -> {
            BigDecimal left = stored.get("balanceInCurrency").decimalValue();
            for (JsonNode a : stored.get("applications")) {
                ObjectNode app = (ObjectNode) a;
                left = left.subtract(app.get("amountPaid").decimalValue());
                app.put("released", true);
                invoices.get(app.path("refNbr").asText()).ifPresent(i -> app
                        .put("balance", i.get("balanceInCurrency").decimalValue()).put("status", i.path("status").asText()));
            }
            BigDecimal rate = stored.get("exchangeRate").decimalValue();
            stored.put("balanceInCurrency", left).put("balance", Wire.money(left.multiply(rate)))
                    .put("status", left.signum() == 0 ? "Closed" : "Open")
                    .put("lastModifiedDateTime", Wire.time(clock.instant()));
        });
    }

    List<ObjectNode> list(HttpRequest request) {
        Predicate<ObjectNode> filter = Listing.<ObjectNode>equalTo(request, "customerRefNumber", c -> c.path("customerRefNumber").asText(null))
                .and(Listing.equalTo(request, "externalReference", c -> c.path("externalReference").asText(null)))
                .and(Listing.equalTo(request, "customer", c -> c.path("customer").path("number").asText()))
                .and(Listing.equalTo(request, "status", c -> c.path("status").asText()))
                .and(Listing.equalTo(request, "documentType", c -> c.path("documentType").asText()))
                .and(Listing.since(request, "documentDate", c -> Wire.parseTime(c.path("documentDate").asText())))
                .and(Listing.since(request, "lastModifiedDateTime", c -> Wire.parseTime(c.path("lastModifiedDateTime").asText())))
                .and(Listing.since(request, "createdDateTime", c -> Wire.parseTime(c.path("createdDateTime").asText())));
        return book.list(filter).stream().sorted(Comparator.comparing(c -> c.path("referenceNumber").asText())).toList();
    }
}
