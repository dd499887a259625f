package com.bcerp.core.fulfilment;

import java.time.Instant;
import java.util.List;

/**
 * A back-office sales order as fulfilment sees it: its status, the shipments made for it and the invoices raised.
 *
 * @param externalRef the store order's reference ({@code BC-{store}-{orderId}}), written when the order was imported
 * @param status      the back office's own order status, e.g. Open, Back Order, Completed, Invoiced, Cancelled
 * @param shipments   every shipment of the order, whatever its status (only shipped ones reach the store)
 * @param invoiceNbrs the invoices raised for the order, oldest first
 * @param modified    the latest modification of the order or of any of its shipments (the cursor's position)
 */
public record BackOfficeOrder(String orderType, String orderNbr, String externalRef, String status,
        List<BackOfficeShipment> shipments, List<String> invoiceNbrs, Instant modified) {

    public BackOfficeOrder {
        shipments = shipments == null ? List.of() : List.copyOf(shipments);
        invoiceNbrs = invoiceNbrs == null ? List.of() : List.copyOf(invoiceNbrs);
    }

    /** "sales order SO000123", as errors and audit name it. */
    public String describe() {
        return "sales order " + orderNbr;
    }
}
