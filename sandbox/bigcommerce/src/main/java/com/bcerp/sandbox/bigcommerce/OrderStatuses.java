package com.bcerp.sandbox.bigcommerce;

import java.util.List;

/** BigCommerce's order statuses, by id. */
final class OrderStatuses {

    private static final List<String> NAMES = List.of("Incomplete", "Pending", "Shipped", "Partially Shipped",
            "Refunded", "Cancelled", "Declined", "Awaiting Payment", "Awaiting Pickup", "Awaiting Shipment",
            "Completed", "Awaiting Fulfillment", "Manual Verification Required", "Disputed", "Partially Refunded");

    private OrderStatuses() {}

    static boolean exists(int id) {
        return id >= 0 && id < NAMES.size();
    }

    static String name(int id) {
        return NAMES.get(id);
    }
}
