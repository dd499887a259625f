package com.bcerp.handlers.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.bcerp.core.catalog.CatalogSync;
import com.bcerp.core.catalog.CatalogSyncReport;
import com.bcerp.core.pricelist.PriceListSync;
import com.bcerp.core.pricelist.PriceListSyncReport;
import com.bcerp.core.sync.SyncProgress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The catalog-sync schedule: back-office products to the store's catalogue, changes only, or every product when a
 * full pass is due or the event's detail says {@code {"mode": "full"}}; then the back office's price classes to the
 * store's price lists ({@code price_lists:}), changed records only.
 */
public final class CatalogSyncHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private final CatalogSync sync;
    private final PriceListSync priceLists;
    private final SyncProgress progress;
    /** Null off Lambda (the local runtime): no metric lines. */
    private final ConnectorMetrics metrics;
    private final String backOffice;
    private final Supplier<Optional<Instant>> caughtUp;

    /** Lambda's entry point. */
    public CatalogSyncHandler() {
        this(WorkerComposition.fromLambdaEnvironment());
    }

    private CatalogSyncHandler(WorkerComposition worker) {
        this(worker.catalogSync(), worker.priceListSync(), SyncProgress.NONE, worker.metrics(), worker.catalogFrom(),
                worker.caughtUp(CatalogSync.cursorName(worker.storeHash())));
    }

    public CatalogSyncHandler(CatalogSync sync, PriceListSync priceLists, SyncProgress progress) {
        this(sync, priceLists, progress, null, null, null);
    }

    /**
     * @param backOffice the back office the catalogue comes from
     * @param caughtUp   when the catalogue feed last caught up (its cursor written): its lag metric
     */
    public CatalogSyncHandler(CatalogSync sync, PriceListSync priceLists, SyncProgress progress,
            ConnectorMetrics metrics, String backOffice, Supplier<Optional<Instant>> caughtUp) {
        this.sync = sync;
        this.priceLists = priceLists;
        this.progress = progress;
        this.metrics = metrics;
        this.backOffice = backOffice;
        this.caughtUp = caughtUp;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> ConnectorMetrics.measured(metrics,
                ConnectorMetrics.CATALOG_SYNC, invocation -> run(event, invocation)));
    }

    private Map<String, Object> run(ScheduledEvent event, ConnectorMetrics.Invocation invocation) {
        CatalogSync.Mode mode = ScheduledRuns.full(event) ? CatalogSync.Mode.FULL : CatalogSync.Mode.SCHEDULED;
        CatalogSyncReport r = invocation == null ? sync.run(mode, progress) : invocation.feed(backOffice, caughtUp,
                () -> sync.run(mode, progress), report -> "skipped".equals(report.mode()));
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
        // price lists are a delta of their own (no cursor, their own lock): they run even when the catalogue pass skips
        PriceListSyncReport prices = priceLists.run();
        out.put("price_lists", prices.lists());
        out.put("price_records_written", prices.written());
        out.put("price_records_deleted", prices.deleted());
        out.put("price_records_unchanged", prices.unchanged());
        out.put("price_records_refused", prices.refused());
        out.put("price_groups_assigned", prices.groupsAssigned());
        out.put("elapsed_ms", r.elapsedMs());
        return out;
    }
}
