package com.bcerp.acumatica;

import com.bcerp.core.fulfilment.BackOfficeInvoice;
import com.bcerp.core.fulfilment.BackOfficeOrder;
import com.bcerp.core.fulfilment.BackOfficeShipment;
import com.bcerp.core.fulfilment.ShippedLine;
import com.bcerp.core.port.FulfilmentSource;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Acumatica's fulfilment behind {@link FulfilmentSource}, over the contract-based endpoint. What changed: sales
 * orders of the store ({@code startswith(ExternalRef,'BC-{store}-')}) by {@code SalesOrder.LastModified}, and
 * shipments by {@code Shipment.LastModifiedDateTime} (a tracking number added to a confirmed shipment changes only the
 * shipment). Each order is then read with its lines and its shipment rows ({@code $expand=Details,Shipments}: the
 * invoice numbers are on those rows), and each of its shipments with its lines and packages
 * ({@code ShipmentPackage.TrackingNbr}). A shipment line names its order line ({@code OrderLineNbr}); that line's
 * {@code ExternalRef} is the store's order product id the import wrote.
 *
 * <p>Payments, read only when the merchant brings them back ({@code fulfilment.paid_status}; they cost a call per
 * invoice of each order read and one feed more): each invoice on the shipment rows is read with its Applications tab
 * ({@code SalesInvoice/{Type}/{ReferenceNbr}?$expand=ApplicationsInvoice}); it is paid when Closed with a zero
 * {@code Balance}, by the payments its rows name ({@code AdjustingDocReferenceNbr}, {@code PaymentRef}). A payment
 * changes only the invoice, so invoices changed since ({@code SalesInvoice.LastModifiedDateTime}) bring the orders
 * their lines name ({@code Details/OrderType}, {@code Details/OrderNbr}) too.
 */
public final class AcumaticaFulfilment implements FulfilmentSource {

    private final AcumaticaApi api;
    private final boolean readPayments;

    /** @param readPayments read each invoice's payments (and the feed of changed invoices) */
    public AcumaticaFulfilment(AcumaticaConnection connection, boolean readPayments) {
        this.api = connection.api();
        this.readPayments = readPayments;
    }

    @Override
    public String name() {
        return "Acumatica";
    }

    @Override
    public List<BackOfficeOrder> changedSince(String externalRefPrefix, Instant since) {
        Set<String> keys = new LinkedHashSet<>();
        Records.forEachPage(api, "SalesOrder", Map.of("$select", "OrderType,OrderNbr,ExternalRef,LastModified",
                "$filter", "startswith(ExternalRef," + OData.literal(externalRefPrefix) + ") and "
                        + OData.after("LastModified", since)), Records.PAGE,
                page -> page.forEach(o -> keys.add(AcumaticaKeys.id(Records.text(o, "OrderType"), Records.text(o, "OrderNbr")))));
        // the nested fields read are named: a $select may leave an expanded entity's unnamed fields out
        Records.forEachPage(api, "Shipment", Map.of("$select", "ShipmentNbr,LastModifiedDateTime,Orders/OrderType,Orders/OrderNbr",
                "$expand", "Orders",
                "$filter", OData.after("LastModifiedDateTime", since)), Records.PAGE,
                page -> page.forEach(s -> s.path("Orders").forEach(o -> keys.add(AcumaticaKeys.id(
                        Records.text(o, "OrderType"), Records.text(o, "OrderNbr"))))));
        if (readPayments) {
            Records.forEachPage(api, "SalesInvoice", Map.of("$select", "Type,ReferenceNbr,LastModifiedDateTime,"
                        + "Details/OrderType,Details/OrderNbr", "$expand", "Details",
                "$filter", OData.after("LastModifiedDateTime", since)), Records.PAGE,
                page -> page.forEach(i -> i.path("Details").forEach(l -> Optional.ofNullable(Records.text(l, "OrderNbr"))
                        .ifPresent(n -> keys.add(AcumaticaKeys.id(Records.text(l, "OrderType"), n))))));
        }
        return read(keys, externalRefPrefix);
    }

    @Override
    public List<BackOfficeOrder> orders(Collection<String> ids) {
        return read(ids, "");
    }

    private List<BackOfficeOrder> read(Collection<String> keys, String externalRefPrefix) {
        List<BackOfficeOrder> orders = new ArrayList<>();
        for (String key : keys) {
            AcumaticaKeys typeAndNbr = AcumaticaKeys.of(key);
            order(typeAndNbr.type(), typeAndNbr.nbr()).filter(o -> o.externalRef() != null
                    && o.externalRef().startsWith(externalRefPrefix)).ifPresent(orders::add);
        }
        return orders;
    }

