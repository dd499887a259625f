package com.bcerp.handlers.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.bcerp.core.order.OrderCatchUp;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Scheduled: enqueues the orders the store modified since the catch-up's cursor, so a webhook that never arrived
 * costs minutes, not an order. A failed run leaves the cursor where it was; the next run covers the same ground.
 */
public final class OrderCatchUpHandler implements RequestHandler<ScheduledEvent, String> {

    private final OrderCatchUp catchUp;

    /** Lambda's entry point. */
    public OrderCatchUpHandler() {
        this(WorkerComposition.fromLambdaEnvironment().catchUp());
    }

    public OrderCatchUpHandler(OrderCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> run(event));
    }

    private String run(ScheduledEvent event) {
        OrderCatchUp.Result result = catchUp.run();
        return "enqueued " + result.enqueued() + " of " + result.seen() + " orders modified since " + result.from()
                + "; cursor " + result.cursor();
    }
}
