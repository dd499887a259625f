package com.bcerp.handlers.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.bcerp.core.stock.StockSync;
import com.bcerp.core.stock.StockSyncReport;
import com.bcerp.core.sync.SyncProgress;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The stock-sync schedule: back-office stock to the store, changes only, or a full reconcile when one is due or the
 * event's detail says {@code {"mode": "full"}}. A failure is thrown, so the invocation fails and alarms; the cursor
 * has not moved and the next run takes the work up again.
 */
public final class StockSyncHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private final StockSync sync;
    private final SyncProgress progress;

    /** Lambda's entry point. */
    public StockSyncHandler() {
        this(WorkerComposition.fromLambdaEnvironment().stockSync(), SyncProgress.NONE);
    }

    public StockSyncHandler(StockSync sync, SyncProgress progress) {
        this.sync = sync;
        this.progress = progress;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> run(event));
    }

    private Map<String, Object> run(ScheduledEvent event) {
        StockSyncReport r = sync.run(ScheduledRuns.full(event) ? StockSync.Mode.FULL : StockSync.Mode.SCHEDULED, progress);
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
        return out;
    }
}
