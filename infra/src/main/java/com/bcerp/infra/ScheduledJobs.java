package com.bcerp.infra;

import com.bcerp.core.config.DeploymentSettings.Schedules;
import java.util.List;

/** The scheduled jobs the stack deploys: one schedule and one function each. */
public final class ScheduledJobs {

    private ScheduledJobs() {}

    /**
     * Only handlers that exist in the worker package belong here (a template test fails on a class the package does
     * not have). As each one lands, add its line (the rate is the config file's {@code deployment.schedules} key):
     *
     * <pre>{@code
     * new ScheduledJob("stock-sync", "com.bcerp.handlers.worker.StockSyncHandler", Schedules::stockSyncMinutes, false),
     * new ScheduledJob("catalog-sync", "com.bcerp.handlers.worker.CatalogSyncHandler", Schedules::catalogSyncMinutes, false),
     * new ScheduledJob("fulfilment-sync", "com.bcerp.handlers.worker.FulfilmentSyncHandler", Schedules::fulfilmentSyncMinutes, false),
     * new ScheduledJob("order-catch-up", "com.bcerp.handlers.worker.OrderCatchUpHandler", Schedules::orderCatchUpMinutes, true),
     * new ScheduledJob("webhook-health", "com.bcerp.handlers.worker.WebhookHealthHandler", Schedules::webhookHealthMinutes, false),
     * }</pre>
     */
    public static final List<ScheduledJob> ALL = List.of(
            new ScheduledJob("stock-sync", "com.bcerp.handlers.worker.StockSyncHandler", Schedules::stockSyncMinutes, false),
            new ScheduledJob("catalog-sync", "com.bcerp.handlers.worker.CatalogSyncHandler", Schedules::catalogSyncMinutes, false),
            new ScheduledJob("fulfilment-sync", "com.bcerp.handlers.worker.FulfilmentSyncHandler", Schedules::fulfilmentSyncMinutes, false),
            new ScheduledJob("order-catch-up", "com.bcerp.handlers.worker.OrderCatchUpHandler", Schedules::orderCatchUpMinutes, true),
            new ScheduledJob("webhook-health", "com.bcerp.handlers.worker.WebhookHealthHandler", Schedules::webhookHealthMinutes, false));
}
