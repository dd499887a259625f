package com.bcerp.local.bench;

import com.bcerp.local.demo.OrderSeeder;
import com.bcerp.local.runtime.LocalBackOffice;
import com.bcerp.local.runtime.LocalRuntime;
import com.bcerp.local.runtime.TempDirs;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Orders imported under a rate limit, beside the ceiling the limit allows: the store's API quota, or Acumatica's
 * licence. With the queue's event source off, the orders are placed and their webhooks queued; then, from the start of
 * a fresh window, the worker imports them. Throughput is counted over the whole windows the run spans (the quota refreshes at each window's
 * start, so a partial window would flatter or punish the figure), and the ceiling is the quota divided by the limited
 * calls the connector made per order in the same run (the webhook-health job's included: it shares the quota).
 */
public final class ThroughputBench {

    /**
     * @param backOfficeRequestsPerMinute the connector's pace towards the back office
     *                             ({@code reliability.back_office_requests_per_minute}; 0: only on refusals)
     * @param imported             orders in the back office when the run ended (all of them, or those in by the timeout)
     * @param deadLettered         messages on the dead-letter queue when the run ended
     * @param ordersInWholeWindows orders in the back office at the end of the last whole window before the run ended
     * @param storeCallsPerOrder   the connector's store requests during the run, per order, 429s included
     * @param limitedCallsPerOrder the requests the limit counts, per order: the store's, or the back office's entity
     *                             calls (Acumatica's licence counts no sign-in)
     */
    public record Result(String limitedBy, String backOffice, int quotaPerWindow, double connectorShare,
            int backOfficeRequestsPerMinute, double windowSeconds, int orders, int imported, int deadLettered,
            int wholeWindows, int ordersInWholeWindows, double storeCallsPerOrder, double backOfficeCallsPerOrder,
            double limitedCallsPerOrder, long tooManyRequests, double elapsedSeconds) {

        @JsonProperty
        public double ordersPerHour() {
            return ordersInWholeWindows / (wholeWindows * windowSeconds) * 3600;
        }

        /** What the whole quota allows at the calls per order measured. */
        @JsonProperty
        public double ceilingPerHour() {
            return quotaPerWindow / windowSeconds * 3600 / limitedCallsPerOrder;
        }

        /** What the connector's configured share of the quota allows (the store's {@code store_quota_share}). */
        @JsonProperty
        public double shareCeilingPerHour() {
            return ceilingPerHour() * connectorShare;
        }

        @JsonProperty
        public double ratio() {
            return ordersPerHour() / ceilingPerHour();
        }

        @JsonProperty
        public double shareRatio() {
            return ordersPerHour() / shareCeilingPerHour();
        }
    }

    /** The quota while the orders are placed: the seeder's requests must not eat the run's. */
    private static final int SEEDING_QUOTA = 1_000_000;

    private ThroughputBench() {}

    /**
     * What binds a run: the store's API quota (fixed windows from the store's start), or Acumatica's licence (entity
     * calls per minute of the clock, sign-ins not counted) with the store's quota out of the way.
     */
    public enum Limit { STORE_QUOTA, ACUMATICA_LICENCE }

    /**
     * {@code orders} imported into the default back office (Acumatica) under {@code quota} requests per window, the
     * connector pacing itself to the back office at {@code backOfficeRequestsPerMinute} (0: only on refusals). A run
     * that has not imported every order by {@code timeout} ends there, saying how many it imported.
     */
    public static Result run(Limit limit, int quota, Duration window, int orders, int backOfficeRequestsPerMinute,
            Duration timeout) throws IOException, InterruptedException {
        if (limit == Limit.ACUMATICA_LICENCE && !window.equals(Duration.ofMinutes(1))) {
            throw new IllegalArgumentException("Acumatica's licence counts per minute, not per " + window);
        }
        Path stateDir = Files.createTempDirectory("bcerp-bench-throughput");
        LocalRuntime.Timing d = LocalRuntime.Timing.defaults();
        Duration storeWindow = limit == Limit.STORE_QUOTA ? window : d.quotaWindow();
        Path config = stateDir.resolve("connector.yaml");
        Files.writeString(config, "reliability:\n  back_office_requests_per_minute: " + backOfficeRequestsPerMinute + "\n");
        LocalRuntime.Options options = LocalRuntime.Options.defaults(stateDir).withConfigFile(config).withQuota(SEEDING_QUOTA).withTiming(
                // the catch-up off: its calls come with time, not orders, and while the orders wait on the queue it
                // would find them all unsynced
                d.withQuotaWindow(storeWindow).withCatchUpEvery(timeout.multipliedBy(2)));
        try (LocalRuntime runtime = LocalRuntime.start(options)) {
            BigCommerceSandbox store = runtime.bigcommerce();
            LocalBackOffice backOffice = runtime.backOffices().get(runtime.takingOrders().get(0));
            if (limit == Limit.ACUMATICA_LICENCE && !(backOffice instanceof LocalBackOffice.Acumatica)) {
                throw new IllegalArgumentException("the licence run needs Acumatica, not " + backOffice.type());
            }
            runtime.pump().enabled(false);
            // the merchant's checkouts cost the API nothing; the seeder places them through it, on a larger plan
            new OrderSeeder(store, 42).place(orders);
            if (!store.awaitDeliveriesIdle(timeout)) {
                throw new IllegalStateException("the store's webhooks were not all delivered within " + timeout);
            }
            String token = store.connectorAccessToken();
            AtomicLong storeRefused = new AtomicLong();
            store.onExchange(e -> {
                if (e.status() == 429 && token.equals(e.requestHeaders().get("x-auth-token"))) {
                    storeRefused.incrementAndGet();
                }
            });
            java.util.function.LongSupplier limitedCalls;
            java.util.function.LongSupplier refused;
            if (limit == Limit.STORE_QUOTA) {
                store.quotaPerWindow(quota);
                Thread.sleep(store.quota().resetMs() + 5); // start on a fresh window
                limitedCalls = () -> store.calls().total(token);
                refused = storeRefused::get;
            } else {
                Thread.sleep(60_000 - System.currentTimeMillis() % 60_000 + 5); // the next minute of the clock
                var calls = ((LocalBackOffice.Acumatica) backOffice).sandbox().calls();
                ((LocalBackOffice.Acumatica) backOffice).sandbox().faults().licenceLimit(quota);
                limitedCalls = () -> calls.total() - calls.tokenRequests();
                refused = () -> calls.byStatus().getOrDefault(429, 0);
            }
            long storeBefore = store.calls().total(token);
            long backOfficeBefore = backOffice.calls();
            long limitedBefore = limitedCalls.getAsLong();
            long refusedBefore = refused.getAsLong();
            long start = System.nanoTime();
            runtime.pump().enabled(true);
            long windowNanos = window.toNanos();
            int wholeWindows = 0;
            int atLastBoundary = 0;
            long deadline = start + timeout.toNanos();
            while (true) {
                int present = backOffice.orderTotalsByStoreOrder().size();
                long now = System.nanoTime();
                if (present >= orders || now > deadline) {
                    if (wholeWindows == 0) {
                        throw new IllegalStateException("the run fitted in one window: place more orders than the "
                                + quota + " requests a window allows for the limit to bind");
                    }
                    double share = limit == Limit.STORE_QUOTA
                            ? runtime.config().reliability().storeQuotaShare().doubleValue() : 1.0;
                    return new Result(limit.name().toLowerCase(), backOffice.type(), quota, share,
                            backOfficeRequestsPerMinute, window.toMillis() / 1000.0, orders, present,
                            runtime.aws().visibleAndInFlight(runtime.aws().deadLetterQueueUrl()), wholeWindows,
                            atLastBoundary,
                            (store.calls().total(token) - storeBefore) / (double) Math.max(1, present),
                            (backOffice.calls() - backOfficeBefore) / (double) Math.max(1, present),
                            (limitedCalls.getAsLong() - limitedBefore) / (double) Math.max(1, present),
                            refused.getAsLong() - refusedBefore, (now - start) / 1e9);
                }
                long nextBoundary = start + (wholeWindows + 1) * windowNanos;
                if (now >= nextBoundary) {
                    wholeWindows++;
                    atLastBoundary = present;
                } else {
                    Thread.sleep(Math.max(1, Math.min(50, (nextBoundary - now) / 1_000_000)));
                }
            }
        } finally {
            TempDirs.deleteQuietly(stateDir);
        }
    }
}
