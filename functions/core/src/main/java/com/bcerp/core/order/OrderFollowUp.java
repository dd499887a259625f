package com.bcerp.core.order;

import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.model.StoreOrder;

/**
 * Work that belongs to an order's import and runs in the same attempt, once its sales order exists: the order's
 * payments, and refunds that were made before the order could be imported. A failure it cannot park itself fails
 * the attempt, which is retried whole (the sales order is then found by its reference, not created again).
 */
public interface OrderFollowUp {

    void afterImport(StoreOrder order, PostedDocument salesOrder, String trigger);
}
