package com.bcerp.core.catalog;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.Money;
import com.bcerp.core.port.CatalogSource;
import com.bcerp.core.port.Cursors;
import com.bcerp.core.port.StoreCatalog;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.stock.InventoryTracking;
import com.bcerp.core.stock.StockSettings;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.Claim;
import com.bcerp.core.sync.FeedCursor;
import com.bcerp.core.sync.Outcome;
import com.bcerp.core.sync.ProgressReport;
import com.bcerp.core.sync.SyncProgress;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Back-office products to the store's catalogue, on a schedule: name, description, price, cost, sale price and weight;
 * a back-office template with variants becomes a store product with options and variants, created or completed as
 * needed. Only what differs is written, in the store's batch sizes. Items not enabled for e-commerce are never synced;
 * with item sync enforcement on, an item must also be stocked in a warehouse mapped to the store's locations.
 *
 * <p>A product the store refuses is parked with the reason, and the others go on. The cursor moves only when the run
 * finished.
 */
public final class CatalogSync {

    private static final Logger log = LoggerFactory.getLogger(CatalogSync.class);
    static final Duration LOCK_LEASE = Duration.ofMinutes(15);

    public enum Mode { SCHEDULED, FULL }

    private final CatalogSource source;
    private final StoreCatalog store;
    private final Cursors cursors;
    private final SyncState state;
    private final CatalogSettings settings;
    private final StockSettings stock;
    private final String storeHash;
    private final Clock clock;
    /** The store fields never written nor compared: those another system owns and those the back office lacks. */
    private final Set<CatalogField> notOurs;

    public CatalogSync(CatalogSource source, StoreCatalog store, Cursors cursors, SyncState state,
            CatalogSettings settings, StockSettings stock, String storeHash, Clock clock) {
        this.source = source;
        this.store = store;
        this.cursors = cursors;
        this.state = state;
        this.settings = settings;
        this.stock = stock;
        this.storeHash = storeHash;
        this.clock = clock;
        Set<CatalogField> fields = new java.util.HashSet<>(settings.ownedElsewhere());
        fields.addAll(source.fieldsNotKept());
        this.notOurs = Set.copyOf(fields);
    }

    /** The state-table name of this store's cursor (shown by {@code ./connector ops status}). */
    public static String cursorName(String storeHash) {
        return "catalog#" + storeHash;
    }

    static String recordKey(String storeHash, String sku) {
        return "catalog#" + storeHash + "#" + sku;
    }

    public CatalogSyncReport run(Mode mode, SyncProgress listener) {
        long started = System.nanoTime();
        if (!settings.productSync()) {
            log.info("product sync is switched off (catalog.product_sync: false)");
            return CatalogSyncReport.skipped(0);
        }
        String lock = "catalog-sync#" + storeHash;
        if (state.claim(lock, LOCK_LEASE).status() != Claim.Status.ACQUIRED) {
            log.info("another catalogue sync holds {}; this run does nothing", lock);
            return CatalogSyncReport.skipped(elapsed(started));
        }
        try {
            Optional<FeedCursor> cursor = cursors.read(cursorName(storeHash));
            Instant startedAt = clock.instant();
            // a back office without change times can only be read whole
            boolean full = mode == Mode.FULL || !source.tellsChanges() || cursor.isEmpty() || cursor.get().lastFullRun()
                    .plus(Duration.ofHours(settings.fullReconcileHours())).isBefore(startedAt);
            Optional<Instant> since = full ? Optional.empty()
                    : Optional.of(cursor.get().position().minusSeconds(settings.cursorOverlapSeconds()));
            Run run = new Run(new ProgressReport(full ? "catalogue sync (full)" : "catalogue sync (changes)",
                    full ? cursor.map(FeedCursor::lastFullItems).orElse(-1L) : -1, listener, clock));
            Optional<Instant> newest = source.forEachProduct(since, run::page);
            run.progress.end();
            Instant position = full ? startedAt : newest.filter(n -> n.isAfter(cursor.get().position()))
                    .orElse(cursor.get().position());
            cursors.write(cursorName(storeHash), full ? new FeedCursor(position, startedAt, run.progress.read())
                    : new FeedCursor(position, cursor.get().lastFullRun(), cursor.get().lastFullItems()));
            CatalogSyncReport report = run.report(full ? "full" : "changes", elapsed(started));
            log.info("catalogue sync {}: read {}, created {} products and {} variants, updated {} products and {} "
                            + "variants, unchanged {}, skipped {}, parked {}; {} product, {} variant and {} option "
                            + "requests, {} ms", report.mode(), report.read(), report.productsCreated(),
                    report.variantsCreated(), report.productsUpdated(), report.variantsUpdated(), report.unchanged(),
                    report.skipped(), report.parked(), report.productWrites(), report.variantWrites(),
                    report.optionWrites(), report.elapsedMs());
            return report;
        } finally {
            state.release(lock);
        }
    }

