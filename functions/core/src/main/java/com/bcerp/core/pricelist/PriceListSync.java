package com.bcerp.core.pricelist;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.port.PriceSource;
import com.bcerp.core.port.StorePriceLists;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.Claim;
import com.bcerp.core.sync.Outcome;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Back-office price classes to store price lists, delta only. For each mapping: the back office's prices today, the
 * store list's records, and then only what differs is written: a record whose price changed or that is new, in
 * upserts of at most {@link StorePriceLists#MAX_RECORDS_PER_UPSERT}; a record the back office no longer prices is
 * deleted. A run over unchanged prices sends no write. The join is the back-office item id = the variant's SKU
 * (without regard to case); the SKUs the store has no variant of are left out and logged.
 *
 * <p>A back-office price the store cannot take (no currency, a negative price) is parked naming the item and field;
 * a batch the store refuses is sent record by record so only the refused ones park, and the others go on. A run
 * holds the lock {@code price-lists#{store}} (a 15-minute lease), so runs never overlap; one that finds it held does
 * nothing. A mapping that names a customer group makes the list that group's one discount rule, unless it already
 * is; a group that does not exist, or that has discounts of its own (which the store allows no price list beside),
 * is parked naming {@code customer_group}.
 */
public final class PriceListSync {

    private static final Logger log = LoggerFactory.getLogger(PriceListSync.class);
    private static final Duration LOCK_LEASE = Duration.ofMinutes(15);

    private final PriceSource source;
    private final StorePriceLists store;
    private final SyncState state;
    private final PriceListSettings settings;
    private final String storeHash;
    private final Clock clock;

    public PriceListSync(PriceSource source, StorePriceLists store, SyncState state, PriceListSettings settings,
            String storeHash, Clock clock) {
        this.source = source;
        this.store = store;
        this.state = state;
        this.settings = settings;
        this.storeHash = storeHash;
        this.clock = clock;
    }

    static String recordKey(String storeHash, String list, String sku, String currency) {
        return "pricelist#" + storeHash + "#" + list + "#" + sku + "#" + currency;
    }

    public PriceListSyncReport run() {
        Run run = new Run();
        if (settings.mappings().isEmpty()) {
            return run.report();
        }
        String lock = "price-lists#" + storeHash;
        if (state.claim(lock, LOCK_LEASE).status() != Claim.Status.ACQUIRED) {
            log.info("another price-list sync holds {}; this run does nothing", lock);
            return run.report();
        }
        try {
            for (PriceListSettings.Mapping mapping : settings.mappings()) {
                run.sync(mapping);
            }
        } finally {
            state.release(lock);
        }
        PriceListSyncReport report = run.report();
        log.info("price lists: {} lists, {} prices read, {} records written, {} deleted, {} unchanged, {} unmatched, "
                + "{} refused, {} requests", report.lists(), report.read(), report.written(), report.deleted(),
                report.unchanged(), report.unmatched(), report.refused(), report.batches());
        return report;
    }

    /** A key of the join: the SKU in upper case and the currency. */
    private record Key(String sku, String currency) {

        static Key of(String sku, String currency) {
            return new Key(sku.toUpperCase(Locale.ROOT), currency.toUpperCase(Locale.ROOT));
        }
    }

    private final class Run {
        long lists;
        long read;
        long written;
        long deleted;
        long unchanged;
        long unmatched;
        long refused;
        long batches;
        long groupsAssigned;

        void sync(PriceListSettings.Mapping mapping) {
            lists++;
            String list = mapping.storePriceList();
            long listId = store.findOrCreate(list);
            Map<Key, StorePriceRecord> current = new HashMap<>();
            Map<String, Long> variants = new HashMap<>();
            for (StorePriceRecord r : store.records(listId)) {
                current.put(Key.of(r.sku(), r.currency()), r);
                variants.put(r.sku().toUpperCase(Locale.ROOT), r.variantId());
            }

            Map<Key, BackOfficePrice> wanted = new LinkedHashMap<>();
            for (BackOfficePrice p : source.prices(mapping.priceClass())) {
                read++;
                String problem = problem(p);
                if (problem != null) {
                    park(list, p.itemId(), p.currency(), "price class " + mapping.priceClass() + ", item "
                            + p.itemId() + ": " + problem);
                    continue;
                }
                wanted.put(Key.of(p.itemId(), p.currency()), p);
            }

            TreeSet<String> unknown = new TreeSet<>();
            wanted.keySet().stream().map(Key::sku).filter(s -> !variants.containsKey(s)).forEach(unknown::add);
            if (!unknown.isEmpty()) {
                store.variantIds(unknown).forEach((sku, id) -> variants.put(sku.toUpperCase(Locale.ROOT), id));
            }

            List<StorePriceRecord> writes = new ArrayList<>();
            TreeSet<String> unmatchedSkus = new TreeSet<>();
            for (Map.Entry<Key, BackOfficePrice> e : wanted.entrySet()) {
                Long variantId = variants.get(e.getKey().sku());
                if (variantId == null) {
                    unmatched++;
                    unmatchedSkus.add(e.getValue().itemId());
                    continue;
                }
                StorePriceRecord had = current.get(e.getKey());
                BigDecimal price = e.getValue().price();
                if (had != null && had.price() != null && had.price().compareTo(price) == 0) {
                    unchanged++;
                } else {
                    writes.add(new StorePriceRecord(variantId, e.getValue().itemId(), e.getKey().currency(), price));
                }
            }
            if (!unmatchedSkus.isEmpty()) {
                log.warn("price list {}: {} items of price class {} are no store variant's SKU, left out: {}", list,
                        unmatchedSkus.size(), mapping.priceClass(), unmatchedSkus);
            }
            for (int i = 0; i < writes.size(); i += StorePriceLists.MAX_RECORDS_PER_UPSERT) {
                upsert(list, listId, writes.subList(i, Math.min(writes.size(), i + StorePriceLists.MAX_RECORDS_PER_UPSERT)));
            }

            Map<String, List<Long>> gone = new TreeMap<>();
            current.forEach((key, r) -> {
                if (!wanted.containsKey(key)) {
                    gone.computeIfAbsent(key.currency(), c -> new ArrayList<>()).add(r.variantId());
                }
            });
            gone.forEach((currency, ids) -> {
                ids.sort(null);
                for (int i = 0; i < ids.size(); i += StorePriceLists.MAX_VARIANTS_PER_DELETE) {
                    List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + StorePriceLists.MAX_VARIANTS_PER_DELETE));
                    batches++;
                    store.delete(listId, currency, chunk);
                    deleted += chunk.size();
                }
            });
            if (mapping.customerGroup() != null) {
                assignGroup(list, listId, mapping.customerGroup());
            }
        }

        /** The group's shoppers get the list; a group with discounts of its own is the merchant's to change. */
        private void assignGroup(String list, long listId, String groupName) {
            Optional<StoreCustomerGroup> group = store.customerGroup(groupName);
            String problem = group.isEmpty() ? "customer_group: the store has no customer group named " + groupName
                    : group.get().otherDiscounts() ? "customer_group: the group " + groupName + " has discounts of its "
                            + "own, and the store allows no price list beside them; remove them to give it " + list
                    : null;
            if (problem != null) {
                refused++;
                String key = "pricelist#" + storeHash + "#" + list + "#group";
                state.park(key, problem);
                state.audit(new AuditRecord(key, UUID.randomUUID().toString(), clock.instant(), 0, Outcome.PARKED,
                        "price-list sync", null, problem));
                log.warn("{} parked: {}", key, problem);
                return;
            }
            if (!Long.valueOf(listId).equals(group.get().priceListId())) {
                store.assign(group.get().id(), listId);
                groupsAssigned++;
            }
        }

        /** Sends a batch; when the store refuses it, sends its records one by one so only the refused ones park. */
        private void upsert(String list, long listId, List<StorePriceRecord> batch) {
            try {
                batches++;
                store.upsert(listId, List.copyOf(batch));
                written += batch.size();
            } catch (PermanentFailure refusedBatch) {
                if (batch.size() == 1) {
                    StorePriceRecord r = batch.get(0);
                    park(list, r.sku(), r.currency(), refusedBatch.getMessage());
                    return;
                }
                log.warn("price list {}: the store refused a batch of {}: {}; sending them one by one", list,
                        batch.size(), refusedBatch.getMessage());
                batch.forEach(r -> upsert(list, listId, List.of(r)));
            }
        }

        private void park(String list, String sku, String currency, String reason) {
            refused++;
            String key = recordKey(storeHash, list, sku, currency);
            state.park(key, reason);
            state.audit(new AuditRecord(key, UUID.randomUUID().toString(), clock.instant(), 0, Outcome.PARKED,
                    "price-list sync", null, reason));
            log.warn("{} parked: {}", key, reason);
        }

        PriceListSyncReport report() {
            return new PriceListSyncReport(lists, read, written, deleted, unchanged, unmatched, refused, batches,
                    groupsAssigned);
        }
    }

    /** Why the store cannot take this back-office price, naming the field; null when it can. */
    private static String problem(BackOfficePrice p) {
        if (p.itemId() == null || p.itemId().isBlank()) {
            return "the item id is empty";
        }
        if (p.currency() == null || !p.currency().matches("[A-Za-z]{3}")) {
            return "currency must be an ISO 4217 code, was " + p.currency();
        }
        if (p.price() == null || p.price().signum() < 0) {
            return "price must be a number of at least 0, was " + p.price();
        }
        return null;
    }
}
