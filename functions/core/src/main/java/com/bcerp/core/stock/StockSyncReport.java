package com.bcerp.core.stock;

import java.util.Map;

/**
 * What one stock sync run did.
 *
 * @param mode              {@code delta}, {@code full}, or {@code skipped} (another run held the lock, or sync is off)
 * @param read              items whose available-to-sell was worked out (kits included)
 * @param pushed            item figures the store accepted, over all locations
 * @param pushedByLocation  location id to item figures the store accepted there
 * @param unchanged         item figures not sent because the store already had them (delta runs)
 * @param adjustmentCalls   absolute-adjustment requests sent to the store
 * @param notInStore        SKUs the store has no item for
 * @param untracked         SKUs whose product does not track inventory in the store
 * @param parked            SKUs whose stock cannot be pushed until the merchant fixes a mapping (in the parked list)
 * @param quantitiesFrom    a delta run's source of quantity changes, as {@link StockChanges#quantitiesFrom()}; empty
 *                          for other runs or a back office with one way
 */
public record StockSyncReport(String mode, long read, long pushed, Map<Long, Long> pushedByLocation, long unchanged,
        long adjustmentCalls, long notInStore, long untracked, long parked, long elapsedMs, String quantitiesFrom) {

    public StockSyncReport {
        pushedByLocation = Map.copyOf(pushedByLocation);
        quantitiesFrom = quantitiesFrom == null ? "" : quantitiesFrom;
    }

    static StockSyncReport skipped(long elapsedMs) {
        return new StockSyncReport("skipped", 0, 0, Map.of(), 0, 0, 0, 0, 0, elapsedMs, "");
    }

    StockSyncReport withQuantitiesFrom(String source) {
        return new StockSyncReport(mode, read, pushed, pushedByLocation, unchanged, adjustmentCalls, notInStore,
                untracked, parked, elapsedMs, source);
    }
}
