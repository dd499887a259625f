package com.bcerp.handlers.worker;

import com.bcerp.core.model.StoreEvent;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.Claim;
import com.bcerp.core.sync.Cursor;
import com.bcerp.core.sync.Outcome;
import com.bcerp.core.sync.ParkedRecord;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.metrics.provider.EmfMetricsProvider;
import software.amazon.lambda.powertools.metrics.provider.MetricsProvider;

/**
 * The connector's CloudWatch metrics, written as embedded-metric-format (EMF) log lines through Powertools metrics:
 * Lambda's log pipeline turns them into metrics, with no API call. Namespace {@value #NAMESPACE}; every metric has
 * the dimensions {@value #FUNCTION} (the function's role, e.g. {@value #ORDER_WORKER}) and {@value #BACK_OFFICE}
 * (the back office's name in the config); {@value #ORDERS_PARKED} also has {@value #REASON}, in a second dimension
 * set. The stack's alarms and dashboard read them (infra's Monitoring).
 *
 * <p>What is counted comes from seams, so core and the adapters stay unaware of metrics: the audit records the flows
 * write (their outcomes: synced, parked with the field that parked them) through {@link #observe(SyncState, String)},
 * the back office's order-side ports (calls, their failures and latency) through {@link #observe(BackOffice)}, the
 * 429s its HTTP client receives ({@link #throttled}, from the pacer {@link BackOfficeRegistry.Shared#pacer} gives
 * it), and a scheduled feed's cursor after its run ({@link Invocation#feed}). Counts are per invocation
 * ({@link #begin(String)} .. {@link Invocation#close()}), of the thread that began it, or of a thread it started
 * (a parallel stock read) when it is the only one open, as on Lambda: outside an invocation that began (the local
 * runtime, which prints no metric lines) nothing is recorded.
 */
public final class ConnectorMetrics {

    public static final String NAMESPACE = "BcErpConnector";
    public static final String FUNCTION = "function";
    public static final String BACK_OFFICE = "back_office";
    public static final String REASON = "reason";

    /** Orders created in, or linked to a document already in, the back office. */
    public static final String ORDERS_SYNCED = "OrdersSynced";
    /** Records of an order's path (the order, its changes, refunds, payments) parked until someone fixes them. */
    public static final String ORDERS_PARKED = "OrdersParked";
    /**
     * Creations that did not happen twice: a {@code store/order/created} delivered again found the order synced (its
     * claim), or an attempt found the order's document in the back office by its reference (linked, not created).
     */
    public static final String DUPLICATES_PREVENTED = "DuplicatesPrevented";
    /** Calls to the back office's order-side ports (customers, documents, payments). */
    public static final String BACK_OFFICE_CALLS = "BackOfficeCalls";
    /** Of those, the ones that failed: no answer after the retries, or an answer refusing the request. */
    public static final String BACK_OFFICE_CALL_FAILURES = "BackOfficeCallFailures";
    public static final String BACK_OFFICE_LATENCY = "BackOfficeLatency";
    /** From the store's event to the order in the back office. */
    public static final String SYNC_LAG = "SyncLagSeconds";
    /** Stock figures the stock sync pushed to the store. */
    public static final String STOCK_PUSHES = "StockPushes";
    /** Answers of 429 (too many requests) from the back office, retries included: its licence or quota is spent. */
    public static final String BACK_OFFICE_THROTTLED = "BackOfficeThrottled";
    /**
     * Answers of 429 from the store, retries included: another app spends the store's quota, or the connector's
     * share of it ({@code reliability.store_quota_share}) is too large. Its only dimension is {@value #FUNCTION}.
     */
    public static final String STORE_THROTTLED = "StoreThrottled";
    /**
     * After a scheduled feed's run: how long ago the feed last caught up, i.e. since a run wrote its cursor (having
     * brought every change it read to the store). Not the cursor's position, the newest change it saw, which stays
     * put while nothing changes in the back office.
     */
    public static final String FEED_LAG = "FeedLagSeconds";

