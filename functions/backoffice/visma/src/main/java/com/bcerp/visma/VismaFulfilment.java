package com.bcerp.visma;

import static com.bcerp.visma.VismaDto.decimal;
import static com.bcerp.visma.VismaDto.read;

import com.bcerp.core.backoffice.DocumentState;
import com.bcerp.core.fulfilment.BackOfficeInvoice;
import com.bcerp.core.fulfilment.BackOfficeOrder;
import com.bcerp.core.fulfilment.BackOfficeShipment;
import com.bcerp.core.fulfilment.ShippedLine;
import com.bcerp.core.port.FulfilmentSource;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fulfilment from Visma's sales orders and shipments (erp-apis.md §10.1.4): an order's {@code shipments[]} name its
 * shipments; each {@code GET /v1/shipment/{nbr}} gives the lines ({@code shipmentDetailLines}: order line number,
 * item, shipped quantity; the order line's {@code note} is the store's line id), the packages' tracking numbers
 * ({@code shipmentPackageLines[].trackingNumber}), the carrier ({@code shipVia}) and the invoice numbers
 * ({@code shipmentOrderLines[].invoiceNbr}). A shipment is shipped once confirmed ({@code Confirmed},
 * {@code PartiallyInvoiced}, {@code Invoiced}, {@code Completed}). Changes: orders by {@code lastModifiedDateTime}, and
 * shipments by theirs (a tracking number written after confirmation does not touch the order), joined back by
 * {@code shipmentOrderLines[].orderNbr} (Visma has no shipment filter by order).
 *
 * <p>Payments, read only when the merchant brings them back ({@code fulfilment.paid_status}; two calls per invoice of
 * each order read and one feed more): each invoice is read ({@code GET /v1/customerinvoice/{nbr}}); it is paid when
 * {@code Closed} with a zero {@code balance}, by the released payments applied to it
 * ({@code GET /v1/customerPayment?invoiceRefNbr={nbr}}, status {@code Open} or {@code Closed}: {@code refNbr},
 * {@code paymentRef}). A payment changes only the invoice, so invoices changed since bring the orders their lines
 * name ({@code invoiceLines[].soOrderType}, {@code soOrderNbr}) too.
 */
final class VismaFulfilment implements FulfilmentSource {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final Set<String> SHIPPED = Set.of("Confirmed", "PartiallyInvoiced", "Invoiced", "Completed");
    private static final int PAGE = 1_000;
    /** A payment's statuses once released: only then is it applied to the invoice ({@code Balanced}, Hold are not). */
    private static final Set<String> RELEASED = Set.of("Open", "Closed");

    private final VismaSettings settings;
    private final VismaApi api;
    private final VismaOrders orders;
    private final boolean readPayments;

    /** @param readPayments read each invoice's balance and payments (and the feed of changed invoices) */
    VismaFulfilment(VismaSettings settings, VismaApi api, VismaOrders orders, boolean readPayments) {
        this.settings = settings;
        this.api = api;
        this.orders = orders;
        this.readPayments = readPayments;
    }

    @Override
    public String name() {
        return "Visma.net";
    }

