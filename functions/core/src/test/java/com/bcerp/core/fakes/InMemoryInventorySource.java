package com.bcerp.core.fakes;

import com.bcerp.core.port.InventorySource;
import com.bcerp.core.stock.ItemStock;
import com.bcerp.core.stock.KitComponent;
import com.bcerp.core.stock.KitDefinition;
import com.bcerp.core.stock.StockChanges;
import com.bcerp.core.stock.WarehouseStock;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A back office's stock in memory, with modification times from the given clock, for core's stock tests. */
public final class InMemoryInventorySource implements InventorySource {

    private final Clock clock;
    private final Set<String> warehouses = new HashSet<>();
    private final Map<String, Map<String, WarehouseStock>> stock = new TreeMap<>();
    private final Map<String, Boolean> sellable = new TreeMap<>();
    private final Map<String, Instant> modified = new TreeMap<>();
    private final Map<String, KitDefinition> kits = new TreeMap<>();
    public final AtomicInteger stockCalls = new AtomicInteger();

    public InMemoryInventorySource(Clock clock, String... warehouses) {
        this.clock = clock;
        this.warehouses.addAll(List.of(warehouses));
    }

    /** Sets one item's figures in one warehouse (on hand, available, available for shipment, safety stock). */
    public InMemoryInventorySource set(String sku, String warehouse, int onHand, int available, int forShipment,
            int safety) {
        stock.computeIfAbsent(sku, k -> new TreeMap<>()).put(warehouse, new WarehouseStock(warehouse,
                BigDecimal.valueOf(onHand), BigDecimal.valueOf(available), BigDecimal.valueOf(forShipment),
                BigDecimal.valueOf(safety)));
        sellable.putIfAbsent(sku, true);
        modified.put(sku, clock.instant());
        return this;
    }

    /** On hand = available = available for shipment = {@code quantity}, no safety stock. */
    public InMemoryInventorySource set(String sku, String warehouse, int quantity) {
        return set(sku, warehouse, quantity, quantity, quantity, 0);
    }

    public InMemoryInventorySource sellable(String sku, boolean value) {
        sellable.put(sku, value);
        modified.put(sku, clock.instant());
        return this;
    }

    public InMemoryInventorySource kit(String sku, Object... componentAndQuantity) {
        List<KitComponent> components = new ArrayList<>();
        for (int i = 0; i < componentAndQuantity.length; i += 2) {
            components.add(new KitComponent((String) componentAndQuantity[i],
                    new BigDecimal(componentAndQuantity[i + 1].toString())));
        }
        kits.put(sku, new KitDefinition(sku, components));
        modified.put(sku, clock.instant());
        return this;
    }

    @Override
    public Set<String> warehouses() {
        return Set.copyOf(warehouses);
    }

    @Override
    public StockChanges changedSince(Instant since) {
        if (keepsNoModificationTimes) {
            return StockChanges.cannotTell();
        }
        Set<String> skus = new HashSet<>();
        Optional<Instant> newest = Optional.empty();
        for (Map.Entry<String, Instant> e : modified.entrySet()) {
            if (e.getValue().isAfter(since)) {
                skus.add(e.getKey());
                newest = newest.isEmpty() || e.getValue().isAfter(newest.get()) ? Optional.of(e.getValue()) : newest;
            }
        }
        return new StockChanges(skus, newest);
    }

    @Override
    public List<ItemStock> stock(Collection<String> skus) {
        stockCalls.incrementAndGet();
        return skus.stream().map(this::item).toList();
    }

    /** A back office without modification times on its stock (Uniconta) cannot say what changed. */
    public boolean keepsNoModificationTimes;

    /** Items per page of {@link #forEachItem}; a back office's pages need not be a multiple of core's chunks. */
    public int pageSize = 1000;

    @Override
    public void forEachItem(Consumer<List<ItemStock>> page) {
        List<ItemStock> buffer = new ArrayList<>();
        for (String sku : stock.keySet()) {
            buffer.add(item(sku));
            if (buffer.size() == pageSize) {
                page.accept(List.copyOf(buffer));
                buffer.clear();
            }
        }
        if (!buffer.isEmpty()) {
            page.accept(buffer);
        }
    }

    @Override
    public List<KitDefinition> kits() {
        return List.copyOf(kits.values());
    }

    private ItemStock item(String sku) {
        Map<String, WarehouseStock> byWarehouse = stock.get(sku);
        return byWarehouse == null ? ItemStock.gone(sku)
                : new ItemStock(sku, sellable.getOrDefault(sku, true), List.copyOf(new LinkedHashMap<>(byWarehouse).values()));
    }
}