    /** The {@value #FUNCTION} dimension's values. */
    public static final String ORDER_WORKER = "order-worker";
    public static final String STOCK_SYNC = "stock-sync";
    public static final String CATALOG_SYNC = "catalog-sync";
    public static final String FULFILMENT_SYNC = "fulfilment-sync";

    private static final Pattern FIELD = Pattern.compile("^([A-Za-z_][A-Za-z0-9_.\\[\\]]{0,80}):");
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

    private final MetricsProvider provider;
    private final Clock clock;
    private final ThreadLocal<Invocation> current = new ThreadLocal<>();
    private final Set<Invocation> open = ConcurrentHashMap.newKeySet();

    public ConnectorMetrics(MetricsProvider provider, Clock clock) {
        this.provider = provider;
        this.clock = clock;
    }

    /** On Lambda: EMF to standard output, where Lambda's log pipeline reads it. */
    public static ConnectorMetrics lambda(Clock clock) {
        return new ConnectorMetrics(new EmfMetricsProvider(), clock);
    }

    /** Starts counting this thread's work for {@code function}; closing the invocation writes the metrics. */
    public Invocation begin(String function) {
        Invocation invocation = new Invocation(function);
        current.set(invocation);
        open.add(invocation);
        return invocation;
    }

    /**
     * A handler's body, counted as one invocation of {@code function}; without metrics (the local runtime) it runs
     * with a null invocation and nothing is counted.
     */
    public static <R> R measured(ConnectorMetrics metrics, String function, Function<Invocation, R> body) {
        if (metrics == null) {
            return body.apply(null);
        }
        try (Invocation invocation = metrics.begin(function)) {
            return body.apply(invocation);
        }
    }

    /** The invocation the calling thread's work belongs to, if any. */
    private Invocation active() {
        Invocation mine = current.get();
        if (mine != null) {
            return mine;
        }
        Iterator<Invocation> all = open.iterator();
        Invocation only = all.hasNext() ? all.next() : null;
        return all.hasNext() ? null : only;
    }

    /** The back office named {@code backOffice} answered 429. */
    public void throttled(String backOffice) {
        Invocation invocation = active();
        if (invocation != null) {
            invocation.count(backOffice, BACK_OFFICE_THROTTLED, 1);
        }
    }

    /** The store answered 429. */
    public void storeThrottled() {
        Invocation invocation = active();
        if (invocation != null) {
            invocation.storeThrottled();
        }
    }

    /** The state as the flows of {@code backOffice} see it, counting the outcomes of the audit records they write. */
    public SyncState observe(SyncState state, String backOffice) {
        return new AuditObserver(state, backOffice);
    }

    /** The back office with its order-side ports counted and timed. */
    public BackOffice observe(BackOffice backOffice) {
        String name = backOffice.name();
        return backOffice.wrapped(new BackOffice.PortWrapper() {
            @Override
            public com.bcerp.core.port.Customers customers(com.bcerp.core.port.Customers port) {
                return timed(com.bcerp.core.port.Customers.class, port, name);
            }

            @Override
            public com.bcerp.core.port.SalesDocuments documents(com.bcerp.core.port.SalesDocuments port) {
                return timed(com.bcerp.core.port.SalesDocuments.class, port, name);
            }

            @Override
            public com.bcerp.core.port.Payments payments(com.bcerp.core.port.Payments port) {
                return timed(com.bcerp.core.port.Payments.class, port, name);
            }
        });
    }

