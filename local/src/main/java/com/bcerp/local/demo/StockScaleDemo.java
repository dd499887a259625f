package com.bcerp.local.demo;

import com.bcerp.core.port.Cursors;
import com.bcerp.core.port.InventorySource;
import com.bcerp.core.port.StockSnapshot;
import com.bcerp.core.port.StoreInventory;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.stock.InventoryTracking;
import com.bcerp.core.stock.ItemStock;
import com.bcerp.core.stock.KitDefinition;
import com.bcerp.core.stock.SnapshotEntry;
import com.bcerp.core.stock.StockAdjustment;
import com.bcerp.core.stock.StockChanges;
import com.bcerp.core.stock.StockSettings;
import com.bcerp.core.stock.StockSync;
import com.bcerp.core.stock.StockSyncReport;
import com.bcerp.core.stock.StoreItem;
import com.bcerp.core.stock.WarehouseStock;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.Claim;
import com.bcerp.core.sync.Cursor;
import com.bcerp.core.sync.FeedCursor;
import com.bcerp.core.sync.ParkedRecord;
import com.bcerp.core.sync.SyncProgress;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The stock-scale scenario: how much memory core's stock sync needs for a full reconcile, whatever the catalogue's
 * size. The back office and the store are simulated without storing anything (each item's figures are computed from
 * its number when asked for, and the store only checks and counts what it is sent), so the heap holds only what the
 * sync itself holds. Run it with a small heap: {@code JAVA_OPTS=-Xmx64m ./connector demo --scenario stock-scale
 * --skus 1000000 --json}; holding the catalogue (a million SKUs and figures) would need several times that.
 */
public final class StockScaleDemo {

    private StockScaleDemo() {}

    public static Map<String, Object> run(int skus, SyncProgress progress) {
        Generated erp = new Generated(skus);
        CountingStore store = new CountingStore();
        StockSync sync = new StockSync(erp, store, new Forgetful(), new OneCursor(), new NoOtherRuns(),
                StockSettings.defaults(), "scale", Clock.systemUTC());
        long start = System.nanoTime();
        AtomicLong peak = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        StockSyncReport report = sync.run(StockSync.Mode.FULL, progress);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        sampler.interrupt();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", "stock-scale");
        json.put("skus", skus);
        json.put("mode", report.mode());
        json.put("bc_inventory_calls", store.calls.get());
        json.put("expected_bc_inventory_calls", (skus + 1999) / 2000);
        json.put("items_pushed", store.items.get());
        json.put("figures_match", store.quantities.get() == erp.expectedTotal());
        json.put("largest_request", store.largest.get());
        json.put("elapsed_ms", elapsedMs);
        json.put("peak_heap_mb", peak.get() / (1024 * 1024));
        json.put("heap_max_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        json.put("ok", store.calls.get() == (skus + 1999) / 2000 && store.items.get() == skus
                && store.quantities.get() == erp.expectedTotal() && store.largest.get() <= StoreInventory.MAX_ADJUSTMENTS);
        return json;
    }

    static String sku(int i) {
        return String.format("GEN-%08d", i);
    }

    static int quantity(String sku) {
        return Math.floorMod(sku.hashCode(), 500);
    }

    /** A back office of {@code n} items in one warehouse, computed on demand. */
    private record Generated(int n) implements InventorySource {
        public Set<String> warehouses() {
            return Set.of("MAIN");
        }

        public StockChanges changedSince(Instant since) {
            return new StockChanges(Set.of(), Optional.empty());
        }

        public List<ItemStock> stock(Collection<String> skus) {
            return skus.stream().map(Generated::item).toList();
        }

        public void forEachItem(Consumer<List<ItemStock>> page) {
            for (int from = 0; from < n; from += 500) {
                List<ItemStock> items = new ArrayList<>(500);
                for (int i = from; i < Math.min(n, from + 500); i++) {
                    items.add(item(sku(i)));
                }
                page.accept(items);
            }
        }

        public List<KitDefinition> kits() {
            return List.of();
        }

        long expectedTotal() {
            long total = 0;
            for (int i = 0; i < n; i++) {
                total += quantity(sku(i));
            }
            return total;
        }

        private static ItemStock item(String sku) {
            BigDecimal q = BigDecimal.valueOf(quantity(sku));
            return new ItemStock(sku, true, List.of(new WarehouseStock("MAIN", q, q, q, BigDecimal.ZERO)));
        }
    }

    /** A store that knows every SKU (a simple product each), checks each request's size and counts what it is sent. */
    private static final class CountingStore implements StoreInventory {
        final AtomicLong calls = new AtomicLong();
        final AtomicLong items = new AtomicLong();
        final AtomicLong quantities = new AtomicLong();
        final AtomicLong largest = new AtomicLong();

        public Set<Long> activeLocations() {
            return Set.of(1L);
        }

        public Map<String, StoreItem> identify(Collection<String> skus) {
            Map<String, StoreItem> found = new HashMap<>();
            skus.forEach(s -> found.put(s, item(s)));
            return found;
        }

        public void forEachItem(Consumer<List<StoreItem>> page) {
            // nothing to learn up front: identify() answers for any SKU
        }

        public void setAbsolute(long locationId, List<StockAdjustment> batch) {
            calls.incrementAndGet();
            items.addAndGet(batch.size());
            largest.accumulateAndGet(batch.size(), Math::max);
            batch.forEach(a -> quantities.addAndGet(a.quantity()));
        }

        private static StoreItem item(String sku) {
            long id = Long.parseLong(sku.substring(4));
            return new StoreItem(sku, id, id, true, InventoryTracking.PRODUCT);
        }
    }

    /** A snapshot that remembers nothing, so its own storage does not count against the heap. */
    private static final class Forgetful implements StockSnapshot {
        public Map<String, SnapshotEntry> read(Collection<String> skus) {
            return Map.of();
        }

        public void write(Collection<SnapshotEntry> entries) {
            // forgotten
        }
    }

    private static final class OneCursor implements Cursors {
        private FeedCursor cursor;

        public Optional<FeedCursor> read(String name) {
            return Optional.ofNullable(cursor);
        }

        public void write(String name, FeedCursor value) {
            cursor = value;
        }
    }

    /** The one run there is always gets the lock; nothing parks in this scenario. */
    private static final class NoOtherRuns implements SyncState {
        public Claim claim(String key, Duration lease) {
            return Claim.acquired(0);
        }

        public void complete(String key, String result) {}

        public void complete(String key, String result, java.time.Instant expiresAt) {}

        public Optional<String> completed(String key) {
            return Optional.empty();
        }

        public void park(String key, String reason) {
            throw new IllegalStateException("nothing should park here: " + reason);
        }

        public void release(String key) {}

        public void audit(AuditRecord record) {}

        public List<AuditRecord> history(String recordKey) {
            return List.of();
        }

        public List<ParkedRecord> parked() {
            return List.of();
        }

        public Optional<Cursor> cursor(String name) {
            return Optional.empty();
        }

        public void saveCursor(String name, String position, String note) {}

        public Instant keptSince() {
            return Instant.EPOCH;
        }
    }
}