    /** One run's batches and counts. */
    private final class Run {
        final ProgressReport progress;
        final List<ProductWrite> productUpdates = new ArrayList<>();
        final List<VariantWrite> variantWrites = new ArrayList<>();
        long created;
        long updated;
        long variantsCreated;
        long variantsUpdated;
        long unchanged;
        long skipped;
        long productRequests;
        long variantRequests;
        long optionRequests;
        long parked;

        Run(ProgressReport progress) {
            this.progress = progress;
        }

        void page(List<CatalogProduct> products) {
            List<CatalogProduct> eligible = new ArrayList<>();
            for (CatalogProduct p : products) {
                if (p.problem() != null) {
                    park(p.sku(), p.problem());
                    continue;
                }
                eligible(p).ifPresent(eligible::add);
            }
            progress.read(products.size());
            Map<String, StoreProduct> existing = eligible.isEmpty() ? Map.of()
                    : store.findProducts(eligible.stream().map(CatalogProduct::sku).toList());
            for (CatalogProduct product : eligible) {
                try {
                    checkCurrency(product);
                    StoreProduct found = existing.get(product.sku());
                    if (found == null) {
                        create(product);
                    } else {
                        update(product, found);
                    }
                } catch (PermanentFailure e) {
                    park(product.sku(), e.getMessage());
                }
            }
            flushProducts();
            flushVariants();
        }

        /** The product with only the variants that may be synced, or empty when it may not be synced at all. */
        private Optional<CatalogProduct> eligible(CatalogProduct p) {
            if (!p.hasVariants()) {
                if (mayBeSynced(p.ecommerce(), p.warehouses())) {
                    return Optional.of(p);
                }
                skipped++;
                return Optional.empty();
            }
            List<CatalogVariant> variants = new ArrayList<>();
            for (CatalogVariant v : p.variants()) {
                if (mayBeSynced(v.ecommerce(), v.warehouses())) {
                    variants.add(v);
                } else {
                    skipped++;
                }
            }
            if (!p.ecommerce() || variants.isEmpty()) {
                skipped++;
                return Optional.empty();
            }
            return Optional.of(new CatalogProduct(p.sku(), p.fields(), true, p.warehouses(), p.optionNames(), variants,
                    null));
        }

        private boolean mayBeSynced(boolean ecommerce, Set<String> warehouses) {
            if (!ecommerce) {
                return false;
            }
            return !settings.itemSyncEnforcement()
                    || warehouses.stream().anyMatch(w -> stock.locationOf(w).isPresent());
        }

        private void checkCurrency(CatalogProduct p) {
            String currency = p.fields().price().currency();
            if (!currency.equals(settings.storeCurrency())) {
                throw new PermanentFailure("price", "product " + p.sku() + ": the back office prices it in " + currency
                        + " but the store's currency is " + settings.storeCurrency() + " (catalog.store_currency)");
            }
        }

        private void create(CatalogProduct p) {
            InventoryTracking tracking = p.hasVariants() ? InventoryTracking.VARIANT : InventoryTracking.PRODUCT;
            productRequests++;
            StoreProduct made = store.createProduct(new ProductWrite(null, p.sku(), p.fields(), tracking));
            created++;
            log.info("created store product {} for {}", made.id(), p.sku());
            if (p.hasVariants()) {
                completeVariants(p, made, List.of());
            }
        }

