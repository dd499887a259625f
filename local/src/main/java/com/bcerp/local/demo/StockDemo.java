package com.bcerp.local.demo;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.bcerp.core.sync.SyncProgress;
import com.bcerp.handlers.worker.StockSyncHandler;
import com.bcerp.local.runtime.LocalBackOffice;
import com.bcerp.local.runtime.LocalLambdaContext;
import com.bcerp.local.runtime.LocalRuntime;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.bcerp.sandbox.bigcommerce.Products;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stock scenario: a catalogue of {@code skus} items in both sandboxes, stocked in {@code warehouses} warehouses
 * mapped one to one to store locations; a first run of the stock-sync handler (which learns the store and pushes
 * everything); then {@code changed} items change in one warehouse each, and the handler runs again, either as
 * scheduled (changes only) or as a full reconcile. The report counts the store's absolute-adjustment calls from the
 * store sandbox's own call log, and checks every SKU at every location against the back office's figures computed
 * here, independently of the connector: available less safety stock, never below 0, whole units.
 */
public final class StockDemo {

    public record Options(int skus, int changed, boolean full, int warehouses, long seed) {
        public Options {
            if (skus < 1 || changed < 0 || changed > skus || warehouses < 1) {
                throw new IllegalArgumentException("need skus >= 1, 0 <= changed <= skus, warehouses >= 1");
            }
        }
    }

    /** What the measured run did and whether the store agrees with the back office afterwards. */
    public record Result(String backOffice, int skus, int changed, String mode, int locations, Map<Long, Integer> changedPerLocation,
            long expectedCalls, long bcInventoryCalls, long erpCalls, int mismatchedSkus, long elapsedMs,
            long peakHeapMb, long heapMaxMb, long seedMs, long initialSyncMs, Map<String, Object> handlerReport) {

        public boolean ok() {
            return mismatchedSkus == 0 && bcInventoryCalls == expectedCalls;
        }

        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("scenario", "stock");
            json.put("back_office", backOffice);
            json.put("mode", mode);
            json.put("skus", skus);
            json.put("changed", changed);
            json.put("locations", locations);
            json.put("locations_touched", changedPerLocation.values().stream().filter(n -> n > 0).count());
            json.put("changed_per_location", changedPerLocation);
            json.put("expected_bc_inventory_calls", expectedCalls);
            json.put("bc_inventory_calls", bcInventoryCalls);
            json.put("erp_calls", erpCalls);
            json.put("mismatched_skus", mismatchedSkus);
            json.put("elapsed_ms", elapsedMs);
            json.put("peak_heap_mb", peakHeapMb);
            json.put("heap_max_mb", heapMaxMb);
            json.put("seed_ms", seedMs);
            json.put("initial_sync_ms", initialSyncMs);
            json.put("handler_report", handlerReport);
            json.put("ok", ok());
            return json;
        }

