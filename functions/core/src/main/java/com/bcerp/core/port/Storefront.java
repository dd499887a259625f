package com.bcerp.core.port;

import com.bcerp.core.model.PaymentTransaction;
import com.bcerp.core.model.StoreCustomer;
import com.bcerp.core.model.StoreOrder;
import com.bcerp.core.model.StoreRefund;
import com.bcerp.core.model.StoreTax;
import java.util.List;
import java.util.Optional;

/** The store side (BigCommerce). */
public interface Storefront {

    /** The full order with lines, addresses and charges, or empty when the store has no such order. */
    Optional<StoreOrder> order(long orderId);

    /** Every tax the store applied to the order, per part of the order (for mapping tax classes). */
    List<StoreTax> taxes(StoreOrder order);

    /** The order's payment transactions, oldest first; empty when it has none. */
    List<PaymentTransaction> transactions(long orderId);

    /** The order's refunds, oldest first, in its currency; empty when it has none. */
    List<StoreRefund> refunds(StoreOrder order);

    /** The registered customer with its addresses, or empty when the store has no such customer (deleted). */
    Optional<StoreCustomer> customer(long customerId);
}
