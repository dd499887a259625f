package com.bcerp.core.stock;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.port.Cursors;
import com.bcerp.core.port.InventorySource;
import com.bcerp.core.port.StockSnapshot;
import com.bcerp.core.port.StoreInventory;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.sync.Claim;
import com.bcerp.core.sync.FeedCursor;
import com.bcerp.core.sync.ProgressReport;
import com.bcerp.core.sync.SyncProgress;
import com.bcerp.core.unit.SellingUnits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Back-office stock to the store's locations, on a schedule: read what changed since the cursor, work out
 * available-to-sell per location (kits from their components), push only what differs from what the store last
 * accepted, and move the cursor only after the store accepted it all. A full reconcile pushes every SKU, to undo
 * drift (an edit in the store, a change the cursor missed); it runs on the first run, when one is due, when asked
 * for, and when so much changed that reading everything is the cheaper way.
 *
 * <p>One run at a time per store: a run holds a lease in {@link SyncState}, and a run that finds it held does nothing.
 */
public final class StockSync {

    private static final Logger log = LoggerFactory.getLogger(StockSync.class);

    /** How long a run may hold the store's lock (a Lambda runs 15 minutes at most). */
    static final Duration LOCK_LEASE = Duration.ofMinutes(15);
    /** SKUs read from the back office per request batch. */
    static final int CHUNK = 500;
    /**
     * More changed SKUs than this and the run reads everything instead (pushing only what differs from the
     * snapshot), so memory stays bounded.
     */
    static final int FULL_THRESHOLD = 50_000;

    public enum Mode {
        /** Changes since the cursor, or a full reconcile when one is due. */
        SCHEDULED,
        /** Every SKU, whatever the snapshot says. */
        FULL
    }

    private final InventorySource source;
    private final int fullThreshold;
    private final StoreInventory store;
    private final StockSnapshot snapshot;
    private final Cursors cursors;
    private final SyncState state;
    private final StockSettings settings;
    private final String storeHash;
    private final Clock clock;
    private final Availability availability;

    public StockSync(InventorySource source, StoreInventory store, StockSnapshot snapshot, Cursors cursors,
            SyncState state, StockSettings settings, String storeHash, Clock clock) {
        this(source, store, snapshot, cursors, state, settings, SellingUnits.none(), storeHash, clock, FULL_THRESHOLD);
    }

    /** @param units the store's selling units: a SKU sold as a pack shows whole packs */
    public StockSync(InventorySource source, StoreInventory store, StockSnapshot snapshot, Cursors cursors,
            SyncState state, StockSettings settings, SellingUnits units, String storeHash, Clock clock) {
        this(source, store, snapshot, cursors, state, settings, units, storeHash, clock, FULL_THRESHOLD);
    }

    /** @param fullThreshold more changed SKUs than this and the run scans everything (tests lower it) */
    StockSync(InventorySource source, StoreInventory store, StockSnapshot snapshot, Cursors cursors,
            SyncState state, StockSettings settings, String storeHash, Clock clock, int fullThreshold) {
        this(source, store, snapshot, cursors, state, settings, SellingUnits.none(), storeHash, clock, fullThreshold);
    }

    private StockSync(InventorySource source, StoreInventory store, StockSnapshot snapshot, Cursors cursors,
            SyncState state, StockSettings settings, SellingUnits units, String storeHash, Clock clock,
            int fullThreshold) {
        this.source = source;
        this.store = store;
        this.snapshot = snapshot;
        this.cursors = cursors;
        this.state = state;
        this.settings = settings;
        this.storeHash = storeHash;
        this.clock = clock;
        this.availability = new Availability(settings, units);
        this.fullThreshold = fullThreshold;
    }

    /** The state-table name of this store's cursor (shown by {@code ./connector ops status}). */
    public static String cursorName(String storeHash) {
        return "stock#" + storeHash;
    }