    @Override
    public List<BackOfficeOrder> changedSince(String externalRefPrefix, Instant since) {
        String time = "lastModifiedDateTime=" + VismaApi.encode(TIME.format(since)) + "&lastModifiedDateTimeCondition="
                + VismaApi.encode(">");
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode o : api.list("/v1/salesorder", "orderType=" + VismaApi.encode(settings.orderType()) + "&" + time,
                PAGE, "changed orders")) {
            String ref = read(o, "customerRefNo");
            if (ref != null && ref.startsWith(externalRefPrefix)) {
                ids.add(read(o, "orderNo"));
            }
        }
        for (JsonNode s : api.list("/v1/shipment", time, PAGE, "changed shipments")) {
            for (JsonNode l : s.path("shipmentOrderLines")) {
                if (settings.orderType().equals(read(l, "orderType"))) {
                    ids.add(read(l, "orderNbr"));
                }
            }
        }
        if (readPayments) {
            for (JsonNode i : api.list("/v1/customerinvoice", time, PAGE, "changed invoices")) {
                for (JsonNode l : i.path("invoiceLines")) {
                    if (settings.orderType().equals(read(l, "soOrderType")) && read(l, "soOrderNbr") != null) {
                        ids.add(read(l, "soOrderNbr"));
                    }
                }
            }
        }
        return orders(ids).stream().filter(o -> o.externalRef() != null && o.externalRef().startsWith(externalRefPrefix))
                .toList();
    }

    @Override
    public List<BackOfficeOrder> orders(Collection<String> ids) {
        List<BackOfficeOrder> out = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            if (id == null || id.isBlank() || id.contains("/")) {
                continue;
            }
            orders.order(id).ifPresent(o -> out.add(order(o)));
        }
        return out;
    }

    private BackOfficeOrder order(JsonNode order) {
        String number = read(order, "orderNo");
        Map<Integer, JsonNode> lines = new HashMap<>();
        order.path("lines").forEach(l -> lines.put(l.path("lineNbr").asInt(), l));
        List<BackOfficeShipment> shipments = new ArrayList<>();
        Set<String> invoices = new LinkedHashSet<>();
        Instant modified = time(read(order, "lastModifiedDateTime"));
        for (JsonNode ref : order.path("shipments")) {
            String nbr = read(ref, "shipmentNo");
            if (nbr == null) {
                continue;
            }
            JsonNode s = api.one("/v1/shipment/" + VismaApi.encode(nbr), "shipment " + nbr).orElse(null);
            if (s == null) {
                continue;
            }
            Instant t = time(read(s, "lastModifiedDateTime"));
            modified = t.isAfter(modified) ? t : modified;
            shipments.add(shipment(s, number, lines));
            for (JsonNode l : s.path("shipmentOrderLines")) {
                if (number.equals(read(l, "orderNbr")) && read(l, "invoiceNbr") != null) {
                    invoices.add(read(l, "invoiceNbr"));
                }
            }
        }
        if (read(order, "invoiceNbr") != null) {
            invoices.add(read(order, "invoiceNbr"));
        }
        List<BackOfficeInvoice> paid = new ArrayList<>();
        for (String nbr : readPayments ? invoices : Set.<String>of()) {
            JsonNode invoice = api.one("/v1/customerinvoice/" + VismaApi.encode(nbr), "invoice " + nbr).orElse(null);
            if (invoice != null) {
                Instant t = time(read(invoice, "lastModifiedDateTime"));
                modified = t.isAfter(modified) ? t : modified;
                paid.add(invoice(nbr, invoice));
            }
        }
        DocumentState state = VismaOrders.state(order);
        return new BackOfficeOrder(number, number, read(order, "customerRefNo"), state, read(order, "status"), shipments,
                List.copyOf(invoices), paid, modified);
    }

    private BackOfficeInvoice invoice(String nbr, JsonNode invoice) {
        return invoice(nbr, invoice, api.list("/v1/customerPayment", "invoiceRefNbr=" + VismaApi.encode(nbr), PAGE,
                "payments of invoice " + nbr));
    }

    /** Paid: Closed, nothing left owing; by the released payments applied to it, in the order Visma lists them. */
    static BackOfficeInvoice invoice(String nbr, JsonNode invoice, List<JsonNode> applied) {
        // a balance left out is not a zero one
        boolean paid = "Closed".equals(read(invoice, "status")) && invoice.path("balance").isNumber()
                && invoice.path("balance").decimalValue().signum() == 0;
        List<BackOfficeInvoice.Payment> payments = new ArrayList<>();
        for (JsonNode p : applied) {
            if (RELEASED.contains(read(p, "status")) && read(p, "refNbr") != null) {
                payments.add(new BackOfficeInvoice.Payment(read(p, "refNbr"), read(p, "paymentRef")));
            }
        }
        return new BackOfficeInvoice(nbr, paid, payments);
    }

    private BackOfficeShipment shipment(JsonNode s, String orderNbr, Map<Integer, JsonNode> orderLines) {
        List<ShippedLine> shipped = new ArrayList<>();
        for (JsonNode d : s.path("shipmentDetailLines")) {
            if (!orderNbr.equals(read(d, "orderNbr"))) {
                continue;
            }
            int lineNbr = d.path("orderLineNbr").asInt();
            JsonNode orderLine = orderLines.get(lineNbr);
            shipped.add(new ShippedLine(Integer.toString(lineNbr), orderLine == null ? null : read(orderLine, "note"),
                    read(d, "inventoryNumber"), decimal(d, "shippedQty"), "shipmentDetailLines.orderLineNbr",
                    "shipmentDetailLines.shippedQty"));
        }
        List<String> tracking = new ArrayList<>();
        s.path("shipmentPackageLines").forEach(p -> {
            String t = read(p, "trackingNumber");
            if (t != null) {
                tracking.add(t);
            }
        });
        JsonNode via = s.path("shipVia");
        String shipVia = via.isObject() ? via.path("id").asText(null) : read(s, "shipVia");
        String status = read(s, "status");
        return new BackOfficeShipment(read(s, "shipmentNumber"), SHIPPED.contains(status), status, shipVia, tracking, shipped);
    }

    private static Instant time(String text) {
        if (text == null) {
            return Instant.EPOCH;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
