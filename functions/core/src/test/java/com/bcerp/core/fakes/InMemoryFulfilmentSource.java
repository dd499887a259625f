package com.bcerp.core.fakes;

import com.bcerp.core.backoffice.DocumentState;
import com.bcerp.core.fulfilment.BackOfficeInvoice;
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
        return "ERP";
    }

    /** A sales order (id {@code order/<nbr>}) imported from the store order its external reference names; open. */
    public InMemoryFulfilmentSource order(String orderNbr, String externalRef) {
        orders.put(orderNbr, new BackOfficeOrder("order/" + orderNbr, orderNbr, externalRef, DocumentState.OPEN, null,
                List.of(), List.of(), clock.instant()));
        return this;
    }

    /** Adds a shipment, shipped or not yet, of {@code lines}: store line ref, sku, quantity triples. */
    public InMemoryFulfilmentSource ship(String orderNbr, String shipmentNbr, boolean isShipped, String shipVia,
            List<String> tracking, Object... lines) {
        List<ShippedLine> shipped = new ArrayList<>();
        for (int i = 0; i < lines.length; i += 3) {
            String field = "lines[" + (i / 3) + "]";
            shipped.add(new ShippedLine(Integer.toString(i / 3 + 1), (String) lines[i], (String) lines[i + 1],
                    new BigDecimal(lines[i + 2].toString()), field + ".orderLine", field + ".quantity"));
        }
        BackOfficeOrder o = orders.get(orderNbr);
        List<BackOfficeShipment> shipments = new ArrayList<>(o.shipments());
        shipments.removeIf(s -> s.shipmentNbr().equals(shipmentNbr));
        shipments.add(new BackOfficeShipment(shipmentNbr, isShipped, isShipped ? "shipped" : "open", shipVia,
                tracking, shipped));
        orders.put(orderNbr, new BackOfficeOrder(o.id(), o.number(), o.externalRef(), o.state(), o.status(), shipments,
                o.invoiceNbrs(), o.invoices(), clock.instant()));
        return this;
    }

    /** Moves the order to a state; {@code status} is the back office's own word for it, or null. */
    public InMemoryFulfilmentSource state(String orderNbr, DocumentState state, String status) {
        BackOfficeOrder o = orders.get(orderNbr);
        orders.put(orderNbr, new BackOfficeOrder(o.id(), o.number(), o.externalRef(), state, status, o.shipments(),
                o.invoiceNbrs(), o.invoices(), clock.instant()));
        return this;
    }

    public InMemoryFulfilmentSource state(String orderNbr, DocumentState state) {
        return state(orderNbr, state, null);
    }

    /** Raises an invoice for the order, nothing paid of it yet. */
    public InMemoryFulfilmentSource invoice(String orderNbr, String invoiceNbr) {
        BackOfficeOrder o = orders.get(orderNbr);
        List<String> numbers = new ArrayList<>(o.invoiceNbrs());
        numbers.add(invoiceNbr);
        List<BackOfficeInvoice> invoices = new ArrayList<>(o.invoices());
        invoices.add(new BackOfficeInvoice(invoiceNbr, false, List.of()));
        orders.put(orderNbr, new BackOfficeOrder(o.id(), o.number(), o.externalRef(), o.state(), o.status(),
                o.shipments(), numbers, invoices, clock.instant()));
        return this;
    }

    /** Applies a payment to the invoice (none named: null); {@code inFull} closes it (nothing left owing). */
    public InMemoryFulfilmentSource pay(String orderNbr, String invoiceNbr, String paymentNbr, String reference,
            boolean inFull) {
        BackOfficeOrder o = orders.get(orderNbr);
        List<BackOfficeInvoice> invoices = new ArrayList<>();
        for (BackOfficeInvoice i : o.invoices()) {
            if (!i.number().equals(invoiceNbr)) {
                invoices.add(i);
                continue;
            }
            List<BackOfficeInvoice.Payment> payments = new ArrayList<>(i.payments());
            if (paymentNbr != null) {
                payments.add(new BackOfficeInvoice.Payment(paymentNbr, reference));
            }
            invoices.add(new BackOfficeInvoice(invoiceNbr, inFull, payments));
        }
        orders.put(orderNbr, new BackOfficeOrder(o.id(), o.number(), o.externalRef(), o.state(), o.status(),
                o.shipments(), o.invoiceNbrs(), invoices, clock.instant()));
        return this;
    }

    @Override
    public List<BackOfficeOrder> changedSince(String externalRefPrefix, Instant since) {
        reads++;
        return orders.values().stream().filter(o -> o.externalRef().startsWith(externalRefPrefix))
                .filter(o -> o.modified().isAfter(since)).toList();
    }

    @Override
    public List<BackOfficeOrder> orders(Collection<String> ids) {
        return orders.values().stream().filter(o -> ids.contains(o.id())).toList();
    }
}