        public String toText() {
            return String.format("""
                    stock demo (%s): %d SKUs, %d changed, %d locations
                      changed per location      %s
                      BigCommerce inventory calls %d (expected %d)
                      %-25s %d
                      SKUs the store disagrees on %d
                      elapsed                   %d ms (seeding %d ms, first run %d ms)
                      peak heap                 %d MB of %d MB
                      %s""", mode, skus, changed, locations, changedPerLocation, bcInventoryCalls, expectedCalls,
                    backOffice + " calls", erpCalls, mismatchedSkus, elapsedMs, seedMs, initialSyncMs, peakHeapMb, heapMaxMb,
                    ok() ? "OK: every SKU shows the back office's available-to-sell" : "NOT OK");
        }
    }

    static final String ABSOLUTE = "PUT /v3/inventory/adjustments/absolute";

    private StockDemo() {}

    /**
     * The config the scenario runs with: the n-th of {@code warehouses} to store location n, available less safety
     * stock. The poll's overlap is 0 here: the whole scenario takes seconds, so the default overlap (two minutes)
     * would read every seeded item again as "changed" (the snapshot would still send only what differs).
     */
    public static Path writeConfig(Path dir, List<String> warehouses) throws IOException {
        StringBuilder yaml = new StringBuilder("stock:\n  availability: available\n  cursor_overlap_seconds: 0\n"
                + "  locations:\n");
        for (int w = 0; w < warehouses.size(); w++) {
            yaml.append("    ").append(warehouses.get(w)).append(": ").append(w + 1).append('\n');
        }
        Path file = dir.resolve("stock-demo.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    public static Result run(LocalRuntime runtime, Options o, SyncProgress progress) {
        BigCommerceSandbox store = runtime.bigcommerce();
        LocalBackOffice backOffice = runtime.primary();
        LocalBackOffice.Stockroom erp = backOffice.stockroom().orElseThrow(() -> new IllegalArgumentException(
                "the stock scenario needs a back office that keeps stock; " + backOffice.type() + " keeps none here"));
        List<String> warehouses = LocalBackOffice.stockWarehouses(backOffice.type(), o.warehouses());
        Random random = new Random(o.seed());
        long seedStart = System.nanoTime();
        for (int w = 2; w <= o.warehouses(); w++) {
            store.inventory().addLocation("LOC-" + w, "Location " + w);
        }
        warehouses.forEach(erp::addWarehouse);
        // what the demo counted, per SKU and warehouse, so a change certainly moves the item's available-to-sell
        int cells = o.skus() * o.warehouses();
        int[] onHand = new int[cells];
        int[] committed = new int[cells];
        int[] safety = new int[cells];
        List<String> skus = new ArrayList<>(o.skus());
        for (int i = 1; i <= o.skus(); i++) {
            String sku = String.format("STK-%06d", i);
            skus.add(sku);
            BigDecimal price = BigDecimal.valueOf(500 + random.nextInt(20_000), 2);
            store.products().addSimple(sku, "Stock item " + i, price, Products.Tracking.PRODUCT);
            erp.addItem(sku, "Stock item " + i, price);
            for (int w = 0; w < o.warehouses(); w++) {
                int cell = (i - 1) * o.warehouses() + w;
                onHand[cell] = random.nextInt(10) == 0 ? 0 : random.nextInt(200);
                committed[cell] = random.nextInt(Math.min(onHand[cell], 5) + 1);
                safety[cell] = random.nextInt(10) == 0 ? 1 + random.nextInt(3) : 0;
                erp.count(sku, warehouses.get(w), onHand[cell], committed[cell], safety[cell]);
            }
        }
        long seedMs = millisSince(seedStart);

        StockSyncHandler handler = new StockSyncHandler(runtime.worker().stockSync(), progress);
        long initialStart = System.nanoTime();
        handler.handleRequest(event(false), new LocalLambdaContext("stock-sync", Duration.ofMinutes(15)));
        long initialSyncMs = millisSince(initialStart);

        Map<Long, Integer> changedPerLocation = new TreeMap<>();
        for (int w = 1; w <= o.warehouses(); w++) {
            changedPerLocation.put((long) w, 0);
        }
        List<Integer> shuffled = new ArrayList<>(o.skus());
        for (int i = 0; i < o.skus(); i++) {
            shuffled.add(i);
        }
        Collections.shuffle(shuffled, random);
        for (int i : shuffled.subList(0, o.changed())) {
            int w = random.nextInt(o.warehouses());
            int cell = i * o.warehouses() + w;
            // a delivery: more on hand than before and than is committed and held back, so available-to-sell rises
            onHand[cell] = Math.max(onHand[cell], committed[cell] + safety[cell]) + 1 + random.nextInt(20);
            erp.count(skus.get(i), warehouses.get(w), onHand[cell], committed[cell], safety[cell]);
            changedPerLocation.merge((long) w + 1, 1, Integer::sum);
        }

        long callsBefore = absoluteCalls(store);
        long erpBefore = backOffice.calls();
        HeapSampler heap = HeapSampler.start();
        long start = System.nanoTime();
        Map<String, Object> report = handler.handleRequest(event(o.full()),
                new LocalLambdaContext("stock-sync", Duration.ofMinutes(15)));
        long elapsedMs = millisSince(start);
        long peakHeapMb = heap.stop();
        long calls = absoluteCalls(store) - callsBefore;
        long erpCalls = backOffice.calls() - erpBefore;

        Map<String, Map<String, Integer>> shown = erp.availableToSell();
        long expected = 0;
        if (o.full()) {
            long inBoth = shown.keySet().stream().filter(s -> store.products().productIdOf(s).isPresent()).count();
            expected = o.warehouses() * ceilDiv(inBoth, 2000);
        } else {
            for (int n : changedPerLocation.values()) {
                expected += ceilDiv(n, 2000);
            }
        }
        return new Result(backOffice.type(), o.skus(), o.changed(), o.full() ? "full" : "delta", o.warehouses(),
                changedPerLocation, expected, calls, erpCalls, mismatched(store, shown, warehouses), elapsedMs,
                peakHeapMb, Runtime.getRuntime().maxMemory() / (1024 * 1024), seedMs, initialSyncMs, report);
    }

    /**
     * SKUs (of those in both systems) for which some location shows another figure than the back office's
     * available-to-sell in the warehouse mapped to it (the n-th warehouse to location n).
     */
    static int mismatched(BigCommerceSandbox store, Map<String, Map<String, Integer>> shown, List<String> warehouses) {
        int mismatched = 0;
        for (var item : shown.entrySet()) {
            if (store.products().productIdOf(item.getKey()).isEmpty()) {
                continue;
            }
            for (int w = 0; w < warehouses.size(); w++) {
                int expected = item.getValue().getOrDefault(warehouses.get(w), 0);
                if (store.inventory().quantity(item.getKey(), w + 1).orElse(-1) != expected) {
                    mismatched++;
                    break;
                }
            }
        }
        return mismatched;
    }

    private static long absoluteCalls(BigCommerceSandbox store) {
        return store.calls().byEndpoint(store.connectorAccessToken()).getOrDefault(ABSOLUTE, 0L);
    }

    private static ScheduledEvent event(boolean full) {
        ScheduledEvent e = new ScheduledEvent();
        e.setSource("aws.scheduler");
        e.setDetailType("Scheduled Event");
        e.setDetail(full ? Map.of("mode", "full") : Map.of());
        return e;
    }

    private static BigDecimal qty(int units) {
        return BigDecimal.valueOf(units);
    }

    private static long ceilDiv(long n, long d) {
        return (n + d - 1) / d;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** The most heap in use while a run goes on, sampled every 10 ms (garbage not yet collected included). */
    private static final class HeapSampler {
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        static HeapSampler start() {
            HeapSampler s = new HeapSampler();
            System.gc();
            s.thread = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
                while (s.running) {
                    s.peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            return s;
        }

        long stop() {
            running = false;
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return peak.get() / (1024 * 1024);
        }
    }
}
