package com.bcerp.sandbox.extensiv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stock per customer, facility and item, the figures of {@code GET /inventory/stocksummaries} (erp-apis.md section 4.2,
 * 7.10 and 10.3.5, [E-STOCKSUM], [E-SHARP] StockSummary.cs): {@code totalReceived}, {@code onHand}, {@code allocated},
 * {@code onHold} and {@code available}.
 *
 * <p>Guesses (UNCONFIRMED, the research has the shape only): {@code available = onHand - allocated - onHold};
 * a receipt raises {@code totalReceived} and {@code onHand}; an adjustment moves {@code onHand} only and may not take it
 * below what is allocated; a confirmed (shipped) order takes what it shipped off {@code onHand} and frees its whole
 * allocation; a cancelled order frees its allocation. There is one qualifier, the empty one.
 */
final class Stock {

    /** One summary row; quantities are doubles as in the sample ({@code "onHand": 6.0}). */
    private static final class Row {
        final int customerId;
        final int facilityId;
        final int itemId;
        final String sku;
        double totalReceived;
        double onHand;
        double allocated;
        double onHold;

        Row(int customerId, int facilityId, int itemId, String sku) {
            this.customerId = customerId;
            this.facilityId = facilityId;
            this.itemId = itemId;
            this.sku = sku;
        }

        double available() {
            return onHand - allocated - onHold;
        }
    }

    private final ReentrantLock lock;
    private final Map<String, Row> rows = new LinkedHashMap<>();

    Stock(ReentrantLock lock) {
        this.lock = lock;
    }

    private Row row(int customerId, int facilityId, int itemId, String sku) {
        return rows.computeIfAbsent(customerId + "/" + facilityId + "/" + itemId,
                k -> new Row(customerId, facilityId, itemId, sku));
    }

    /** A receipt into a facility. */
    void receive(int customerId, int facilityId, int itemId, String sku, double qty) {
        if (qty <= 0) {
            throw new IllegalArgumentException("a receipt is a positive quantity, was " + qty);
        }
        lock.lock();
        try {
            Row r = row(customerId, facilityId, itemId, sku);
            r.totalReceived += qty;
            r.onHand += qty;
        } finally {
            lock.unlock();
        }
    }

    /** An adjustment of what is on hand (a count, damage); on hand may not drop below what is allocated. */
    void adjust(int customerId, int facilityId, int itemId, String sku, double delta) {
        lock.lock();
        try {
            Row r = row(customerId, facilityId, itemId, sku);
            if (r.onHand + delta < r.allocated) {
                throw new IllegalStateException("on hand of " + sku + " at facility " + facilityId + " would be "
                        + (r.onHand + delta) + ", below the " + r.allocated + " allocated");
            }
            r.onHand += delta;
        } finally {
            lock.unlock();
        }
    }

    /** Puts quantity on hold (or releases it, negative); on hold may not exceed what is not allocated. */
    void hold(int customerId, int facilityId, int itemId, String sku, double delta) {
        lock.lock();
        try {
            Row r = row(customerId, facilityId, itemId, sku);
            if (r.onHold + delta < 0 || r.onHold + delta > r.onHand - r.allocated) {
                throw new IllegalStateException("on hold of " + sku + " at facility " + facilityId + " would be "
                        + (r.onHold + delta) + " of " + (r.onHand - r.allocated) + " unallocated");
            }
            r.onHold += delta;
        } finally {
            lock.unlock();
        }
    }

    /** Allocates up to {@code qty} of what is available; returns the quantity allocated (the caller holds the lock). */
    double allocate(int customerId, int facilityId, int itemId, String sku, double qty) {
        Row r = row(customerId, facilityId, itemId, sku);
        double take = Math.max(0, Math.min(qty, r.available()));
        r.allocated += take;
        return take;
    }

    /** Frees an allocation (the caller holds the lock). */
    void release(int customerId, int facilityId, int itemId, double qty) {
        Row r = rows.get(customerId + "/" + facilityId + "/" + itemId);
        if (r != null) {
            r.allocated = Math.max(0, r.allocated - qty);
        }
    }

    /** Takes shipped quantity off on hand and frees the allocation it came from (the caller holds the lock). */
    void ship(int customerId, int facilityId, int itemId, double shipped, double allocation) {
        Row r = rows.get(customerId + "/" + facilityId + "/" + itemId);
        if (r != null) {
            r.onHand -= shipped;
            r.allocated = Math.max(0, r.allocated - allocation);
        }
    }

    /** One item's summary at a facility, or empty before it had stock there. */
    java.util.Optional<ObjectNode> summary(int customerId, int facilityId, int itemId) {
        lock.lock();
        try {
            return java.util.Optional.ofNullable(rows.get(customerId + "/" + facilityId + "/" + itemId))
                    .map(r -> summary(r.sku, r.itemId, r.facilityId, r.totalReceived, r.allocated, r.available(),
                            r.onHold, r.onHand));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The summaries, by facility then item id. {@code orderedNotAllocated} (customer/facility/item to quantity) is
     * added as a field when not null ({@code orderednotallocated=true}, [E-SHARP] StockSummary.cs).
     */
    List<ObjectNode> summaries(Map<String, Double> orderedNotAllocated) {
        return summaries(orderedNotAllocated, s -> true);
    }

    /** The summaries that pass {@code filter}, by facility then item id (only those are sorted). */
    List<ObjectNode> summaries(Map<String, Double> orderedNotAllocated, java.util.function.Predicate<? super ObjectNode> filter) {
        lock.lock();
        try {
            List<ObjectNode> out = new ArrayList<>();
            rows.values().forEach(r -> {
                ObjectNode s = summary(r.sku, r.itemId, r.facilityId, r.totalReceived, r.allocated, r.available(),
                        r.onHold, r.onHand);
                if (orderedNotAllocated != null) {
                    s.put("orderedNotAllocated", orderedNotAllocated.getOrDefault(
                            r.customerId + "/" + r.facilityId + "/" + r.itemId, 0.0));
                }
                if (filter.test(s)) {
                    out.add(s);
                }
            });
            out.sort(Comparator.<ObjectNode>comparingInt(s -> s.path("facilityId").asInt())
                    .thenComparingInt(s -> s.path("itemIdentifier").path("id").asInt()));
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** A sample summary with every field present, for RQL names (names on stock summaries are UNCONFIRMED). */
    static ObjectNode template() {
        ObjectNode t = summary("sku", 1, 1, 1, 1, 1, 1, 1);
        t.put("orderedNotAllocated", 1.0);
        return t;
    }

    private static ObjectNode summary(String sku, int itemId, int facilityId, double totalReceived, double allocated,
            double available, double onHold, double onHand) {
        ObjectNode s = Hal.NODES.objectNode();
        s.putObject("itemIdentifier").put("sku", sku).put("id", itemId);
        s.put("qualifier", "");
        s.put("totalReceived", totalReceived);
        s.put("allocated", allocated);
        s.put("available", available);
        s.put("onHold", onHold);
        s.put("onHand", onHand);
        s.put("facilityId", facilityId);
        return s;
    }
}
