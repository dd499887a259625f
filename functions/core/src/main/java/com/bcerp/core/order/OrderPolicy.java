package com.bcerp.core.order;

import com.bcerp.core.model.StoreOrder;
import java.time.Instant;
import java.util.Optional;

/**
 * Which store orders the connector deals with at all: never an incomplete checkout, never one created before the
 * sync start date or from a channel another integration owns (nor, then, their later changes, refunds and payments),
 * and imported only in a configured status.
 */
public final class OrderPolicy {

    private final Instant syncStart;
    private final java.util.Set<Integer> ignoredChannels;
    private final StatusSettings statuses;

    public OrderPolicy(OrderMappingSettings orders, StatusSettings statuses) {
        this.syncStart = orders.syncStart();
        this.ignoredChannels = orders.ignoredChannels();
        this.statuses = statuses;
    }

    /** Why the order and everything that happens to it are left alone; empty when the connector deals with it. */
    public Optional<String> ignored(StoreOrder order) {
        if (order.isIncomplete()) {
            return Optional.of(order.describe() + " is incomplete (checkout not finished)");
        }
        if (syncStart != null && order.createdAt().isBefore(syncStart)) {
            return Optional.of(order.describe() + " was created " + order.createdAt() + ", before the sync start date "
                    + syncStart);
        }
        if (ignoredChannels.contains(order.channelId())) {
            return Optional.of(order.describe() + " is from channel " + order.channelId()
                    + ", whose orders another integration imports (orders.ignored_channels)");
        }
        return Optional.empty();
    }

    /** Why the order is not imported now; empty when it is to be imported. */
    public Optional<String> notImported(StoreOrder order) {
        return ignored(order).or(() -> statuses.imports(order.statusId()) ? Optional.empty()
                : Optional.of(order.describe() + " is in status " + order.statusId() + " (" + order.status()
                        + "), which is not imported (statuses.import_statuses)"));
    }

    public boolean cancels(StoreOrder order) {
        return statuses.cancels(order.statusId());
    }
}
