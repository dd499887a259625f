package com.bcerp.core.fulfilment;

import java.util.List;
import java.util.Set;

/**
 * One back-office shipment of (part of) a sales order, with its packages' tracking numbers.
 *
 * @param status          e.g. Open, On Hold, Confirmed, Completed, Invoiced; only shipped ones reach the store
 * @param shipVia         the back office's carrier / ship-via code, mapped to the store's carrier by configuration
 * @param trackingNumbers one per package that has one, in package order
 * @param lines           what left the warehouse for this order
 */
public record BackOfficeShipment(String shipmentNbr, String status, String shipVia, List<String> trackingNumbers,
        List<ShippedLine> lines) {

    /** Statuses of a shipment that has left the warehouse (confirmed, then possibly issued and invoiced). */
    static final Set<String> SHIPPED = Set.of("Confirmed", "Completed", "Invoiced", "Partially Invoiced");

    public BackOfficeShipment {
        trackingNumbers = trackingNumbers == null ? List.of() : List.copyOf(trackingNumbers);
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public boolean shipped() {
        return SHIPPED.contains(status);
    }
}
