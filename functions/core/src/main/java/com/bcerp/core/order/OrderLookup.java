package com.bcerp.core.order;

import com.bcerp.core.model.StoreOrder;
import com.bcerp.core.port.Storefront;
import java.util.Optional;

/**
 * An order as the store has it now and what the back office holds for it, for the flows that act on an order after
 * its import (changes, refunds, payments); or why there is nothing to act on.
 */
public final class OrderLookup {

    /** What was found: the order and its documents, or the reason to leave it alone. */
    public sealed interface Result permits Found, Skipped {}

    public record Found(StoreOrder order, OrderDocuments documents) implements Result {}

    public record Skipped(String reason) implements Result {}

    private final Storefront store;
    private final OrderLedger ledger;
    private final OrderPolicy policy;

    public OrderLookup(Storefront store, OrderLedger ledger, OrderPolicy policy) {
        this.store = store;
        this.ledger = ledger;
        this.policy = policy;
    }

    /** Skipped when the store has no such order, or the connector leaves it alone (incomplete, before the start). */
    public Result find(String storeHash, long orderId) {
        Optional<StoreOrder> order = store.order(orderId);
        if (order.isEmpty()) {
            return new Skipped("the store has no order " + orderId);
        }
        Optional<String> ignored = policy.ignored(order.get());
        if (ignored.isPresent()) {
            return new Skipped(ignored.get());
        }
        return new Found(order.get(), ledger.documents(storeHash, orderId));
    }
}