    private <T> T timed(Class<T> type, T port, String backOffice) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(port, args);
            }
            long started = System.nanoTime();
            boolean failed = false;
            try {
                return method.invoke(port, args);
            } catch (InvocationTargetException e) {
                failed = true;
                throw e.getCause();
            } finally {
                Invocation invocation = active();
                if (invocation != null) {
                    invocation.call(backOffice, Duration.ofNanos(System.nanoTime() - started), failed);
                }
            }
        });
        return type.cast(proxy);
    }

    /**
     * The reason dimension of a parked record: the field its error names, without indexes ({@code lines[].itemId}),
     * so that one cause is one series; {@code other} when the error names none.
     */
    static String reason(String error) {
        if (error == null) {
            return "other";
        }
        Matcher field = FIELD.matcher(error.trim());
        return field.find() ? INDEX.matcher(field.group(1)).replaceAll("[]") : "other";
    }

    /** One invocation's counts, per back office; written when closed. */
    public final class Invocation implements AutoCloseable {

        private final String function;
        private final Map<String, Counts> byBackOffice = new LinkedHashMap<>();
        private int storeThrottled;

        private Invocation(String function) {
            this.function = function;
        }

        private Counts of(String backOffice) {
            return byBackOffice.computeIfAbsent(backOffice, b -> new Counts());
        }

        synchronized void audit(String backOffice, AuditRecord record) {
            boolean order = record.recordKey().startsWith("order#");
            if (order && (record.outcome() == Outcome.CREATED || record.outcome() == Outcome.LINKED_EXISTING)) {
                of(backOffice).synced++;
            }
            if (order && (record.outcome() == Outcome.LINKED_EXISTING || record.outcome() == Outcome.ALREADY_SYNCED
                    && record.trigger() != null && record.trigger().startsWith("store/order/created"))) {
                of(backOffice).duplicates++;
            }
            if (record.outcome() == Outcome.PARKED) {
                of(backOffice).parked.merge(reason(record.error()), 1, Integer::sum);
            }
        }

        synchronized void storeThrottled() {
            storeThrottled++;
        }

        synchronized void call(String backOffice, Duration took, boolean failed) {
            Counts counts = of(backOffice);
            counts.calls++;
            counts.failures += failed ? 1 : 0;
            counts.latencyMs.add((double) took.toNanos() / 1_000_000);
        }

        /** The lag of an order the event brought to {@code backOffice}, when it reached it now. */
        public synchronized void orderSynced(String backOffice, StoreEvent event, Outcome outcome) {
            if (event.isOrderEvent() && event.createdAt() > 0
                    && (outcome == Outcome.CREATED || outcome == Outcome.LINKED_EXISTING)) {
                of(backOffice).lagSeconds.add((double) Math.max(0, clock.millis() / 1000 - event.createdAt()));
            }
        }

        public synchronized void count(String backOffice, String metric, long value) {
            of(backOffice).counts.merge(metric, value, Long::sum);
        }

        /**
         * Runs a scheduled feed's pass and then records the feed's lag ({@code FeedLagSeconds}) from when its cursor was
         * last written ({@code caughtUp}): also when the pass threw (the lag grows while runs fail), not when it
         * skipped (the feed is off, or another run holds it and records its own), nor before a first cursor.
         */
        public <R> R feed(String backOffice, Supplier<Optional<Instant>> caughtUp, Supplier<R> pass,
                Predicate<R> skipped) {
            R report;
            try {
                report = pass.get();
            } catch (RuntimeException | Error e) {
                try {
                    feedLag(backOffice, caughtUp);
                } catch (RuntimeException unread) {
                    e.addSuppressed(unread);
                }
                throw e;
            }
            if (!skipped.test(report)) {
                feedLag(backOffice, caughtUp);
            }
            return report;
        }

        private void feedLag(String backOffice, Supplier<Optional<Instant>> caughtUp) {
            caughtUp.get().ifPresent(at -> {
                synchronized (this) {
                    of(backOffice).lags.put(FEED_LAG,
                            (double) Math.max(0, Duration.between(at, clock.instant()).toSeconds()));
                }
            });
        }

        /**
         * One EMF line per back office with every metric, one per parked reason, and one of the store's 429s; none
         * when nothing happened.
         */
        @Override
        public synchronized void close() {
            current.remove();
            open.remove(this);
            if (storeThrottled > 0) {
                Metrics store = metrics(DimensionSet.of(FUNCTION, function));
                store.addMetric(STORE_THROTTLED, storeThrottled, MetricUnit.COUNT);
                store.flush();
            }
            byBackOffice.forEach((backOffice, c) -> {
                DimensionSet dimensions = DimensionSet.of(FUNCTION, function, BACK_OFFICE, backOffice);
                Metrics metrics = metrics(dimensions);
                int written = 0;
                if (c.synced > 0) {
                    metrics.addMetric(ORDERS_SYNCED, c.synced, MetricUnit.COUNT);
                    written++;
                }
                if (c.duplicates > 0) {
                    metrics.addMetric(DUPLICATES_PREVENTED, c.duplicates, MetricUnit.COUNT);
                    written++;
                }
                if (c.calls > 0) {
                    metrics.addMetric(BACK_OFFICE_CALLS, c.calls, MetricUnit.COUNT);
                    metrics.addMetric(BACK_OFFICE_CALL_FAILURES, c.failures, MetricUnit.COUNT);
                    c.latencyMs.forEach(ms -> metrics.addMetric(BACK_OFFICE_LATENCY, ms, MetricUnit.MILLISECONDS));
                    written++;
                }
                for (double lag : c.lagSeconds) {
                    metrics.addMetric(SYNC_LAG, lag, MetricUnit.SECONDS);
                    written++;
                }
                for (Map.Entry<String, Double> lag : c.lags.entrySet()) {
                    metrics.addMetric(lag.getKey(), lag.getValue(), MetricUnit.SECONDS);
                    written++;
                }
                for (Map.Entry<String, Long> count : c.counts.entrySet()) {
                    metrics.addMetric(count.getKey(), count.getValue(), MetricUnit.COUNT);
                    written++;
                }
                if (written > 0) {
                    metrics.flush();
                }
                // by reason, and in all (the alarm's series), from the same line
                c.parked.forEach((reason, n) -> {
                    Metrics parked = metrics(dimensions);
                    parked.addDimension(DimensionSet.of(FUNCTION, function, BACK_OFFICE, backOffice,
                            REASON, reason));
                    parked.addMetric(ORDERS_PARKED, n, MetricUnit.COUNT);
                    parked.flush();
                });
            });
        }

        /** Timed now (the EMF library's clock: CloudWatch refuses lines timed far from their arrival). */
        private Metrics metrics(DimensionSet dimensions) {
            Metrics metrics = provider.getMetricsInstance();
            metrics.setNamespace(NAMESPACE);
            metrics.setDefaultDimensions(dimensions);
            return metrics;
        }
    }

    private static final class Counts {
        int synced;
        int duplicates;
        int calls;
        int failures;
        final List<Double> latencyMs = new ArrayList<>();
        final List<Double> lagSeconds = new ArrayList<>();
        final Map<String, Integer> parked = new LinkedHashMap<>();
        final Map<String, Long> counts = new LinkedHashMap<>();
        final Map<String, Double> lags = new LinkedHashMap<>();
    }

    /** The state, unchanged, with each audit record also counted in the thread's invocation. */
    private final class AuditObserver implements SyncState {

        private final SyncState state;
        private final String backOffice;

        AuditObserver(SyncState state, String backOffice) {
            this.state = state;
            this.backOffice = backOffice;
        }

        @Override
        public void audit(AuditRecord record) {
            state.audit(record);
            Invocation invocation = active();
            if (invocation != null) {
                invocation.audit(backOffice, record);
            }
        }

        @Override
        public Claim claim(String key, Duration lease) {
            return state.claim(key, lease);
        }

        @Override
        public void complete(String key, String result) {
            state.complete(key, result);
        }

        @Override
        public void complete(String key, String result, Instant expiresAt) {
            state.complete(key, result, expiresAt);
        }

        @Override
        public Optional<String> completed(String key) {
            return state.completed(key);
        }

        @Override
        public void park(String key, String reason) {
            state.park(key, reason);
        }

        @Override
        public void release(String key) {
            state.release(key);
        }

        @Override
        public List<AuditRecord> history(String recordKey) {
            return state.history(recordKey);
        }

        @Override
        public List<ParkedRecord> parked() {
            return state.parked();
        }

        @Override
        public Instant keptSince() {
            return state.keptSince();
        }

        @Override
        public Optional<Cursor> cursor(String name) {
            return state.cursor(name);
        }

        @Override
        public void saveCursor(String name, String position, String note) {
            state.saveCursor(name, position, note);
        }
    }
}