        private void update(CatalogProduct p, StoreProduct found) {
            boolean changed = !same(p.fields(), found);
            if (changed) {
                productUpdates.add(new ProductWrite(found.id(), p.sku(), p.fields(), found.tracking(),
                        notOurs));
                updated++;
                if (productUpdates.size() == StoreCatalog.MAX_PRODUCTS_PER_WRITE) {
                    flushProducts();
                }
            }
            if (p.hasVariants()) {
                changed |= completeVariants(p, found, null);
            }
            if (!changed) {
                unchanged++;
            }
        }

        /**
         * Creates the options, values and variants the store lacks and updates variants that differ. Returns whether
         * anything was written.
         *
         * @param knownOptions the product's options when already known (a new product has none); null to ask the
         *                     store only if a needed value is not visible on the existing variants
         */
        private boolean completeVariants(CatalogProduct p, StoreProduct found, List<StoreOption> knownOptions) {
            boolean wrote = false;
            List<StoreOption> options = knownOptions == null ? optionsSeenOn(found) : new ArrayList<>(knownOptions);
            if (knownOptions == null && missingValue(p, options)) {
                options = new ArrayList<>(store.options(found.id()));
            }
            for (String name : p.optionNames()) {
                Set<String> labels = new LinkedHashSet<>();
                for (CatalogVariant v : p.variants()) {
                    String label = v.options().get(name);
                    if (label == null || label.isBlank()) {
                        throw new PermanentFailure("Attributes." + name, "variant " + v.sku() + " of " + p.sku()
                                + " has no value for attribute " + name + ", which its template's variants differ by");
                    }
                    labels.add(label);
                }
                Optional<StoreOption> option = options.stream().filter(o -> o.name().equalsIgnoreCase(name)).findFirst();
                if (option.isEmpty()) {
                    optionRequests++;
                    options.add(store.createOption(found.id(), name, List.copyOf(labels)));
                    wrote = true;
                    continue;
                }
                StoreOption current = option.get();
                for (String label : labels) {
                    if (current.value(label).isEmpty()) {
                        optionRequests++;
                        StoreOption.Value added = store.createOptionValue(found.id(), current.id(), label);
                        List<StoreOption.Value> values = new ArrayList<>(current.values());
                        values.add(added);
                        options.remove(current);
                        current = new StoreOption(current.id(), current.name(), values);
                        options.add(current);
                        wrote = true;
                    }
                }
            }
            for (CatalogVariant v : p.variants()) {
                Optional<StoreVariant> existing = found.variant(v.sku());
                if (existing.isEmpty()) {
                    variantWrites.add(new VariantWrite(null, found.id(), v.sku(), v.fields(), optionValues(p, v, options)));
                    variantsCreated++;
                    wrote = true;
                } else if (!same(v.fields(), existing.get())) {
                    variantWrites.add(new VariantWrite(existing.get().id(), found.id(), v.sku(), v.fields(), List.of(),
                            notOurs));
                    variantsUpdated++;
                    wrote = true;
                }
                if (variantWrites.size() == StoreCatalog.MAX_VARIANTS_PER_WRITE) {
                    flushVariants();
                }
            }
            return wrote;
        }

        private List<VariantWrite.OptionValueRef> optionValues(CatalogProduct p, CatalogVariant v,
                List<StoreOption> options) {
            List<VariantWrite.OptionValueRef> refs = new ArrayList<>();
            for (String name : p.optionNames()) {
                StoreOption option = options.stream().filter(o -> o.name().equalsIgnoreCase(name)).findFirst()
                        .orElseThrow();
                StoreOption.Value value = option.value(v.options().get(name)).orElseThrow();
                refs.add(new VariantWrite.OptionValueRef(option.id(), value.id()));
            }
            return refs;
        }

        private void flushProducts() {
            if (productUpdates.isEmpty()) {
                return;
            }
            List<ProductWrite> batch = List.copyOf(productUpdates);
            productUpdates.clear();
            write(batch, store::updateProducts, ProductWrite::key, () -> productRequests++);
        }

        private void flushVariants() {
            if (variantWrites.isEmpty()) {
                return;
            }
            List<VariantWrite> batch = List.copyOf(variantWrites);
            variantWrites.clear();
            write(batch, store::writeVariants, VariantWrite::key, () -> variantRequests++);
        }

