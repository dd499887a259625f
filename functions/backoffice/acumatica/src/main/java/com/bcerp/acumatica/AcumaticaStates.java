package com.bcerp.acumatica;

import com.bcerp.core.backoffice.DocumentState;
import java.util.Map;
import java.util.Set;

/** Acumatica's status words, mapped to where a document stands in core's words. */
final class AcumaticaStates {

    /** SO301000's order statuses; a status not listed (Pending Approval, Shipping, ...) is still open. */
    private static final Map<String, DocumentState> ORDER = Map.of(
            "On Hold", DocumentState.ON_HOLD,
            "Credit Hold", DocumentState.ON_HOLD,
            "Back Order", DocumentState.PARTLY_SHIPPED,
            "Completed", DocumentState.SHIPPED,
            "Invoiced", DocumentState.INVOICED,
            "Cancelled", DocumentState.CANCELLED,
            "Canceled", DocumentState.CANCELLED,
            "Closed", DocumentState.CLOSED);

    /** A shipment in these statuses has left the warehouse (confirmed, then possibly issued and invoiced). */
    private static final Set<String> SHIPPED = Set.of("Confirmed", "Completed", "Invoiced", "Partially Invoiced");

    private AcumaticaStates() {}

    static DocumentState order(String status) {
        return status == null ? DocumentState.OPEN : ORDER.getOrDefault(status, DocumentState.OPEN);
    }

    static boolean shipped(String shipmentStatus) {
        return SHIPPED.contains(shipmentStatus);
    }
}
