package com.bcerp.core.stock;

import com.bcerp.core.config.InvalidConfig;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The merchant's choices for pushing back-office stock to the store ({@code stock:} in the config file).
 *
 * <p>Available to sell, per store location: for each back-office warehouse mapped to it, the figure the
 * {@code availability} rule names minus that warehouse's safety stock (never below 0), summed over the warehouses,
 * minus {@code reserve}, never below 0, whole units only.
 *
 * @param enabled              stock sync on or off
 * @param availability         the figure available-to-sell starts from
 * @param deductSafetyStock    subtract the back office's safety stock per warehouse
 * @param reserve              units per SKU and location held back from the store (e.g. for another sales channel)
 * @param locations            back-office warehouse to store location id; empty: every warehouse, summed into
 *                             {@code location}. Warehouses not listed are left out. Several may share a location.
 * @param location             the store location everything is summed into when {@code locations} is empty
 *                             (BigCommerce's default location is 1)
 * @param fullReconcileHours   a full reconcile (every SKU pushed, whatever the snapshot says) runs when the last one
 *                             is older than this; it catches drift such as edits made in the store
 * @param cursorOverlapSeconds how far each poll reaches back before the cursor, so a change written while the last
 *                             poll ran is not missed
 * @param ownedElsewhere       store location id to the system that owns its stock (a POS integration's own
 *                             location): never written, so mapping a warehouse to it is refused
 */
public record StockSettings(boolean enabled, AvailabilityRule availability, boolean deductSafetyStock, int reserve,
        Map<String, Long> locations, long location, int fullReconcileHours, int cursorOverlapSeconds,
        Map<Long, String> ownedElsewhere) {

    public StockSettings {
        InvalidConfig.require(availability != null, "availability",
                "must be one of on_hand, available, available_for_shipment");
        InvalidConfig.require(reserve >= 0, "reserve", "must be 0 or more, was " + reserve);
        if (locations != null) {
            locations.forEach((warehouse, id) -> InvalidConfig.require(id != null && id >= 1,
                    "locations." + warehouse, "must be a store location id (1 or more)"));
        }
        locations = locations == null ? Map.of() : Map.copyOf(locations);
        InvalidConfig.require(location >= 1, "location", "must be a store location id (1 or more), was " + location);
        InvalidConfig.require(fullReconcileHours >= 1 && fullReconcileHours <= 24 * 31, "full_reconcile_hours",
                "must be between 1 and 744, was " + fullReconcileHours);
        InvalidConfig.require(cursorOverlapSeconds >= 0 && cursorOverlapSeconds <= 3600, "cursor_overlap_seconds",
                "must be between 0 and 3600, was " + cursorOverlapSeconds);
        ownedElsewhere = ownedElsewhere == null ? Map.of() : Map.copyOf(ownedElsewhere);
        ownedElsewhere.forEach((id, owner) -> InvalidConfig.require(id != null && id >= 1 && owner != null
                && !owner.isBlank(), "owned_elsewhere." + id, "must be a store location id (1 or more) -> its owner"));
        // the one place a location's owner is decided: the sync writes only where warehouses are mapped
        Map<Long, String> owners = ownedElsewhere;
        new TreeMap<>(locations).forEach((warehouse, id) -> InvalidConfig.require(!owners.containsKey(id),
                "locations." + warehouse, "location " + id + " is owned by " + owners.get(id)
                        + " (stock.owned_elsewhere), so the connector never writes its stock"));
        InvalidConfig.require(!locations.isEmpty() || !owners.containsKey(location), "location",
                "location " + location + " is owned by " + owners.get(location)
                        + " (stock.owned_elsewhere); map warehouses to the connector's own locations in stock.locations");
    }

    public static StockSettings defaults() {
        return new StockSettings(true, AvailabilityRule.AVAILABLE, true, 0, Map.of(), 1, 24, 120, Map.of());
    }

    /**
     * These settings for a back office whose own settings map its warehouses to store locations ({@code served}):
     * unchanged when it maps none; {@code stock.locations} taken from it when that maps none; otherwise each warehouse
     * both map must go to the same location, else the config is refused naming the field.
     */
    public StockSettings servedBy(Map<String, Long> served, String servedField) {
        if (served.isEmpty()) {
            return this;
        }
        if (locations.isEmpty()) {
            return withLocations(served);
        }
        new TreeMap<>(served).forEach((warehouse, location) -> InvalidConfig.require(
                !locations.containsKey(warehouse) || locations.get(warehouse).equals(location), "stock.locations." + warehouse,
                "sends warehouse " + warehouse + "'s stock to location " + locations.get(warehouse) + ", but "
                        + servedField + " has it serve location " + location));
        return this;
    }

    /** The store location a warehouse's stock goes to; empty when the warehouse is left out. */
    public Optional<Long> locationOf(String warehouse) {
        return locations.isEmpty() ? Optional.of(location) : Optional.ofNullable(locations.get(warehouse));
    }

    /** Every store location stock is pushed to. */
    public Set<Long> targetLocations() {
        return locations.isEmpty() ? Set.of(location) : Set.copyOf(new TreeSet<>(locations.values()));
    }

    public StockSettings withLocations(Map<String, Long> newLocations) {
        return new StockSettings(enabled, availability, deductSafetyStock, reserve, newLocations, location,
                fullReconcileHours, cursorOverlapSeconds, ownedElsewhere);
    }

    public StockSettings withAvailability(AvailabilityRule rule) {
        return new StockSettings(enabled, rule, deductSafetyStock, reserve, locations, location, fullReconcileHours,
                cursorOverlapSeconds, ownedElsewhere);
    }

    public StockSettings withReserve(int units) {
        return new StockSettings(enabled, availability, deductSafetyStock, units, locations, location,
                fullReconcileHours, cursorOverlapSeconds, ownedElsewhere);
    }

    public StockSettings withOwnedElsewhere(Map<Long, String> owners) {
        return new StockSettings(enabled, availability, deductSafetyStock, reserve, locations, location,
                fullReconcileHours, cursorOverlapSeconds, owners);
    }
}
