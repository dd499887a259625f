package com.bcerp.core.stock;

import com.bcerp.core.unit.SellingUnits;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Available-to-sell per store location, from the back office's figures and the merchant's {@link StockSettings}.
 * Every target location gets a figure (0 where no mapped warehouse holds the item), so stock that left a warehouse
 * does not linger in the store. The back office counts in base units; a SKU sold as a pack or case
 * ({@link SellingUnits}) shows the whole packs each warehouse holds, rounded down, since a pack ships from one warehouse.
 */
public final class Availability {

    /** The most BigCommerce keeps per location; above it the Inventory API refuses to save. */
    static final int STORE_MAXIMUM = Integer.MAX_VALUE;

    private final StockSettings settings;
    private final Set<Long> locations;
    private final SellingUnits units;

    public Availability(StockSettings settings) {
        this(settings, SellingUnits.none());
    }

    public Availability(StockSettings settings, SellingUnits units) {
        this.settings = settings;
        this.locations = settings.targetLocations();
        this.units = units;
    }

    public Set<Long> locations() {
        return locations;
    }

    /** Location id to available-to-sell, in the store's selling unit of the SKU. */
    public Map<Long, Integer> of(ItemStock item) {
        return figures(item, true);
    }

    /** Location id to available-to-sell in the item's base unit, as a kit's components count. */
    public Map<Long, Integer> inBaseUnits(ItemStock item) {
        return figures(item, false);
    }

    private Map<Long, Integer> figures(ItemStock item, boolean inStoreUnits) {
        Map<Long, BigDecimal> sums = new HashMap<>();
        locations.forEach(l -> sums.put(l, BigDecimal.ZERO));
        if (item.sellable()) {
            for (WarehouseStock w : item.warehouses()) {
                BigDecimal figure = inStoreUnits ? units.storeUnits(item.sku(), sellable(w)) : sellable(w);
                settings.locationOf(w.warehouse()).ifPresent(location -> sums.merge(location, figure, BigDecimal::add));
            }
        }
        Map<Long, Integer> result = new HashMap<>();
        sums.forEach((location, sum) -> result.put(location, wholeUnits(sum.subtract(BigDecimal.valueOf(settings.reserve())))));
        return result;
    }

    /**
     * A kit's available-to-sell per location: the least, over its components, of whole kits their stock makes up
     * there. A component that ran out (or that the back office does not know) makes the kit 0.
     *
     * @param components component SKU to its available-to-sell per location (as {@link #of} gives it)
     */
    public Map<Long, Integer> ofKit(KitDefinition kit, Map<String, Map<Long, Integer>> components) {
        Map<Long, Integer> result = new HashMap<>();
        for (long location : locations) {
            long kits = kit.components().isEmpty() ? 0 : Long.MAX_VALUE;
            for (KitComponent c : kit.components()) {
                int have = components.getOrDefault(c.sku(), Map.of()).getOrDefault(location, 0);
                long whole = c.quantity().signum() <= 0 ? 0
                        : BigDecimal.valueOf(have).divide(c.quantity(), 0, RoundingMode.FLOOR).longValue();
                kits = Math.min(kits, whole);
            }
            result.put(location, (int) Math.min(kits, STORE_MAXIMUM));
        }
        return result;
    }

    /** What one warehouse contributes: the rule's figure less its safety stock, never below 0. */
    private BigDecimal sellable(WarehouseStock w) {
        BigDecimal figure = settings.availability().pick(w);
        if (settings.deductSafetyStock()) {
            figure = figure.subtract(w.safetyStock());
        }
        return figure.max(BigDecimal.ZERO);
    }

    private static int wholeUnits(BigDecimal quantity) {
        if (quantity.signum() <= 0) {
            return 0;
        }
        BigDecimal whole = quantity.setScale(0, RoundingMode.FLOOR);
        return whole.compareTo(BigDecimal.valueOf(STORE_MAXIMUM)) >= 0 ? STORE_MAXIMUM : whole.intValue();
    }
}