        /** Sends a batch; when the store refuses it, sends its items one by one so only the refused ones park. */
        private <T> void write(List<T> batch, Consumer<List<T>> send, java.util.function.Function<T, String> key,
                Runnable countRequest) {
            try {
                countRequest.run();
                send.accept(batch);
                progress.pushed(batch.size());
            } catch (PermanentFailure refused) {
                if (batch.size() == 1) {
                    park(key.apply(batch.get(0)), refused.getMessage());
                    return;
                }
                log.warn("the store refused a batch of {}: {}; sending them one by one", batch.size(), refused.getMessage());
                batch.forEach(item -> write(List.of(item), send, key, countRequest));
            }
        }

        private void park(String sku, String reason) {
            parked++;
            String key = recordKey(storeHash, sku);
            state.park(key, reason);
            state.audit(new AuditRecord(key, UUID.randomUUID().toString(), clock.instant(), 0, Outcome.PARKED,
                    "catalogue sync", null, reason));
            log.warn("{} parked: {}", key, reason);
        }

        CatalogSyncReport report(String mode, long elapsedMs) {
            return new CatalogSyncReport(mode, progress.read(), created, updated, variantsCreated, variantsUpdated,
                    unchanged, skipped, productRequests, variantRequests, optionRequests, parked, elapsedMs);
        }
    }

    /** The options and values a product's variants show: all that is needed unless a variant brings a new value. */
    private static List<StoreOption> optionsSeenOn(StoreProduct product) {
        Map<Long, StoreOption> options = new LinkedHashMap<>();
        for (StoreVariant v : product.variants()) {
            for (StoreVariant.OptionValue ov : v.optionValues()) {
                StoreOption option = options.getOrDefault(ov.optionId(), new StoreOption(ov.optionId(), ov.optionName(), List.of()));
                if (option.value(ov.label()).isEmpty()) {
                    List<StoreOption.Value> values = new ArrayList<>(option.values());
                    values.add(new StoreOption.Value(ov.valueId(), ov.label()));
                    option = new StoreOption(option.id(), option.name(), values);
                }
                options.put(ov.optionId(), option);
            }
        }
        return new ArrayList<>(options.values());
    }

    /** Whether a variant needs an option or value the known ones lack (the store may have it without a variant). */
    private static boolean missingValue(CatalogProduct p, List<StoreOption> options) {
        for (CatalogVariant v : p.variants()) {
            for (Map.Entry<String, String> o : v.options().entrySet()) {
                boolean known = options.stream().anyMatch(s -> s.name().equalsIgnoreCase(o.getKey())
                        && s.value(o.getValue()).isPresent());
                if (!known) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The fields the connector owns agree; those another system owns are not compared. */
    private boolean same(ProductFields want, StoreProduct have) {
        Set<CatalogField> theirs = notOurs;
        return (theirs.contains(CatalogField.NAME) || Objects.equals(want.name(), have.name()))
                && (theirs.contains(CatalogField.DESCRIPTION) || Objects.equals(want.description(), have.description()))
                && samePrices(want.price(), want.cost(), want.salePrice(), want.weight(), have.price(), have.cost(),
                        have.salePrice(), have.weight());
    }

    private boolean same(VariantFields want, StoreVariant have) {
        return samePrices(want.price(), want.cost(), want.salePrice(), want.weight(), have.price(), have.cost(),
                have.salePrice(), have.weight());
    }

    private boolean samePrices(Money price, Money cost, Money salePrice, BigDecimal weight, BigDecimal havePrice,
            BigDecimal haveCost, BigDecimal haveSalePrice, BigDecimal haveWeight) {
        Set<CatalogField> theirs = notOurs;
        return (theirs.contains(CatalogField.PRICE) || same(price, havePrice))
                && (theirs.contains(CatalogField.COST) || same(cost, haveCost))
                && (theirs.contains(CatalogField.SALE_PRICE) || salePrice == null || same(salePrice, haveSalePrice))
                && (theirs.contains(CatalogField.WEIGHT) || same(weight, haveWeight));
    }

    private static boolean same(Money want, BigDecimal have) {
        return same(want == null ? BigDecimal.ZERO : want.amount(), have);
    }

    private static boolean same(BigDecimal want, BigDecimal have) {
        return (want == null ? BigDecimal.ZERO : want).compareTo(have == null ? BigDecimal.ZERO : have) == 0;
    }

    private static long elapsed(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