    private Optional<BackOfficeOrder> order(String type, String nbr) {
        Optional<JsonNode> found = Records.record(api.get("SalesOrder/" + OData.key(type) + "/" + OData.key(nbr),
                Map.of("$expand", "Details,Shipments")), "sales order " + type + " " + nbr);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        JsonNode order = found.get();
        Map<Integer, String> lineRefs = new HashMap<>();
        order.path("Details").forEach(l -> lineRefs.put(l.path("LineNbr").path("value").asInt(),
                Records.text(l, "ExternalRef")));
        Optional<Instant> modified = Records.instant(order, "LastModified");
        List<BackOfficeShipment> shipments = new ArrayList<>();
        Map<String, String> invoices = new LinkedHashMap<>();
        for (JsonNode row : order.path("Shipments")) {
            Optional.ofNullable(Records.text(row, "InvoiceNbr")).filter(s -> !s.isBlank()).ifPresent(n -> invoices
                    .putIfAbsent(n, Optional.ofNullable(Records.text(row, "InvoiceType")).orElse("Invoice")));
            String shipmentNbr = Records.text(row, "ShipmentNbr");
            if (shipmentNbr == null) {
                continue;
            }
            Optional<JsonNode> shipment = Records.record(api.get("Shipment/" + OData.key(shipmentNbr),
                    Map.of("$expand", "Details,Packages")), "shipment " + shipmentNbr);
            if (shipment.isEmpty()) {
                continue;
            }
            modified = Records.newest(modified, Records.instant(shipment.get(), "LastModifiedDateTime"));
            shipments.add(shipment(shipment.get(), type, nbr, lineRefs));
        }
        List<BackOfficeInvoice> paid = new ArrayList<>();
        for (Map.Entry<String, String> invoice : readPayments ? invoices.entrySet() : Set.<Map.Entry<String, String>>of()) {
            Optional<JsonNode> read = Records.record(api.get("SalesInvoice/" + OData.key(invoice.getValue()) + "/"
                    + OData.key(invoice.getKey()), Map.of("$expand", "ApplicationsInvoice")),
                    "invoice " + invoice.getValue() + " " + invoice.getKey());
            if (read.isPresent()) {
                modified = Records.newest(modified, Records.instant(read.get(), "LastModifiedDateTime"));
                paid.add(invoice(invoice.getKey(), read.get()));
            }
        }
        String status = Records.text(order, "Status");
        return Optional.of(new BackOfficeOrder(AcumaticaKeys.id(type, nbr), nbr, Records.text(order, "ExternalRef"),
                AcumaticaStates.order(status), status, shipments, List.copyOf(invoices.keySet()), paid,
                modified.orElse(Instant.EPOCH)));
    }

    /** Paid: Closed, nothing left owing; by the payments on its Applications tab. */
    private static BackOfficeInvoice invoice(String nbr, JsonNode invoice) {
        BigDecimal balance = Records.decimal(invoice, "Balance");
        boolean paid = "Closed".equals(Records.text(invoice, "Status")) && balance != null && balance.signum() == 0;
        List<BackOfficeInvoice.Payment> payments = new ArrayList<>();
        invoice.path("ApplicationsInvoice").forEach(a -> Optional.ofNullable(Records.text(a, "AdjustingDocReferenceNbr"))
                .ifPresent(p -> payments.add(new BackOfficeInvoice.Payment(p, Records.text(a, "PaymentRef")))));
        return new BackOfficeInvoice(nbr, paid, payments);
    }

    private static BackOfficeShipment shipment(JsonNode shipment, String type, String nbr, Map<Integer, String> lineRefs) {
        List<ShippedLine> lines = new ArrayList<>();
        JsonNode details = shipment.path("Details");
        for (int i = 0; i < details.size(); i++) {
            JsonNode line = details.get(i);
            // a shipment may carry several orders' lines: only this order's go to its store order
            if (!type.equals(Records.text(line, "OrderType")) || !nbr.equals(Records.text(line, "OrderNbr"))) {
                continue;
            }
            int orderLine = line.path("OrderLineNbr").path("value").asInt();
            lines.add(new ShippedLine(Integer.toString(orderLine), lineRefs.get(orderLine),
                    Records.text(line, "InventoryID"), Records.decimal(line, "ShippedQty"),
                    "Details[" + i + "].OrderLineNbr", "Details[" + i + "].ShippedQty"));
        }
        List<String> tracking = new ArrayList<>();
        shipment.path("Packages").forEach(p -> Optional.ofNullable(Records.text(p, "TrackingNbr"))
                .filter(t -> !t.isBlank()).ifPresent(tracking::add));
        String status = Records.text(shipment, "Status");
        return new BackOfficeShipment(Records.text(shipment, "ShipmentNbr"), AcumaticaStates.shipped(status), status,
                Records.text(shipment, "ShipVia"), tracking, lines);
    }
}
