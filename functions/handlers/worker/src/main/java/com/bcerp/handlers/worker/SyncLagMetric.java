package com.bcerp.handlers.worker;

import com.bcerp.core.model.StoreEvent;
import com.bcerp.core.sync.Outcome;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Publishes how long an order took from the store's event to the back office, as one CloudWatch embedded-metric
 * log line (Lambda's log pipeline turns it into the metric; no API call). The stack alarms on it
 * ({@code deployment.alarms.sync_lag_minutes}). Only outcomes that leave the order in the back office count; a
 * replay of an order already there says nothing about lag.
 */
public final class SyncLagMetric {

    public static final String NAMESPACE = "BcErpConnector";
    public static final String NAME = "SyncLagSeconds";

    private final Clock clock;
    private final Consumer<String> out;

    public SyncLagMetric(Clock clock, Consumer<String> out) {
        this.clock = clock;
        this.out = out;
    }

    /** To standard output, where Lambda's log pipeline reads embedded metrics. */
    public static SyncLagMetric toStandardOutput() {
        return new SyncLagMetric(Clock.systemUTC(), System.out::println);
    }

    public void record(StoreEvent event, Outcome outcome) {
        if (event.createdAt() <= 0 || !(outcome == Outcome.CREATED || outcome == Outcome.LINKED_EXISTING)) {
            return;
        }
        long nowMs = clock.millis();
        long lagSeconds = Math.max(0, nowMs / 1000 - event.createdAt());
        // store hashes are [a-z0-9]: nothing to escape
        out.accept("{\"_aws\":{\"Timestamp\":" + nowMs + ",\"CloudWatchMetrics\":[{\"Namespace\":\"" + NAMESPACE
                + "\",\"Dimensions\":[[\"Store\",\"Flow\"]],\"Metrics\":[{\"Name\":\"" + NAME
                + "\",\"Unit\":\"Seconds\"}]}]},\"Store\":\"" + event.storeHash() + "\",\"Flow\":\"orders\",\""
                + NAME + "\":" + lagSeconds + "}");
    }
}
