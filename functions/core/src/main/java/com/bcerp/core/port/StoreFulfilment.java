package com.bcerp.core.port;

import com.bcerp.core.fulfilment.FulfilmentOrder;
import com.bcerp.core.fulfilment.ShipmentDraft;
import com.bcerp.core.fulfilment.StoreShipment;
import java.util.List;
import java.util.Optional;

/** The store's side of fulfilment: shipments, the order status and the staff notes. */
public interface StoreFulfilment {

    /** The order, or empty when the store has no such order. */
    Optional<FulfilmentOrder> order(long orderId);

    /** The order's shipments, oldest first. */
    List<StoreShipment> shipments(long orderId);

    StoreShipment createShipment(long orderId, ShipmentDraft draft);

    void setStatus(long orderId, int statusId);

    void setStaffNotes(long orderId, String staffNotes);
}
