package com.bcerp.handlers.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.bcerp.bigcommerce.webhook.WebhookHealth;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Scheduled: re-activates the connector's hooks BigCommerce deactivated, recreates missing ones and keeps the
 * delivery-exception hook registered.
 */
public final class WebhookHealthHandler implements RequestHandler<ScheduledEvent, String> {

    private final WebhookHealth health;

    /** Lambda's entry point. */
    public WebhookHealthHandler() {
        this(WorkerComposition.fromLambdaEnvironment().webhookHealth());
    }

    public WebhookHealthHandler(WebhookHealth health) {
        this.health = health;
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> run(event));
    }

    private String run(ScheduledEvent event) {
        return health.check().summary();
    }
}
