package com.bcerp.handlers.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.bcerp.bigcommerce.webhook.WebhookPayloads;
import com.bcerp.core.model.StoreEvent;
import com.bcerp.core.order.StoreEventHandler;
import com.bcerp.core.sync.LogFields;
import java.time.Clock;
import org.crac.Core;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Store events from the FIFO queue: each message is one store event, handled by core; a failure is reported so the
 * queue redelivers it (and, past maxReceiveCount, dead-letters it).
 */
public final class OrderWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final StoreEventHandler events;
    private final SyncLagMetric syncLag;
    /** Held here: the runtime's hook registry may keep only a weak reference. */
    private final WorkerPriming priming;

    /** Lambda's entry point; registers the SnapStart priming hook. */
    public OrderWorkerHandler() {
        this(WorkerComposition.fromLambdaEnvironment());
    }

    private OrderWorkerHandler(WorkerComposition worker) {
        this.events = worker.events();
        this.syncLag = SyncLagMetric.toStandardOutput();
        this.priming = new WorkerPriming(worker.state(), worker.store());
        Core.getGlobalContext().register(priming);
    }

    /** Off Lambda (the local runtime): no metric lines, which would mix into the program's standard output. */
    public OrderWorkerHandler(StoreEventHandler events) {
        this(events, new SyncLagMetric(Clock.systemUTC(), line -> { }));
    }

    public OrderWorkerHandler(StoreEventHandler events, SyncLagMetric syncLag) {
        this.events = events;
        this.syncLag = syncLag;
        this.priming = null;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> SqsBatch.process(event.getRecords(), this::handle));
    }

    /**
     * One message. Its event's id, order, scope and store go on every line of its path, up to the batch's line for
     * its failure (SqsBatch puts the message id and removes them all once the message is done).
     */
    private void handle(SQSMessage message) {
        StoreEvent storeEvent = WebhookPayloads.parse(message.getBody());
        LogFields.of(storeEvent);
        events.handle(storeEvent).ifPresent(outcome -> syncLag.record(storeEvent, outcome));
    }
}
