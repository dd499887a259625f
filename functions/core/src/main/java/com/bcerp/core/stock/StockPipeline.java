package com.bcerp.core.stock;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.port.StockSnapshot;
import com.bcerp.core.port.StoreInventory;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.Outcome;
import com.bcerp.core.sync.ProgressReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns available-to-sell figures into as few absolute adjustments as the store allows: each figure is compared with
 * the snapshot of what the store last accepted (a full reconcile sends them all), grouped per location, and sent
 * {@value StoreInventory#MAX_ADJUSTMENTS} at a time. The snapshot is written only after the store accepted a batch,
 * so a run that stops half way sends the rest again next time instead of losing it.
 *
 * <p>Memory holds one offered chunk and at most one full batch per location, whatever the catalogue's size.
 */
final class StockPipeline {

    private static final Logger log = LoggerFactory.getLogger(StockPipeline.class);

    /** How long "the store has no such SKU" is believed before the store is asked again. */
    static final Duration ABSENT_RECHECK = Duration.ofHours(24);
    private static final int SIDE_WRITE_BATCH = 100;

    /** One figure waiting to be sent. */
    private record Pending(String sku, InventoryTarget target, int quantity, boolean changed) {}

    /**
     * A snapshot entry while batches still hold it: every flush updates this one copy, and it is written once, when
     * the last location it waits for has accepted its figure (a run that stops before then sends it again).
     */
    private static final class Live {
        SnapshotEntry entry;
        int waiting;
        boolean identityChanged;
        boolean dirty;

        Live(SnapshotEntry entry, boolean identityChanged) {
            this.entry = entry;
            this.identityChanged = identityChanged;
        }
    }

    private final StoreInventory store;
    private final StockSnapshot snapshot;
    private final SyncState state;
    private final String storeHash;
    private final Clock clock;
    private final boolean full;
    private final ProgressReport progress;
    private final Map<Long, LinkedHashMap<String, Pending>> buffers = new TreeMap<>();
    private final Map<String, Live> live = new HashMap<>();
    private final List<SnapshotEntry> sideWrites = new ArrayList<>();

    private long unchanged;
    private long calls;
    private long notInStore;
    private long untracked;
    private long parked;
    private final Map<Long, Long> pushedByLocation = new TreeMap<>();

    StockPipeline(StoreInventory store, StockSnapshot snapshot, SyncState state, String storeHash, Clock clock,
            boolean full, ProgressReport progress) {
        this.store = store;
        this.snapshot = snapshot;
        this.state = state;
        this.storeHash = storeHash;
        this.clock = clock;
        this.full = full;
        this.progress = progress;
    }

    static String recordKey(String storeHash, String sku) {
        return "stock#" + storeHash + "#" + sku;
    }

    /** Offers one chunk of figures: SKU to available-to-sell per location. */
    void offer(Map<String, Map<Long, Integer>> figures) {
        if (figures.isEmpty()) {
            return;
        }
        Map<String, SnapshotEntry> known = snapshot.read(figures.keySet());
        Instant now = clock.instant();
        Set<String> unidentified = figures.keySet().stream()
                .filter(sku -> needsIdentity(known.get(sku), now)).collect(Collectors.toSet());
        Map<String, StoreItem> found = unidentified.isEmpty() ? Map.of() : store.identify(unidentified);

        figures.forEach((sku, perLocation) -> {
            SnapshotEntry entry = known.get(sku);
            boolean identified = unidentified.contains(sku);
            if (identified) {
                StoreItem item = found.get(sku);
                boolean sameItem = entry != null && item != null && item.equals(entry.item());
                entry = new SnapshotEntry(sku, item, sameItem ? entry.pushed() : Map.of(), now,
                        entry == null ? null : entry.parked());
            }
            route(entry, perLocation, identified);
        });
        flushFullBuffers();
    }

    private void route(SnapshotEntry entry, Map<Long, Integer> perLocation, boolean identityChanged) {
        Optional<InventoryTarget> target = target(entry, identityChanged);
        if (target.isEmpty()) {
            return;
        }
        boolean buffered = false;
        for (Map.Entry<Long, Integer> figure : perLocation.entrySet()) {
            Integer last = entry.pushed().get(figure.getKey());
            boolean changed = last == null || last.intValue() != figure.getValue();
            if (!changed && !full && entry.parked() == null) {
                unchanged++;
                continue;
            }
            if (!buffered) {
                Live l = live.computeIfAbsent(entry.sku(), k -> new Live(null, false));
                l.entry = l.entry == null ? entry : l.entry;
                l.identityChanged |= identityChanged;
            }
            buffered = true;
            Pending replaced = buffers.computeIfAbsent(figure.getKey(), k -> new LinkedHashMap<>())
                    .put(entry.sku(), new Pending(entry.sku(), target.get(), figure.getValue(), changed));
            if (replaced == null) {
                live.get(entry.sku()).waiting++; // a SKU offered twice in one run waits once per location
            }
        }
        if (!buffered && identityChanged) {
            sideWrite(entry);
        }
    }

    /** Where the SKU's stock goes, or empty (counted, and parked when the merchant must fix a mapping). */
    private Optional<InventoryTarget> target(SnapshotEntry entry, boolean identityChanged) {
        if (entry.item() == null) {
            notInStore++;
            if (identityChanged) {
                sideWrite(entry);
            }
            return Optional.empty();
        }
        try {
            Optional<InventoryTarget> target = entry.item().target();
            if (target.isEmpty()) {
                untracked++;
                if (identityChanged) {
                    sideWrite(entry);
                }
            }
            return target;
        } catch (PermanentFailure e) {
            park(entry, e.getMessage());
            return Optional.empty();
        }
    }

    /** Unknown SKUs, parked ones (the merchant may have fixed the store), and "not in the store" grown old. */
    private boolean needsIdentity(SnapshotEntry entry, Instant now) {
        return entry == null || entry.parked() != null || entry.item() == null && (entry.identifiedAt() == null
                || entry.identifiedAt().plus(ABSENT_RECHECK).isBefore(now));
    }

    /** Sends full requests only; a chunk may take a buffer past the limit, whose rest waits for the next. */
    private void flushFullBuffers() {
        buffers.forEach((location, buffer) -> {
            while (buffer.size() >= StoreInventory.MAX_ADJUSTMENTS) {
                send(location, take(buffer), true);
            }
        });
    }

    private void flush(long location) {
        LinkedHashMap<String, Pending> buffer = buffers.get(location);
        while (buffer != null && !buffer.isEmpty()) {
            send(location, take(buffer), true);
        }
    }

    /** The oldest items of a buffer, at most one request's worth, taken out of it. */
    private static List<Pending> take(LinkedHashMap<String, Pending> buffer) {
        List<Pending> batch = new ArrayList<>(Math.min(buffer.size(), StoreInventory.MAX_ADJUSTMENTS));
        for (var it = buffer.values().iterator(); it.hasNext() && batch.size() < StoreInventory.MAX_ADJUSTMENTS; ) {
            batch.add(it.next());
            it.remove();
        }
        return batch;
    }

    private void send(long location, List<Pending> batch, boolean mayReidentify) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            calls++;
            store.setAbsolute(location, batch.stream().map(p -> new StockAdjustment(p.sku(), p.target(), p.quantity())).toList());
        } catch (StockItemsRefused refused) {
            log.warn("store refused {} items at location {}: {}", batch.size(), location, refused.getMessage());
            if (mayReidentify) {
                send(location, reidentify(batch), false);
            } else if (batch.size() == 1) {
                Live l = live.get(batch.get(0).sku());
                release(batch.get(0).sku());
                park(l.entry, "the store refused its stock at location " + location + ": " + refused.getMessage());
            } else {
                // isolate the items the store refuses; the others go through
                send(location, batch.subList(0, batch.size() / 2), false);
                send(location, batch.subList(batch.size() / 2, batch.size()), false);
            }
            return;
        }
        accepted(location, batch);
    }

    /** A tracking mode changed in the store since the SKUs were identified: ask again, and rebuild the batch. */
    private List<Pending> reidentify(List<Pending> batch) {
        Map<String, StoreItem> fresh = store.identify(batch.stream().map(Pending::sku).toList());
        Instant now = clock.instant();
        List<Pending> rebuilt = new ArrayList<>();
        for (Pending p : batch) {
            Live l = live.get(p.sku());
            StoreItem item = fresh.get(p.sku());
            l.entry = new SnapshotEntry(p.sku(), item, item != null && item.equals(l.entry.item()) ? l.entry.pushed()
                    : Map.of(), now, l.entry.parked());
            l.identityChanged = true;
            Optional<InventoryTarget> target = target(l.entry, true); // without a target, the new identity is written now
            if (target.isPresent()) {
                rebuilt.add(new Pending(p.sku(), target.get(), p.quantity(), true));
            } else {
                release(p.sku());
            }
        }
        return rebuilt;
    }

    private void accepted(long location, List<Pending> batch) {
        pushedByLocation.merge(location, (long) batch.size(), Long::sum);
        progress.pushed(batch.size());
        List<SnapshotEntry> writes = new ArrayList<>();
        for (Pending p : batch) {
            Live l = live.get(p.sku());
            if (l.entry.parked() != null) {
                unpark(p.sku());
            }
            l.dirty |= p.changed() || l.identityChanged || l.entry.parked() != null;
            l.entry = l.entry.withPushed(location, p.quantity());
            SnapshotEntry done = release(p.sku());
            if (done != null) {
                writes.add(done);
            }
        }
        if (!writes.isEmpty()) {
            snapshot.write(writes);
        }
    }

    /** One location fewer to wait for; returns the entry to write when that was the last and it changed. */
    private SnapshotEntry release(String sku) {
        Live l = live.get(sku);
        if (l != null && --l.waiting <= 0) {
            live.remove(sku);
            return l.dirty ? l.entry : null;
        }
        return null;
    }

    private void park(SnapshotEntry entry, String reason) {
        parked++;
        if (reason.equals(entry.parked())) {
            return; // parked already for this reason; ops have it
        }
        String key = recordKey(storeHash, entry.sku());
        state.park(key, reason);
        state.audit(new AuditRecord(key, UUID.randomUUID().toString(), clock.instant(), 0, Outcome.PARKED, "stock sync",
                null, reason));
        log.warn("{} parked: {}", key, reason);
        sideWrite(entry.withParked(reason));
    }

    private void unpark(String sku) {
        String key = recordKey(storeHash, sku);
        state.claim(key, Duration.ofMinutes(1));
        state.complete(key, "stock pushed");
        log.info("{} is no longer parked: its stock was pushed", key);
    }

    private void sideWrite(SnapshotEntry entry) {
        sideWrites.add(entry);
        if (sideWrites.size() >= SIDE_WRITE_BATCH) {
            snapshot.write(List.copyOf(sideWrites));
            sideWrites.clear();
        }
    }

    /** Sends what is left in every buffer and writes the remaining snapshot entries. */
    void finish() {
        for (Long location : List.copyOf(buffers.keySet())) {
            flush(location);
        }
        if (!sideWrites.isEmpty()) {
            snapshot.write(List.copyOf(sideWrites));
            sideWrites.clear();
        }
    }

    StockSyncReport report(String mode, long read, long elapsedMs) {
        long pushed = pushedByLocation.values().stream().mapToLong(Long::longValue).sum();
        return new StockSyncReport(mode, read, pushed, pushedByLocation, unchanged, calls, notInStore, untracked,
                parked, elapsedMs, "");
    }
}
