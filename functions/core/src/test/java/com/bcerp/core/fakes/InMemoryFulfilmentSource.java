package com.bcerp.core.fakes;

import com.bcerp.core.fulfilment.BackOfficeOrder;
import com.bcerp.core.fulfilment.BackOfficeShipment;
import com.bcerp.core.fulfilment.ShippedLine;
import com.bcerp.core.port.FulfilmentSource;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A back office's sales orders with shipments and invoices, changed by the test as the warehouse would. */
public final class InMemoryFulfilmentSource implements FulfilmentSource {

    private final Clock clock;
    private final Map<String, BackOfficeOrder> orders = new LinkedHashMap<>();
    public int reads;

    public InMemoryFulfilmentSource(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "Acumatica";
    }

    /** A sales order imported from store order {@code storeOrderId}, status Open. */
    public InMemoryFulfilmentSource order(String orderNbr, String externalRef) {
        orders.put(orderNbr, new BackOfficeOrder("SO", orderNbr, externalRef, "Open", List.of(), List.of(), clock.instant()));
        return this;
    }

    /** Adds a shipment (status as given) of {@code lines}: store line ref, sku, quantity triples. */
    public InMemoryFulfilmentSource ship(String orderNbr, String shipmentNbr, String status, String shipVia,
            List<String> tracking, Object... lines) {
        List<ShippedLine> shipped = new ArrayList<>();
        for (int i = 0; i < lines.length; i += 3) {
            shipped.add(new ShippedLine(i / 3 + 1, (String) lines[i], (String) lines[i + 1],
                    new BigDecimal(lines[i + 2].toString()), "Details[" + (i / 3) + "]"));
        }
        BackOfficeOrder o = orders.get(orderNbr);
        List<BackOfficeShipment> shipments = new ArrayList<>(o.shipments());
        shipments.removeIf(s -> s.shipmentNbr().equals(shipmentNbr));
        shipments.add(new BackOfficeShipment(shipmentNbr, status, shipVia, tracking, shipped));
        orders.put(orderNbr, new BackOfficeOrder(o.orderType(), o.orderNbr(), o.externalRef(), o.status(), shipments,
                o.invoiceNbrs(), clock.instant()));
        return this;
    }

    public InMemoryFulfilmentSource status(String orderNbr, String status) {
        BackOfficeOrder o = orders.get(orderNbr);
        orders.put(orderNbr, new BackOfficeOrder(o.orderType(), o.orderNbr(), o.externalRef(), status, o.shipments(),
                o.invoiceNbrs(), clock.instant()));
        return this;
    }

    public InMemoryFulfilmentSource invoice(String orderNbr, String invoiceNbr) {
        BackOfficeOrder o = orders.get(orderNbr);
        List<String> invoices = new ArrayList<>(o.invoiceNbrs());
        invoices.add(invoiceNbr);
        orders.put(orderNbr, new BackOfficeOrder(o.orderType(), o.orderNbr(), o.externalRef(), o.status(), o.shipments(),
                invoices, clock.instant()));
        return this;
    }

    @Override
    public List<BackOfficeOrder> changedSince(String externalRefPrefix, Instant since) {
        reads++;
        return orders.values().stream().filter(o -> o.externalRef().startsWith(externalRefPrefix))
                .filter(o -> o.modified().isAfter(since)).toList();
    }

    @Override
    public List<BackOfficeOrder> orders(Collection<String> typeAndNbrs) {
        return orders.values().stream().filter(o -> typeAndNbrs.contains(o.orderType() + "/" + o.orderNbr())).toList();
    }
}
