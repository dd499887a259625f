package com.bcerp.uniconta;

import static com.bcerp.uniconta.UnicontaCustomers.text;
import static com.bcerp.uniconta.UnicontaOrders.decimal;

import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.fulfilment.BackOfficeInvoice;
import com.bcerp.core.fulfilment.BackOfficeOrder;
import com.bcerp.core.fulfilment.BackOfficeShipment;
import com.bcerp.core.fulfilment.ShippedLine;
import com.bcerp.core.port.FulfilmentSource;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fulfilment from Uniconta's orders and posted invoices: Uniconta has no shipment document on the API (pack notes are
 * not in the research), so each invoice ({@code DebtorInvoiceClient} by {@code OrderNumber}, with its
 * {@code DebtorInvoiceLines}) is a shipment of what it invoiced, shipped, with the tracking number the merchant's flow
 * writes to a user field of the invoice and the invoice's {@code Shipment} as the carrier. Orders Uniconta deleted
 * after invoicing are read from their invoices alone. Pack notes without an invoice ({@code QtyDelivered} only)
 * show in the order's state, not as shipments.
 *
 * <p>Payments, read only when the merchant brings them back ({@code fulfilment.paid_status}; one query per 40
 * invoices of the orders read, and one feed more): the customers' ledger ({@code DebtorTransClient} by
 * {@code Invoice}) holds each invoice's open item ({@code PostType} Invoice), paid when its {@code AmountOpen} is 0,
 * and the payments that settled it ({@code PostType} Payment: {@code Voucher}, {@code Text} as the payer's
 * reference). A payment changes only the ledger, so payments posted on or after the cursor's day bring the orders of
 * the invoices they settled too. (The ledger's field and post-type names are Uniconta's own screens'; that the
 * OData feed serves them so is a guess, as the sandbox's README says.)
 */
final class UnicontaFulfilment implements FulfilmentSource {

    private static final String INVOICE_LINES = "DebtorInvoiceLines";
    private static final int IDS_PER_QUERY = 40;

    private final UnicontaSettings settings;
    private final UnicontaApi api;
    private final UnicontaOrders orders;
    private static final String LEDGER = "DebtorTransClient";

    private final UnicontaItems items;
    private final boolean readPayments;

    /** @param readPayments read each invoice's open amount and payments (and the feed of posted payments) */
    UnicontaFulfilment(UnicontaSettings settings, UnicontaApi api, UnicontaOrders orders, UnicontaItems items,
            boolean readPayments) {
        this.settings = settings;
        this.api = api;
        this.orders = orders;
        this.items = items;
        this.readPayments = readPayments;
    }

    @Override
    public String name() {
        return "Uniconta";
    }

    /**
     * Orders of the prefix changed after {@code since} (their UpdatedAt), orders with a line changed after it (a pack
     * note), and orders invoiced on or after its day (invoices carry a date only).
     */
    @Override
    public List<BackOfficeOrder> changedSince(String externalRefPrefix, Instant since) {
        String field = settings.externalRefField();
        String range = field + " ge " + UnicontaApi.literal(externalRefPrefix) + " and " + field + " lt "
                + UnicontaApi.literal(after(externalRefPrefix));
        String time = "datetime'" + LocalDateTime.ofInstant(since, settings.zone()).truncatedTo(ChronoUnit.SECONDS) + "'";
        String day = "datetime'" + LocalDate.ofInstant(since, settings.zone()).atStartOfDay() + "'";
        Set<String> ids = new LinkedHashSet<>();
        api.odata("DebtorOrderClient", UnicontaApi.filter(range + " and UpdatedAt gt " + time), "changed orders")
                .forEach(o -> ids.add(o.path("OrderNumber").asText()));
        api.odata("DebtorOrderLineClient", UnicontaApi.filter("UpdatedAt gt " + time), "changed order lines")
                .forEach(l -> ids.add(l.path("OrderNumber").asText()));
        api.odata("DebtorInvoiceClient", UnicontaApi.filter(range + " and Date ge " + day), "new invoices")
                .forEach(i -> ids.add(i.path("OrderNumber").asText()));
        if (readPayments) {
            ids.addAll(ordersOfPaidInvoices(day));
        }
        return orders(ids).stream().filter(o -> o.externalRef() != null && o.externalRef().startsWith(externalRefPrefix))
                .toList();
    }

    /** The orders of the invoices that payments posted on or after the day settled (the ledger carries a date only). */
    private List<String> ordersOfPaidInvoices(String day) {
        Set<String> numbers = new LinkedHashSet<>();
        api.odata(LEDGER, UnicontaApi.filter("PostType eq 'Payment' and Date ge " + day), "posted payments")
                .forEach(t -> Optional.ofNullable(text(t, "Invoice")).filter(n -> n.matches("\\d{1,18}"))
                        .ifPresent(numbers::add));
        List<String> settled = List.copyOf(numbers);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < settled.size(); i += IDS_PER_QUERY) {
            String filter = settled.subList(i, Math.min(settled.size(), i + IDS_PER_QUERY)).stream()
                    .map(n -> "InvoiceNumber eq " + n).collect(Collectors.joining(" or "));
            api.odata("DebtorInvoiceClient", UnicontaApi.filter(filter), "invoices paid").forEach(inv ->
                    out.add(inv.path("OrderNumber").asText()));
        }
        return out;
    }

    /** The smallest text after every text starting with {@code prefix}: its last character raised by one. */
    static String after(String prefix) {
        return prefix.isEmpty() ? "\uffff" : prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1);
    }

    @Override
    public List<BackOfficeOrder> orders(Collection<String> ids) {
        List<String> numbers = ids.stream().filter(id -> id.matches("\\d{1,18}")).distinct().toList();
        List<BackOfficeOrder> out = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i += IDS_PER_QUERY) {
            List<String> chunk = numbers.subList(i, Math.min(numbers.size(), i + IDS_PER_QUERY));
            Map<String, PostedDocument> open = new LinkedHashMap<>();
            orders.readDocuments(chunk).forEach(d -> open.put(d.ref().id(), d));
            Map<String, JsonNode> headers = new LinkedHashMap<>();
            String byOrder = chunk.stream().map(n -> "OrderNumber eq " + n).collect(Collectors.joining(" or "));
            api.odata("DebtorOrderClient", UnicontaApi.filter(byOrder), "orders").forEach(h ->
                    headers.put(h.path("OrderNumber").asText(), h));
            Map<String, List<JsonNode>> invoices = new LinkedHashMap<>();
            api.odata("DebtorInvoiceClientUser", UnicontaApi.filter(byOrder), "invoices of orders").forEach(inv ->
                    invoices.computeIfAbsent(inv.path("OrderNumber").asText(), k -> new ArrayList<>()).add(inv));
            Map<String, List<JsonNode>> invoiceLines = invoiceLines(invoices.values().stream().flatMap(List::stream).toList());
            Map<String, List<JsonNode>> ledger = readPayments
                    ? ledger(invoices.values().stream().flatMap(List::stream).toList()) : Map.of();
            for (String id : chunk) {
                PostedDocument document = open.get(id);
                if (document == null) {
                    continue;
                }
                List<JsonNode> own = invoices.getOrDefault(id, List.of()).stream()
                        .sorted(Comparator.comparingLong(inv -> inv.path("InvoiceNumber").asLong())).toList();
                List<BackOfficeShipment> shipments = own.stream().map(inv -> shipment(inv,
                        invoiceLines.getOrDefault(inv.path("InvoiceNumber").asText(), List.of()))).toList();
                List<BackOfficeInvoice> paid = readPayments ? own.stream().map(inv -> invoice(text(inv, "InvoiceNum"),
                        ledger.getOrDefault(text(inv, "InvoiceNum"), List.of()))).toList() : List.of();
                out.add(new BackOfficeOrder(id, id, document.externalRef(), document.state(), document.status(), shipments,
                        own.stream().map(inv -> text(inv, "InvoiceNum")).toList(), paid,
                        modified(headers.get(id), own, ledger)));
            }
        }
        return out;
    }

    private Map<String, List<JsonNode>> invoiceLines(List<JsonNode> invoices) {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        for (int i = 0; i < invoices.size(); i += IDS_PER_QUERY) {
            String filter = invoices.subList(i, Math.min(invoices.size(), i + IDS_PER_QUERY)).stream()
                    .map(inv -> "InvoiceNumber eq " + inv.path("InvoiceNumber").asText()).collect(Collectors.joining(" or "));
            api.odata(INVOICE_LINES, UnicontaApi.filter(filter), "invoice lines").forEach(l ->
                    out.computeIfAbsent(l.path("InvoiceNumber").asText(), k -> new ArrayList<>()).add(l));
        }
        return out;
    }

    /** The ledger's transactions of these invoices (their open items and payments), by invoice number. */
    private Map<String, List<JsonNode>> ledger(List<JsonNode> invoices) {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        for (int i = 0; i < invoices.size(); i += IDS_PER_QUERY) {
            String filter = invoices.subList(i, Math.min(invoices.size(), i + IDS_PER_QUERY)).stream()
                    .map(inv -> "Invoice eq " + UnicontaApi.literal(text(inv, "InvoiceNum")))
                    .collect(Collectors.joining(" or "));
            api.odata(LEDGER, UnicontaApi.filter(filter), "ledger of invoices").forEach(t ->
                    out.computeIfAbsent(text(t, "Invoice"), k -> new ArrayList<>()).add(t));
        }
        return out;
    }

    /** Paid: its open item is settled (AmountOpen 0); by the payments posted against it, oldest voucher first. */
    static BackOfficeInvoice invoice(String number, List<JsonNode> transactions) {
        // an open item not found (not yet in the ledger) or without AmountOpen is not a paid one
        boolean paid = transactions.stream().filter(t -> "Invoice".equals(text(t, "PostType"))).findFirst()
                .map(t -> t.path("AmountOpen").isNumber() && t.path("AmountOpen").decimalValue().signum() == 0)
                .orElse(false);
        List<BackOfficeInvoice.Payment> payments = transactions.stream().filter(t -> "Payment".equals(text(t, "PostType")))
                .sorted(Comparator.comparingLong(t -> t.path("Voucher").asLong()))
                .map(t -> new BackOfficeInvoice.Payment(t.path("Voucher").asText(), text(t, "Text"))).toList();
        return new BackOfficeInvoice(number, paid, payments);
    }

    private BackOfficeShipment shipment(JsonNode invoice, List<JsonNode> lines) {
        List<ShippedLine> shipped = new ArrayList<>();
        for (JsonNode line : lines) {
            String item = text(line, "Item");
            if (item == null || UnicontaOrders.chargeLine(line, settings)) {
                continue;
            }
            shipped.add(new ShippedLine(line.path("LineNumber").asText(), text(line, "ReferenceNumber"),
                    items.sku(item, UnicontaItems.variantsOf(line)), decimal(line, "InvoiceQty").abs(),
                    INVOICE_LINES + ".LineNumber", INVOICE_LINES + ".InvoiceQty"));
        }
        String tracking = settings.trackingField() == null ? null : text(invoice, settings.trackingField());
        String shipVia = text(invoice, "Shipment");
        return new BackOfficeShipment(text(invoice, "InvoiceNum"), true, "Invoiced",
                shipVia != null ? shipVia : text(invoice, "ShipmentText"), tracking == null ? List.of() : List.of(tracking),
                shipped);
    }

    /**
     * The order's UpdatedAt, or the day of its last invoice when Uniconta deleted the order, or the day of the last
     * payment of one of its invoices.
     */
    private Instant modified(JsonNode header, List<JsonNode> invoices, Map<String, List<JsonNode>> ledger) {
        Instant newest = Instant.EPOCH;
        if (header != null) {
            newest = time(text(header, "UpdatedAt"), newest);
        }
        for (JsonNode invoice : invoices) {
            newest = time(text(invoice, "Date"), newest);
            for (JsonNode t : ledger.getOrDefault(text(invoice, "InvoiceNum"), List.of())) {
                newest = time(text(t, "Date"), newest);
            }
        }
        return newest;
    }

    private Instant time(String text, Instant floor) {
        if (text == null) {
            return floor;
        }
        try {
            Instant t = LocalDateTime.parse(text).atZone(settings.zone()).toInstant();
            return t.isAfter(floor) ? t : floor;
        } catch (DateTimeParseException e) {
            return floor;
        }
    }
}
