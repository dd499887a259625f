package com.bcerp.handlers.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.bcerp.core.fulfilment.FulfilmentReport;
import com.bcerp.core.fulfilment.FulfilmentSync;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The fulfilment-sync schedule: back-office shipments (with tracking), statuses and invoice numbers to the store. A
 * sales order that failed transiently keeps the cursor where it was, so the next run reads it again; one that cannot
 * be shipped as it is is parked (listed by {@code ./connector ops errors}) and retried on every run.
 */
public final class FulfilmentSyncHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private final FulfilmentSync sync;
    /** Null off Lambda (the local runtime): no metric lines. */
    private final ConnectorMetrics metrics;
    private final String backOffice;
    private final Supplier<Optional<Instant>> caughtUp;

    /** Lambda's entry point. */
    public FulfilmentSyncHandler() {
        this(WorkerComposition.fromLambdaEnvironment());
    }

    private FulfilmentSyncHandler(WorkerComposition worker) {
        this(worker.fulfilmentSync(), worker.metrics(), worker.fulfilmentFrom(),
                worker.caughtUp(FulfilmentSync.cursorName(worker.storeHash())));
    }

    public FulfilmentSyncHandler(FulfilmentSync sync) {
        this(sync, null, null, null);
    }

    /**
     * @param backOffice the back office the shipments come from
     * @param caughtUp   when the fulfilment feed last caught up (its cursor written): its lag metric
     */
    public FulfilmentSyncHandler(FulfilmentSync sync, ConnectorMetrics metrics, String backOffice,
            Supplier<Optional<Instant>> caughtUp) {
        this.sync = sync;
        this.metrics = metrics;
        this.backOffice = backOffice;
        this.caughtUp = caughtUp;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> ConnectorMetrics.measured(metrics,
                ConnectorMetrics.FULFILMENT_SYNC, invocation -> run(invocation == null ? sync.run()
                        : invocation.feed(backOffice, caughtUp, sync::run, FulfilmentReport::skipped))));
    }

    private Map<String, Object> run(FulfilmentReport r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("skipped", r.skipped());
        out.put("orders", r.orders());
        out.put("shipments_created", r.shipmentsCreated());
        out.put("shipments_found", r.shipmentsFound());
        out.put("statuses_set", r.statusesSet());
        out.put("references_written", r.referencesWritten());
        out.put("payments_applied", r.paymentsApplied());
        out.put("parked", r.parked());
        out.put("retrying", r.retrying());
        out.put("elapsed_ms", r.elapsedMs());
        return out;
    }
}
