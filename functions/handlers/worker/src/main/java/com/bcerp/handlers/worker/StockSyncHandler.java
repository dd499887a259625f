package com.bcerp.handlers.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.bcerp.core.stock.StockSync;
import com.bcerp.core.stock.StockSyncReport;
import com.bcerp.core.sync.SyncProgress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The stock-sync schedule: back-office stock to the store, changes only, or a full reconcile when one is due or the
 * event's detail says {@code {"mode": "full"}}. A failure is thrown, so the invocation fails and alarms; the cursor
 * has not moved and the next run takes the work up again.
 */
public final class StockSyncHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private final StockSync sync;
    private final SyncProgress progress;
    /** Null off Lambda (the local runtime): no metric lines. */
    private final ConnectorMetrics metrics;
    private final String backOffice;
    private final Supplier<Optional<Instant>> caughtUp;

    /** Lambda's entry point. */
    public StockSyncHandler() {
        this(WorkerComposition.fromLambdaEnvironment());
    }

    private StockSyncHandler(WorkerComposition worker) {
        this(worker.stockSync(), SyncProgress.NONE, worker.metrics(), worker.stockFrom(),
                worker.caughtUp(StockSync.cursorName(worker.storeHash())));
    }

    public StockSyncHandler(StockSync sync, SyncProgress progress) {
        this(sync, progress, null, null, null);
    }

    /**
     * @param backOffice the back office the stock comes from
     * @param caughtUp   when the stock feed last caught up (its cursor written): its lag metric
     */
    public StockSyncHandler(StockSync sync, SyncProgress progress, ConnectorMetrics metrics, String backOffice,
            Supplier<Optional<Instant>> caughtUp) {
        this.sync = sync;
        this.progress = progress;
        this.metrics = metrics;
        this.backOffice = backOffice;
        this.caughtUp = caughtUp;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> ConnectorMetrics.measured(metrics,
                ConnectorMetrics.STOCK_SYNC, invocation -> run(event, invocation)));
    }

    private Map<String, Object> run(ScheduledEvent event, ConnectorMetrics.Invocation invocation) {
        StockSync.Mode mode = ScheduledRuns.full(event) ? StockSync.Mode.FULL : StockSync.Mode.SCHEDULED;
        StockSyncReport r = invocation == null ? sync.run(mode, progress) : invocation.feed(backOffice, caughtUp,
                () -> sync.run(mode, progress), report -> "skipped".equals(report.mode()));
        if (invocation != null) {
            invocation.count(backOffice, ConnectorMetrics.STOCK_PUSHES, r.pushed());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", r.mode());
        out.put("read", r.read());
        out.put("pushed", r.pushed());
        out.put("pushed_by_location", r.pushedByLocation());
        out.put("unchanged", r.unchanged());
        out.put("adjustment_calls", r.adjustmentCalls());
        out.put("not_in_store", r.notInStore());
        out.put("untracked", r.untracked());
        out.put("parked", r.parked());
        out.put("elapsed_ms", r.elapsedMs());
        if (!r.quantitiesFrom().isEmpty()) {
            out.put("quantities_from", r.quantitiesFrom());
        }
        return out;
    }
}
