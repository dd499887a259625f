package com.bcerp.core.fulfilment;

import java.util.List;

/**
 * One back-office shipment of (part of) a sales order, with its packages' tracking numbers.
 *
 * @param shipped         whether it has left the warehouse, as the adapter reads its back office's status; only
 *                        shipped ones reach the store
 * @param status          the back office's own status text, for people to read
 * @param shipVia         the back office's carrier / ship-via code, mapped to the store's carrier by configuration
 * @param trackingNumbers one per package that has one, in package order
 * @param lines           what left the warehouse for this order
 */
public record BackOfficeShipment(String shipmentNbr, boolean shipped, String status, String shipVia,
        List<String> trackingNumbers, List<ShippedLine> lines) {

    public BackOfficeShipment {
        trackingNumbers = trackingNumbers == null ? List.of() : List.copyOf(trackingNumbers);
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
