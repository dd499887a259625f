package com.bcerp.handlers.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.bcerp.bigcommerce.webhook.WebhookPayloads;
import com.bcerp.bigcommerce.webhook.WebhookReceiver;
import com.bcerp.core.model.StoreEvent;
import com.bcerp.core.order.DeliveredOnce;
import com.bcerp.core.sync.LogFields;
import org.crac.Core;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Store events from the FIFO queue: each message is one store event, handled by core; a failure is reported so the
 * queue redelivers it (and, past maxReceiveCount, dead-letters it).
 */
public final class OrderWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final DeliveredOnce events;
    /** Null off Lambda (the local runtime): no metric lines, which would mix into the program's standard output. */
    private final ConnectorMetrics metrics;
    /** The primary back office, whose outcome the sync lag is of. */
    private final String backOffice;
    /** Held here: the runtime's hook registry may keep only a weak reference. */
    private final WorkerPriming priming;

    /** Lambda's entry point; registers the SnapStart priming hook. */
    public OrderWorkerHandler() {
        this(WorkerComposition.fromLambdaEnvironment());
    }

    private OrderWorkerHandler(WorkerComposition worker) {
        this.events = worker.deliveries();
        this.metrics = worker.metrics();
        this.backOffice = worker.backOffices().get(0).name();
        this.priming = new WorkerPriming(worker.state(), worker.store());
        Core.getGlobalContext().register(priming);
    }

    /** Off Lambda (the local runtime): no metric lines. */
    public OrderWorkerHandler(DeliveredOnce events) {
        this(events, null, null);
    }

    /**
     * @param metrics    counts what the flows do; the flows' state and back offices must be observed by it
     *                   ({@link ConnectorMetrics#observe}), as {@link WorkerComposition} wires them
     * @param backOffice the primary back office's name
     */
    public OrderWorkerHandler(DeliveredOnce events, ConnectorMetrics metrics, String backOffice) {
        this.events = events;
        this.metrics = metrics;
        this.backOffice = backOffice;
        this.priming = null;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> ConnectorMetrics.measured(metrics,
                ConnectorMetrics.ORDER_WORKER,
                invocation -> SqsBatch.process(event.getRecords(), context, message -> handle(message, invocation))));
    }

    /**
     * One message. Its event's id, order, scope and store go on every line of its path, up to the batch's line for
     * its failure (SqsBatch puts the message id and removes them all once the message is done).
     */
    private void handle(SQSMessage message, ConnectorMetrics.Invocation invocation) {
        StoreEvent storeEvent = WebhookPayloads.parse(message.getBody());
        LogFields.of(storeEvent);
        String deduplicationId = message.getAttributes() == null ? null
                : message.getAttributes().get("MessageDeduplicationId");
        events.handle(WebhookReceiver.deliveryId(deduplicationId), storeEvent).ifPresent(outcome -> {
            if (invocation != null) {
                invocation.orderSynced(backOffice, storeEvent, outcome);
            }
        });
    }
}
