package com.bcerp.core.port;

import com.bcerp.core.model.OrderChange;
import java.time.Instant;
import java.util.List;

/** The store's list of recently modified orders, which the catch-up poll reads (BigCommerce: {@code GET /v2/orders}). */
public interface OrderChangeFeed {

    /**
     * One page of the orders modified at or after {@code since} (inclusive), oldest modification first, ties by id;
     * pages count from 1. A page shorter than {@code limit} is the last.
     */
    List<OrderChange> ordersModifiedSince(Instant since, int page, int limit);
}
