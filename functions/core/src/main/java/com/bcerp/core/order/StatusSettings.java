package com.bcerp.core.order;

import com.bcerp.core.backoffice.DocumentState;
import com.bcerp.core.config.InvalidConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Order statuses both ways. Store to back office: which store statuses import an order and which cancel it (any
 * other status changes nothing). Back office to store: which store status a back-office status becomes (read by the
 * flow that writes statuses back to the store).
 *
 * @param importStatuses    store status ids an order is imported in; 0 (Incomplete) is never allowed
 * @param cancelStatuses    store status ids that cancel the order's sales order
 * @param backOfficeToStore a back-office order state ({@code open}, {@code on_hold}, {@code partly_shipped},
 *                          {@code shipped}, {@code invoiced}, {@code cancelled}, {@code closed}) or a back office's own
 *                          status word (which wins over its state's entry) to a store status id (e.g. 2, Shipped)
 */
public record StatusSettings(List<Integer> importStatuses, List<Integer> cancelStatuses,
        Map<String, Integer> backOfficeToStore) {

    /** BigCommerce's order status ids run from 0 (Incomplete) to 14 (Partially Refunded). */
    private static final int LAST_STATUS = 14;

    public StatusSettings {
        importStatuses = importStatuses == null ? List.of() : List.copyOf(importStatuses);
        cancelStatuses = cancelStatuses == null ? List.of() : List.copyOf(cancelStatuses);
        backOfficeToStore = backOfficeToStore == null ? Map.of() : Map.copyOf(backOfficeToStore);
        InvalidConfig.require(!importStatuses.isEmpty(), "import_statuses", "must list at least one store status");
        checkIds(importStatuses, "import_statuses");
        checkIds(cancelStatuses, "cancel_statuses");
        InvalidConfig.require(!importStatuses.contains(0), "import_statuses",
                "0 (Incomplete) cannot be imported: the checkout never finished");
        Set<Integer> both = new HashSet<>(importStatuses);
        both.retainAll(cancelStatuses);
        InvalidConfig.require(both.isEmpty(), "cancel_statuses", "status " + both + " is also in import_statuses");
        backOfficeToStore.forEach((status, storeStatus) -> InvalidConfig.require(storeStatus != null
                && storeStatus >= 0 && storeStatus <= LAST_STATUS, "back_office_to_store." + status,
                "must be a store status id from 0 to " + LAST_STATUS));
    }

    /**
     * Imported: Pending (what an order created through the API gets when it names no status), Awaiting Payment,
     * Pickup, Shipment or Fulfillment, Shipped, Partially Shipped, Completed, (Partially) Refunded. Back to the store:
     * partly shipped is Partially Shipped, shipped is Shipped, invoiced is Completed, cancelled is Cancelled, and on
     * hold is Manual Verification Required (BigCommerce has no "on hold").
     */
    public static StatusSettings defaults() {
        return new StatusSettings(List.of(1, 2, 3, 4, 7, 8, 9, 10, 11, 14), List.of(5),
                Map.of(DocumentState.PARTLY_SHIPPED.configName(), 3, DocumentState.SHIPPED.configName(), 2,
                        DocumentState.INVOICED.configName(), 10, DocumentState.CANCELLED.configName(), 5,
                        DocumentState.ON_HOLD.configName(), 12));
    }

    /** The store status for a back-office order: its own status word's entry if the table has one, else its state's. */
    public Optional<Integer> storeStatusFor(DocumentState state, String backOfficeStatus) {
        if (backOfficeStatus != null && backOfficeToStore.containsKey(backOfficeStatus)) {
            return Optional.of(backOfficeToStore.get(backOfficeStatus));
        }
        return state == null ? Optional.empty() : Optional.ofNullable(backOfficeToStore.get(state.configName()));
    }

    /** The same with other import statuses (a back office that takes only some, e.g. a warehouse). */
    public StatusSettings withImportStatuses(List<Integer> statuses) {
        return new StatusSettings(statuses, cancelStatuses, backOfficeToStore);
    }

    public boolean imports(int storeStatus) {
        return importStatuses.contains(storeStatus);
    }

    public boolean cancels(int storeStatus) {
        return cancelStatuses.contains(storeStatus);
    }

    private static void checkIds(List<Integer> ids, String field) {
        for (Integer id : ids) {
            InvalidConfig.require(id != null && id >= 0 && id <= LAST_STATUS, field,
                    "store status ids run from 0 to " + LAST_STATUS + ", was " + id);
        }
    }
}