    public StockSyncReport run(Mode mode, SyncProgress listener) {
        long started = System.nanoTime();
        if (!settings.enabled()) {
            log.info("stock sync is switched off (stock.enabled: false)");
            return StockSyncReport.skipped(0);
        }
        String lock = "stock-sync#" + storeHash;
        if (state.claim(lock, LOCK_LEASE).status() != Claim.Status.ACQUIRED) {
            log.info("another stock sync holds {}; this run does nothing", lock);
            return StockSyncReport.skipped(elapsed(started));
        }
        try {
            checkMapping();
            Optional<FeedCursor> cursor = cursors.read(cursorName(storeHash));
            Instant startedAt = clock.instant();
            Optional<StockChanges> changes = Optional.empty();
            boolean scan = false;
            if (mode == Mode.SCHEDULED && cursor.isPresent() && !fullDue(cursor.get(), startedAt)) {
                changes = Optional.of(withParked(source.changedSince(
                        cursor.get().position().minusSeconds(settings.cursorOverlapSeconds()))));
                if (changes.get().everything() || changes.get().skus().size() > fullThreshold) {
                    // a scan still pushes only what changed, and leaves the reconcile's schedule alone
                    log.info("{}: reading everything, pushing what differs", changes.get().everything()
                            ? "the back office keeps no modification times on its stock"
                            : changes.get().skus().size() + " SKUs changed, more than " + fullThreshold);
                    changes = Optional.empty();
                    scan = true;
                }
            }
            List<KitDefinition> kits = source.kits();
            StockSyncReport report;
            if (scan) {
                report = full(kits, -1, false, listener, started);
                cursors.write(cursorName(storeHash), new FeedCursor(startedAt, cursor.get().lastFullRun(),
                        cursor.get().lastFullItems()));
            } else if (changes.isPresent()) {
                report = delta(changes.get(), kits, listener, started);
                Instant position = changes.get().newest().filter(n -> n.isAfter(cursor.get().position()))
                        .orElse(cursor.get().position());
                cursors.write(cursorName(storeHash), new FeedCursor(position, cursor.get().lastFullRun(), cursor.get().lastFullItems()));
            } else {
                if (cursor.isEmpty()) {
                    learnStoreCatalogue(listener);
                }
                report = full(kits, cursor.map(FeedCursor::lastFullItems).orElse(-1L), true, listener, started);
                // changes written while the full pass read are caught by the next delta, which reaches back this far
                cursors.write(cursorName(storeHash), new FeedCursor(startedAt, startedAt, report.read()));
            }
            log.info("stock sync {}{}: read {}, pushed {} in {} adjustment calls {}, unchanged {}, not in the store {}, "
                            + "untracked {}, parked {}, {} ms", report.mode(), report.quantitiesFrom().isEmpty() ? ""
                            : " (quantities from " + report.quantitiesFrom() + ")", report.read(), report.pushed(),
                    report.adjustmentCalls(), report.pushedByLocation(), report.unchanged(), report.notInStore(),
                    report.untracked(), report.parked(), report.elapsedMs());
            return report;
        } finally {
            state.release(lock);
        }
    }

    private StockSyncReport delta(StockChanges changes, List<KitDefinition> kits, SyncProgress listener, long started) {
        ProgressReport progress = new ProgressReport("stock sync (changes)", changes.skus().size(), listener, clock);
        StockPipeline pipeline = new StockPipeline(store, snapshot, state, storeHash, clock, false, progress);
        Map<String, KitDefinition> kitsBySku = bySku(kits);
        List<KitDefinition> affected = kits.stream().filter(k -> changes.skus().contains(k.sku())
                || k.components().stream().anyMatch(c -> changes.skus().contains(c.sku()))).toList();
        Set<String> neededComponents = componentsOf(affected);
        Map<String, Map<Long, Integer>> componentFigures = new HashMap<>();

        List<String> items = changes.skus().stream().filter(s -> !kitsBySku.containsKey(s)).sorted().toList();
        for (int i = 0; i < items.size(); i += CHUNK) {
            Map<String, Map<Long, Integer>> figures = figures(source.stock(items.subList(i, Math.min(items.size(), i + CHUNK))),
                    neededComponents, componentFigures);
            progress.read(figures.size());
            pipeline.offer(figures);
        }
        List<String> unread = neededComponents.stream().filter(c -> !componentFigures.containsKey(c)).sorted().toList();
        for (int i = 0; i < unread.size(); i += CHUNK) {
            figures(source.stock(unread.subList(i, Math.min(unread.size(), i + CHUNK))), neededComponents, componentFigures);
        }
        offerKits(affected, componentFigures, pipeline, progress);
        pipeline.finish();
        progress.end();
        return pipeline.report("delta", progress.read(), elapsed(started)).withQuantitiesFrom(changes.quantitiesFrom());
    }

    /** Every item read; {@code reconcile} pushes every figure, else only those that differ from the snapshot. */
    private StockSyncReport full(List<KitDefinition> kits, long expected, boolean reconcile, SyncProgress listener,
            long started) {
        ProgressReport progress = new ProgressReport(reconcile ? "stock sync (full reconcile)" : "stock sync (scan)",
                expected, listener, clock);
        StockPipeline pipeline = new StockPipeline(store, snapshot, state, storeHash, clock, reconcile, progress);
        Map<String, KitDefinition> kitsBySku = bySku(kits);
        Set<String> neededComponents = componentsOf(kits);
        Map<String, Map<Long, Integer>> componentFigures = new HashMap<>();
        source.forEachItem(page -> {
            List<ItemStock> items = page.stream().filter(i -> !kitsBySku.containsKey(i.sku())).toList();
            for (int i = 0; i < items.size(); i += CHUNK) {
                Map<String, Map<Long, Integer>> figures = figures(items.subList(i, Math.min(items.size(), i + CHUNK)),
                        neededComponents, componentFigures);
                progress.read(figures.size());
                pipeline.offer(figures);
            }
        });
        offerKits(kits, componentFigures, pipeline, progress);
        pipeline.finish();
        progress.end();
        return pipeline.report(reconcile ? "full" : "scan", progress.read(), elapsed(started));
    }

