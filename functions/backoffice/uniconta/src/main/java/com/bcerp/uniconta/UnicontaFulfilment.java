package com.bcerp.uniconta;

import static com.bcerp.uniconta.UnicontaCustomers.text;
import static com.bcerp.uniconta.UnicontaOrders.decimal;

import com.bcerp.core.backoffice.PostedDocument;
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
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fulfilment from Uniconta's orders and posted invoices: Uniconta has no shipment document on the API (pack notes are
 * not in the research), so each invoice ({@code DebtorInvoiceClient} by {@code OrderNumber}, with its
 * {@code DebtorInvoiceLines}) is a shipment of what it invoiced, shipped, with the tracking number the merchant's flow
 * writes to a user field of the invoice and the invoice's {@code Shipment} as the carrier. Orders Uniconta deleted
 * after invoicing are read from their invoices alone. Pack notes without an invoice ({@code QtyDelivered} only)
 * show in the order's state, not as shipments.
 */
final class UnicontaFulfilment implements FulfilmentSource {

    private static final String INVOICE_LINES = "DebtorInvoiceLines";
    private static final int IDS_PER_QUERY = 40;

    private final UnicontaSettings settings;
    private final UnicontaApi api;
    private final UnicontaOrders orders;
    private final UnicontaItems items;

    UnicontaFulfilment(UnicontaSettings settings, UnicontaApi api, UnicontaOrders orders, UnicontaItems items) {
        this.settings = settings;
        this.api = api;
        this.orders = orders;
        this.items = items;
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
        return orders(ids).stream().filter(o -> o.externalRef() != null && o.externalRef().startsWith(externalRefPrefix))
                .toList();
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
            for (String id : chunk) {
                PostedDocument document = open.get(id);
                if (document == null) {
                    continue;
                }
                List<JsonNode> own = invoices.getOrDefault(id, List.of()).stream()
                        .sorted(Comparator.comparingLong(inv -> inv.path("InvoiceNumber").asLong())).toList();
                List<BackOfficeShipment> shipments = own.stream().map(inv -> shipment(inv,
                        invoiceLines.getOrDefault(inv.path("InvoiceNumber").asText(), List.of()))).toList();
                out.add(new BackOfficeOrder(id, id, document.externalRef(), document.state(), document.status(), shipments,
                        own.stream().map(inv -> text(inv, "InvoiceNum")).toList(), modified(headers.get(id), own)));
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

    /** The order's UpdatedAt, or the day of its last invoice when Uniconta deleted the order. */
    private Instant modified(JsonNode header, List<JsonNode> invoices) {
        Instant newest = Instant.EPOCH;
        if (header != null) {
            newest = time(text(header, "UpdatedAt"), newest);
        }
        for (JsonNode invoice : invoices) {
            newest = time(text(invoice, "Date"), newest);
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
