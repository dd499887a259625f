package com.bcerp.core.port;

import com.bcerp.core.model.StoreOrder;
import java.util.Optional;

/** The store side (BigCommerce). */
public interface Storefront {

    /** The full order with lines, addresses and charges, or empty when the store has no such order. */
    Optional<StoreOrder> order(long orderId);
}
