package com.bcerp.handlers.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.bcerp.core.catalog.CatalogSync;
import com.bcerp.core.catalog.CatalogSyncReport;
import com.bcerp.core.sync.SyncProgress;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The catalog-sync schedule: back-office products to the store's catalogue, changes only, or every product when a
 * full pass is due or the event's detail says {@code {"mode": "full"}}.
 */
public final class CatalogSyncHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private final CatalogSync sync;
    private final SyncProgress progress;

    /** Lambda's entry point. */
    public CatalogSyncHandler() {
        this(WorkerComposition.fromLambdaEnvironment().catalogSync(), SyncProgress.NONE);
    }

    public CatalogSyncHandler(CatalogSync sync, SyncProgress progress) {
        this.sync = sync;
        this.progress = progress;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> run(event));
    }

    private Map<String, Object> run(ScheduledEvent event) {
        CatalogSyncReport r = sync.run(ScheduledRuns.full(event) ? CatalogSync.Mode.FULL : CatalogSync.Mode.SCHEDULED,
                progress);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", r.mode());
        out.put("read", r.read());
        out.put("products_created", r.productsCreated());
        out.put("products_updated", r.productsUpdated());
        out.put("variants_created", r.variantsCreated());
        out.put("variants_updated", r.variantsUpdated());
        out.put("unchanged", r.unchanged());
        out.put("skipped", r.skipped());
        out.put("parked", r.parked());
        out.put("elapsed_ms", r.elapsedMs());
        return out;
    }
}
