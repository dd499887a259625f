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
 * Customer invoices made by {@code POST /v2/salesorder/{orderType}/{orderNumber}/action/prepareInvoice} (204, [V-SPEC])
 * and read by {@code GET /v1/customerinvoice} (filters {@code customerRefNumber}, {@code externalReference},
 * {@code customer}, {@code status}, {@code documentType}, {@code lastModifiedDateTime}) and
 * {@code GET /v1/customerinvoice/{invoiceNumber}}; {@code .../action/release} opens them. Invoice numbers go back to
 * the order ({@code invoiceNbr}, {@code invoiceDate}, lines' and shipments' {@code invoiceNbr}).
 *
 * <p>GUESSES (life cycle UNCONFIRMED, §10.1.4): an invoice takes every confirmed shipment not yet invoiced, and on
 * the order's first invoice every non-stock line; discounts are shared in proportion to the quantity shipped; the
 * invoice's {@code customerRefNumber} is the order's {@code customerRefNo} (both are "External reference" in the
 * file's texts); it is {@code Balanced} until released, then {@code Open}; numbers {@code 100001}...; the order is
 * {@code Invoiced} once it is {@code Completed} and every line is invoiced; release is done at once
 * ({@code actionResult: Done}).
 */
final class Invoices {

    private final Clock clock;
    private final SalesOrders orders;
    private final Shipments shipments;
    private final Inventory inventory;
    private final Vat vat;
    private final EntityBook<ObjectNode> book;
    private final NumberSequence numbers = NumberSequence.of("1%2$05d");

    Invoices(ReentrantLock lock, Clock clock, SalesOrders orders, Shipments shipments, Inventory inventory, Vat vat) {
        this.clock = clock;
        this.orders = orders;
        this.shipments = shipments;
        this.inventory = inventory;
        this.vat = vat;
        this.book = new EntityBook<>(lock, EntityBook.Order.FIRST_WRITTEN, i -> i.path("referenceNumber").asText(),
                ObjectNode::deepCopy);
    }

    Optional<ObjectNode> get(String number) {
        return book.get(number);
    }

    List<ObjectNode> all() {
        return book.list(i -> true);
    }

    /** prepareInvoice: the new invoice's number. */
    String prepare(String orderType, String orderNbr) {
        String headline = "Error preparing invoice.";
        ObjectNode order = orders.get(orderType, orderNbr).orElseThrow(() -> VismaErrors.notFound("Sales order "
                + orderType + " " + orderNbr + " not found."));
        if (List.of("Cancelled", "Hold", "Invoiced").contains(order.path("status").asText())) {
            throw VismaErrors.refused(headline, "The order " + orderNbr + " has the status "
                    + order.path("status").asText() + " and cannot be invoiced.");
        }
        List<String> shipped = new ArrayList<>();
        List<ObjectNode> lines = new ArrayList<>();
        for (JsonNode sh : order.get("shipments")) {
            ObjectNode shipment = shipments.get(sh.path("shipmentNo").asText()).orElseThrow();
            if (!shipment.path("status").asText().equals("Confirmed")) {
                continue;
            }
            shipped.add(shipment.path("shipmentNumber").asText());
            for (JsonNode d : shipment.get("shipmentDetailLines")) {
                JsonNode line = orderLine(order, d.path("orderLineNbr").asInt());
                lines.add(invoiceLine(line, d.get("shippedQty").decimalValue(), shipment.path("shipmentNumber").asText(), order));
            }
        }
        boolean first = order.path("invoiceNbr").isMissingNode() || order.path("invoiceNbr").isNull();
        List<Integer> nonStock = new ArrayList<>();
        if (first) {
            for (JsonNode l : order.get("lines")) {
                if (!inventory.item(l.path("inventory").path("number").asText()).map(i -> i.stockItem).orElse(true)) {
                    lines.add(invoiceLine(l, l.get("quantity").decimalValue(), null, order));
                    nonStock.add(l.path("lineNbr").asInt());
                }
            }
        }
        if (lines.isEmpty()) {
            throw VismaErrors.refused(headline, "The order " + orderNbr + " has no confirmed shipment to invoice.");
        }
        Instant now = clock.instant();
        String number = book.nextFree(numbers, "", n -> n);
        ObjectNode invoice = render(number, order, lines, now);
        book.insert(invoice);
        shipments.invoiced(shipped, number);
        orders.change(orderType, orderNbr, o -> {
            o.put("invoiceNbr", number).put("invoiceDate", Wire.date(now));
            for (JsonNode l : o.get("lines")) {
                ObjectNode line = (ObjectNode) l;
                boolean shippedAll = line.get("qtyOnShipments").decimalValue().compareTo(line.get("quantity").decimalValue()) >= 0;
                if (nonStock.contains(line.path("lineNbr").asInt()) || shippedAll && !line.hasNonNull("invoiceNbr")
                        && allInvoiced(o, line.path("lineNbr").asInt(), shipped)) {
                    line.put("invoiceNbr", number).put("completed", true);
                }
            }
            for (JsonNode sh : o.get("shipments")) {
                if (shipped.contains(sh.path("shipmentNo").asText())) {
                    ((ObjectNode) sh).put("invoiceType", "Invoice").put("invoiceNo", number);
                }
            }
            boolean everything = true;
            for (JsonNode l : o.get("lines")) {
                everything &= l.hasNonNull("invoiceNbr");
            }
            if (o.path("status").asText().equals("Completed") && everything) {
                o.put("status", "Invoiced");
            }
        });
        return number;
    }

    /** Whether every shipment carrying the line is confirmed and invoiced (now or by {@code invoicing}). */
    private boolean allInvoiced(ObjectNode order, int lineNbr, List<String> invoicing) {
        for (JsonNode sh : order.get("shipments")) {
            ObjectNode shipment = shipments.get(sh.path("shipmentNo").asText()).orElseThrow();
            boolean carries = false;
            for (JsonNode d : shipment.get("shipmentDetailLines")) {
                carries |= d.path("orderLineNbr").asInt() == lineNbr;
            }
            if (carries && !invoicing.contains(shipment.path("shipmentNumber").asText())
                    && !shipment.path("status").asText().equals("Invoiced")) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode orderLine(ObjectNode order, int lineNbr) {
        for (JsonNode l : order.get("lines")) {
            if (l.path("lineNbr").asInt() == lineNbr) {
                return l;
            }
        }
        throw new IllegalStateException("no line " + lineNbr);
    }

    private ObjectNode invoiceLine(JsonNode line, BigDecimal qty, String shipmentNbr, JsonNode order) {
        BigDecimal price = line.get("unitPrice").decimalValue();
        BigDecimal ordered = line.get("quantity").decimalValue();
        BigDecimal discount = line.get("discountAmount").decimalValue().multiply(qty).divide(ordered, 2, RoundingMode.HALF_UP);
        BigDecimal amount = Wire.money(qty.multiply(price)).subtract(discount);
        ObjectNode l = Wire.object().put("lineType", shipmentNbr == null ? "N" : "GI")
                .put("inventoryNumber", line.path("inventory").path("number").asText())
                .put("description", line.path("lineDescription").asText()).put("quantity", qty).put("unitPrice", price)
                .put("unitPriceInCurrency", price).put("amount", amount).put("amountInCurrency", amount)
                .put("uom", line.path("uom").asText()).put("discountPercent", line.get("discountPercent").decimalValue())
                .put("discountAmount", discount).put("discountAmountInCurrency", discount)
                .put("manualDiscount", line.path("manualDiscount").asBoolean())
                .put("soOrderType", order.path("orderType").asText()).put("soOrderNbr", order.path("orderNo").asText());
        if (shipmentNbr != null) {
            l.put("soShipmentNbr", shipmentNbr);
        }
        String category = line.path("taxCategory").asText();
        vat.category(category).ifPresent(c -> l.set("vatCode", Wire.idDescription(c.id(), c.description())));
        return l;
    }

    private ObjectNode render(String number, JsonNode order, List<ObjectNode> lines, Instant now) {
        Vat.Zone zone = vat.zone(order.path("customerVATZone").path("id").asText()).orElseThrow();
        List<Vat.Line> taxLines = new ArrayList<>();
        BigDecimal detail = BigDecimal.ZERO;
        ArrayNode rows = Wire.array();
        for (ObjectNode l : lines) {
            l.put("lineNumber", rows.size() + 1);
            rows.add(l);
            detail = detail.add(l.get("amount").decimalValue());
            taxLines.add(new Vat.Line(l.get("amount").decimalValue(), l.path("vatCode").path("id").asText(null)));
        }
        Vat.Result tax = vat.compute(zone, taxLines);
        BigDecimal total = Wire.money(detail.add(tax.taxTotal()));
        BigDecimal rate = SalesOrders.RATES.get(order.path("currency").asText());
        ObjectNode i = Wire.object().put("documentType", "Invoice").put("referenceNumber", number)
                .put("status", "Balanced").put("hold", false).put("documentDate", Wire.date(now))
                .put("documentDueDate", Wire.date(now.plus(java.time.Duration.ofDays(30))))
                .put("currencyId", order.path("currency").asText()).put("exchangeRate", rate)
                .put("amount", Wire.money(total.multiply(rate))).put("amountInCurrency", total)
                .put("balance", Wire.money(total.multiply(rate))).put("balanceInCurrency", total)
                .put("detailTotal", Wire.money(detail.multiply(rate))).put("detailTotalInCurrency", Wire.money(detail))
                .put("vatTotal", Wire.money(tax.taxTotal().multiply(rate))).put("vatTotalInCurrency", tax.taxTotal())
                .put("vatTaxableTotal", tax.taxableTotal()).put("vatExemptTotal", tax.exemptTotal())
                .put("discountTotal", 0).put("invoiceText", order.path("description").asText(""))
                .put("createdDateTime", Wire.time(now)).put("lastModifiedDateTime", Wire.time(now));
        if (order.hasNonNull("customerRefNo")) {
            i.put("customerRefNumber", order.path("customerRefNo").asText());
        }
        i.set("customer", Wire.object().put("number", order.path("customer").path("number").asText())
                .put("name", order.path("customer").path("name").asText()));
        i.set("customerVatZone", Wire.idDescription(zone.id(), zone.description()));
        i.set("invoiceLines", rows);
        ArrayNode details = i.putArray("taxDetails");
        for (Vat.Detail d : tax.details()) {
            ObjectNode row = Wire.object().put("taxId", d.vatId()).put("vatRate", d.percent())
                    .put("taxableAmount", d.taxable()).put("vatAmount", d.amount());
            row.set("vatId", Wire.object().put("number", d.vatId()));
            details.add(row);
        }
        return i;
    }

    /** The release action: Balanced becomes Open. */
    void release(String number) {
        String[] was = new String[1];
        book.update(number, i -> {
            was[0] = i.path("status").asText();
            if (was[0].equals("Balanced")) {
                i.put("status", "Open").put("lastModifiedDateTime", Wire.time(clock.instant()));
            }
        }).orElseThrow(() -> VismaErrors.notFound("Invoice " + number + " not found."));
        if (!was[0].equals("Balanced")) {
            throw VismaErrors.message(400, "Error releasing the invoice. The invoice " + number + " has the status " + was[0] + ".");
        }
    }

    /** Applies a payment or credit (a negative amount gives it back): the balance falls, Closed at zero. */
    void apply(String number, BigDecimal amountInCurrency) {
        book.update(number, i -> {
            BigDecimal balance = i.get("balanceInCurrency").decimalValue().subtract(amountInCurrency);
            BigDecimal rate = i.get("exchangeRate").decimalValue();
            i.put("balanceInCurrency", balance).put("balance", Wire.money(balance.multiply(rate)))
                    .put("status", balance.signum() == 0 ? "Closed" : "Open")
                    .put("lastModifiedDateTime", Wire.time(clock.instant()));
        });
    }

    List<ObjectNode> list(HttpRequest request) {
        Predicate<ObjectNode> filter = Listing.<ObjectNode>equalTo(request, "customerRefNumber", i -> i.path("customerRefNumber").asText(null))
                .and(Listing.equalTo(request, "externalReference", i -> i.path("externalReference").asText(null)))
                .and(Listing.equalTo(request, "customer", i -> i.path("customer").path("number").asText()))
                .and(Listing.equalTo(request, "status", i -> i.path("status").asText()))
                .and(Listing.equalTo(request, "documentType", i -> i.path("documentType").asText()))
                .and(Listing.since(request, "lastModifiedDateTime", i -> Wire.parseTime(i.path("lastModifiedDateTime").asText())))
                .and(Listing.since(request, "createdDateTime", i -> Wire.parseTime(i.path("createdDateTime").asText())));
        return book.list(filter).stream().sorted(Comparator.comparing(i -> i.path("referenceNumber").asText())).toList();
    }
}