    /** Available-to-sell of each item, remembering the figures of kit components on the way. */
    private Map<String, Map<Long, Integer>> figures(List<ItemStock> items, Set<String> components,
            Map<String, Map<Long, Integer>> componentFigures) {
        Map<String, Map<Long, Integer>> figures = new LinkedHashMap<>();
        for (ItemStock item : items) {
            figures.put(item.sku(), availability.of(item));
            if (components.contains(item.sku())) {
                // a kit counts its components in base units, whatever unit the store sells them in
                componentFigures.put(item.sku(), availability.inBaseUnits(item));
            }
        }
        return figures;
    }

    private void offerKits(List<KitDefinition> kits, Map<String, Map<Long, Integer>> componentFigures,
            StockPipeline pipeline, ProgressReport progress) {
        Map<String, Map<Long, Integer>> figures = new LinkedHashMap<>();
        for (KitDefinition kit : kits) {
            figures.put(kit.sku(), availability.ofKit(kit, componentFigures));
            if (figures.size() == CHUNK) {
                progress.read(figures.size());
                pipeline.offer(figures);
                figures = new LinkedHashMap<>();
            }
        }
        progress.read(figures.size());
        pipeline.offer(figures);
    }

    /**
     * The first run learns which store item each SKU is in one pass over the store's catalogue, instead of asking
     * SKU by SKU; only the identities are written, so the full reconcile that follows still pushes every figure.
     */
    private void learnStoreCatalogue(SyncProgress listener) {
        ProgressReport progress = new ProgressReport("stock sync (learning the store's items)", -1, listener, clock);
        Instant now = clock.instant();
        store.forEachItem(page -> {
            List<String> skus = page.stream().map(StoreItem::sku).toList();
            Map<String, SnapshotEntry> known = snapshot.read(skus);
            List<SnapshotEntry> entries = new ArrayList<>();
            for (StoreItem item : page) {
                SnapshotEntry old = known.get(item.sku());
                if (old == null || !item.equals(old.item())) {
                    entries.add(new SnapshotEntry(item.sku(), item, Map.of(), now, old == null ? null : old.parked()));
                }
            }
            snapshot.write(entries);
            progress.read(page.size());
        });
        progress.end();
    }

    /**
     * The changes plus every SKU parked now: once the merchant fixed the cause (a tracking mode, a missing product),
     * the next scheduled run pushes it and takes it off the parked list, without waiting for a full reconcile.
     */
    private StockChanges withParked(StockChanges changes) {
        if (changes.everything()) {
            return changes;
        }
        String prefix = StockPipeline.recordKey(storeHash, "");
        Set<String> skus = new HashSet<>(changes.skus());
        state.parked().stream().map(p -> p.recordKey()).filter(k -> k.startsWith(prefix))
                .forEach(k -> skus.add(k.substring(prefix.length())));
        return new StockChanges(skus, changes.newest(), changes.quantitiesFrom());
    }

    /** Every mapped warehouse must exist in the back office and every target location in the store. */
    private void checkMapping() {
        Set<String> warehouses = source.warehouses();
        for (String warehouse : new TreeSet<>(settings.locations().keySet())) {
            if (!warehouses.contains(warehouse)) {
                throw new PermanentFailure("stock.locations." + warehouse, "stock.locations maps warehouse " + warehouse
                        + ", which the back office does not have (active warehouses: " + new TreeSet<>(warehouses) + ")");
            }
        }
        Set<Long> active = store.activeLocations();
        for (long location : availability.locations()) {
            if (!active.contains(location)) {
                throw new PermanentFailure("stock.locations", "stock is mapped to store location " + location
                        + ", which the store does not have or has switched off (active: " + new TreeSet<>(active) + ")");
            }
        }
    }

    private boolean fullDue(FeedCursor cursor, Instant now) {
        return cursor.lastFullRun().plus(Duration.ofHours(settings.fullReconcileHours())).isBefore(now);
    }

    private static Map<String, KitDefinition> bySku(List<KitDefinition> kits) {
        Map<String, KitDefinition> map = new HashMap<>();
        kits.forEach(k -> map.put(k.sku(), k));
        return map;
    }

    private static Set<String> componentsOf(List<KitDefinition> kits) {
        Set<String> skus = new HashSet<>();
        kits.forEach(k -> k.components().forEach(c -> skus.add(c.sku())));
        return skus;
    }

    private static long elapsed(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
