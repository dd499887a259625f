package com.bcerp.handlers.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.bcerp.bigcommerce.webhook.WebhookPayloads;
import com.bcerp.core.order.StoreEventHandler;

/**
 * Store events from the FIFO queue: each message is one store event, handled by core; a failure is reported so the
 * queue redelivers it (and, past maxReceiveCount, dead-letters it).
 */
public final class OrderWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final StoreEventHandler events;

    /** Lambda's entry point. */
    public OrderWorkerHandler() {
        this(WorkerComposition.fromLambdaEnvironment().events());
    }

    public OrderWorkerHandler(StoreEventHandler events) {
        this.events = events;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event.getRecords(), message -> events.handle(WebhookPayloads.parse(message.getBody())));
    }
}
