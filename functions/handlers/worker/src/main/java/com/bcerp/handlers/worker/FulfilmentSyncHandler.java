package com.bcerp.handlers.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.bcerp.core.fulfilment.FulfilmentReport;
import com.bcerp.core.fulfilment.FulfilmentSync;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The fulfilment-sync schedule: back-office shipments (with tracking), statuses and invoice numbers to the store. A
 * sales order that failed transiently keeps the cursor where it was, so the next run reads it again; one that cannot
 * be shipped as it is is parked (listed by {@code ./connector ops errors}) and retried on every run.
 */
public final class FulfilmentSyncHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private final FulfilmentSync sync;

    /** Lambda's entry point. */
    public FulfilmentSyncHandler() {
        this(WorkerComposition.fromLambdaEnvironment().fulfilmentSync());
    }

    public FulfilmentSyncHandler(FulfilmentSync sync) {
        this.sync = sync;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> run(event));
    }

    private Map<String, Object> run(ScheduledEvent event) {
        FulfilmentReport r = sync.run();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("skipped", r.skipped());
        out.put("orders", r.orders());
        out.put("shipments_created", r.shipmentsCreated());
        out.put("shipments_found", r.shipmentsFound());
        out.put("statuses_set", r.statusesSet());
        out.put("references_written", r.referencesWritten());
        out.put("parked", r.parked());
        out.put("retrying", r.retrying());
        out.put("elapsed_ms", r.elapsedMs());
        return out;
    }
}
