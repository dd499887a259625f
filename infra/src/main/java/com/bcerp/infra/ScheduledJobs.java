package com.bcerp.infra;

import com.bcerp.config.DeploymentSettings.Schedules;
import java.util.List;

/** The scheduled jobs the stack deploys: one schedule and one function each. */
public final class ScheduledJobs {

    private ScheduledJobs() {}

    /**
     * Each job's handler class must be in the worker package (a template test fails on one it does not have); its rate
     * is the config file's {@code deployment.schedules} key; only the catch-up enqueues store events.
     */
    public static final List<ScheduledJob> ALL = List.of(
            new ScheduledJob("stock-sync", "com.bcerp.handlers.worker.StockSyncHandler", Schedules::stockSyncMinutes, false),
            new ScheduledJob("catalog-sync", "com.bcerp.handlers.worker.CatalogSyncHandler", Schedules::catalogSyncMinutes, false),
            new ScheduledJob("fulfilment-sync", "com.bcerp.handlers.worker.FulfilmentSyncHandler", Schedules::fulfilmentSyncMinutes, false),
            new ScheduledJob("order-catch-up", "com.bcerp.handlers.worker.OrderCatchUpHandler", Schedules::orderCatchUpMinutes, true),
            new ScheduledJob("webhook-health", "com.bcerp.handlers.worker.WebhookHealthHandler", Schedules::webhookHealthMinutes, false));
}
