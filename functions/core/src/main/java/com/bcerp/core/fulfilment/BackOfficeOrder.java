package com.bcerp.core.fulfilment;

import com.bcerp.core.backoffice.DocumentState;
import java.time.Instant;
import java.util.List;

/**
 * A back-office sales order as fulfilment sees it: where it stands, the shipments made for it and the invoices raised.
 *
 * @param id          the back office's opaque id of the order (as {@link com.bcerp.core.backoffice.DocumentRef#id()})
 * @param number      the order's number as staff know it in the back office
 * @param externalRef the store order's reference ({@code BC-{store}-{orderId}}), written when the order was imported
 * @param state       where the order stands, mapped by the adapter from its own status
 * @param status      the back office's own status text (the status table may name it to override the state's entry)
 * @param shipments   every shipment of the order, whatever its status (only shipped ones reach the store)
 * @param invoiceNbrs the invoices raised for the order, oldest first
 * @param invoices    the same invoices with what is paid of them, from a back office that reads payments; empty
 *                    from one that reads invoice numbers only (then the order's payment is never applied back)
 * @param modified    the latest modification of the order or of any of its shipments (the cursor's position)
 */
public record BackOfficeOrder(String id, String number, String externalRef, DocumentState state, String status,
        List<BackOfficeShipment> shipments, List<String> invoiceNbrs, List<BackOfficeInvoice> invoices,
        Instant modified) {

    public BackOfficeOrder {
        shipments = shipments == null ? List.of() : List.copyOf(shipments);
        invoiceNbrs = invoiceNbrs == null ? List.of() : List.copyOf(invoiceNbrs);
        invoices = invoices == null ? List.of() : List.copyOf(invoices);
    }

    /** An order from a back office that reads invoice numbers but not their payments. */
    public BackOfficeOrder(String id, String number, String externalRef, DocumentState state, String status,
            List<BackOfficeShipment> shipments, List<String> invoiceNbrs, Instant modified) {
        this(id, number, externalRef, state, status, shipments, invoiceNbrs, List.of(), modified);
    }

    /** "sales order 000123", as errors and audit name it. */
    public String describe() {
        return "sales order " + number;
    }
}
