package com.bcerp.infra;

import com.bcerp.config.DeploymentSettings;
import com.bcerp.core.config.BackOfficeSettings;
import com.bcerp.handlers.worker.ConnectorMetrics;
import com.bcerp.handlers.worker.DeployConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * Alarms that wake someone, published to one SNS topic, and a dashboard of the same signals: a dead letter (any),
 * the oldest store event waiting too long, a parked order (any, per back office taking orders), orders reaching the
 * back office too late (sync lag), a back office throttling the connector for a sustained time, a scheduled feed
 * not caught up for several of its intervals, and each function's (and the webhook API's) error rate. The connector's own
 * metrics are the workers' embedded-metric log lines (the worker's {@link ConnectorMetrics}: its names, namespace and
 * dimensions are used here, so the alarms watch what the code writes).
 */
final class Monitoring extends Construct {

    static final String NAMESPACE = ConnectorMetrics.NAMESPACE;
    static final String SYNC_LAG = ConnectorMetrics.SYNC_LAG;

    /**
     * What is watched.
     *
     * @param backOffices the back offices and their flows: those taking the store's orders, the primary (whose sync
     *                    lag is watched) first, and where stock, catalogue and shipments come from
     */
    record Watched(String stackName, DeploymentSettings deployment, HttpApi api, Queue eventsQueue,
            Queue deadLetterQueue, Function receiver, Function orderWorker, List<Function> scheduled,
            BackOfficeSettings backOffices) {}

    /** The functions that call the store and the back offices, as their metrics' {@value ConnectorMetrics#FUNCTION} dimension names them. */
    private static final List<String> WORKERS = List.of(ConnectorMetrics.ORDER_WORKER,
            ConnectorMetrics.STOCK_SYNC, ConnectorMetrics.CATALOG_SYNC, ConnectorMetrics.FULFILMENT_SYNC);

    private static final Duration PERIOD = Duration.minutes(5);

    private final Topic topic;
    private final List<IAlarm> alarms = new ArrayList<>();

    Monitoring(Construct scope, String id, Watched w) {
        super(scope, id);
        DeploymentSettings.Alarms settings = w.deployment().alarms();
        topic = Topic.Builder.create(this, "AlarmTopic").displayName(w.stackName() + " alarms").enforceSsl(true).build();
        if (settings.email() != null) {
            topic.addSubscription(new EmailSubscription(settings.email()));
        }

        Metric deadLetters = w.deadLetterQueue().metricApproximateNumberOfMessagesVisible(
                MetricOptions.builder().period(Duration.minutes(1))
                        .statistic("Maximum").build());
        alarm("DeadLetters", deadLetters, 0,
                "A store event was dead-lettered after max_receive_count attempts: see its reason in the logs and "
                        + "the audit table, fix the cause, then redrive the dead-letter queue");
        Metric oldest = w.eventsQueue().metricApproximateAgeOfOldestMessage(
                MetricOptions.builder().period(PERIOD)
                        .statistic("Maximum").build());
        alarm("OldestStoreEvent", oldest, settings.oldestMessageMinutes() * 60,
                "A store event has waited more than " + settings.oldestMessageMinutes()
                        + " min: the worker is failing, throttled or stopped");
        List<String> takingOrders = w.backOffices().takingOrders();
        String primary = takingOrders.get(0);
        Metric syncLag = connector(ConnectorMetrics.SYNC_LAG, ConnectorMetrics.ORDER_WORKER, primary, "Maximum");
        alarm("OrderSyncLag", syncLag, settings.syncLagMinutes() * 60,
                "An order reached the back office more than " + settings.syncLagMinutes()
                        + " min after its store event");
        List<IMetric> synced = new ArrayList<>();
        List<IMetric> parked = new ArrayList<>();
        List<IMetric> calls = new ArrayList<>();
        List<IMetric> latency = new ArrayList<>();
        for (String backOffice : takingOrders) {
            Metric parkedHere = connector(ConnectorMetrics.ORDERS_PARKED, ConnectorMetrics.ORDER_WORKER, backOffice,
                    "Sum");
            parked.add(parkedHere);
            alarm("ParkedOrders" + (backOffice.equals(primary) ? "" : DeployConfig.pascal(backOffice)), parkedHere, 0,
                    "An order of the store was parked in back office " + backOffice + " (a mapping or data problem "
                            + "that retries cannot fix): ops errors names the record and the field; fix the cause, "
                            + "then ops replay");
            synced.add(connector(ConnectorMetrics.ORDERS_SYNCED, ConnectorMetrics.ORDER_WORKER, backOffice, "Sum"));
            synced.add(connector(ConnectorMetrics.DUPLICATES_PREVENTED, ConnectorMetrics.ORDER_WORKER, backOffice,
                    "Sum"));
            calls.add(connector(ConnectorMetrics.BACK_OFFICE_CALLS, ConnectorMetrics.ORDER_WORKER, backOffice, "Sum"));
            calls.add(connector(ConnectorMetrics.BACK_OFFICE_CALL_FAILURES, ConnectorMetrics.ORDER_WORKER, backOffice,
                    "Sum"));
            latency.add(connector(ConnectorMetrics.BACK_OFFICE_LATENCY, ConnectorMetrics.ORDER_WORKER, backOffice,
                    "p99"));
        }
        Metric stockPushes = connector(ConnectorMetrics.STOCK_PUSHES, ConnectorMetrics.STOCK_SYNC,
                w.backOffices().stockFrom(), "Sum");

        // a lone 429 is retried (and paced); one in every 5 minutes for throttled_minutes means the licence or
        // quota is too small for the load
        int throttledPeriods = (int) Math.ceil(settings.throttledMinutes() / 5.0);
        List<IMetric> throttled = new ArrayList<>();
        for (String backOffice : w.backOffices().systems().keySet()) {
            MathExpression declined = throttled(backOffice);
            throttled.add(declined);
            alarm("Throttled" + DeployConfig.pascal(backOffice), declined, 0, throttledPeriods,
                    "Back office " + backOffice + " has declined calls with 429 in every 5 minutes for "
                            + settings.throttledMinutes() + " min: its licence or quota is too small for the load "
                            + "(or another app spends it): set reliability.back_office_requests_per_minute to pace below it, "
                            + "or raise the licence");
        }
        MathExpression storeDeclined = storeThrottled();
        throttled.add(storeDeclined);
        alarm("StoreThrottled", storeDeclined, 0, throttledPeriods,
                "The store has declined calls with 429 in every 5 minutes for " + settings.throttledMinutes()
                        + " min: another app spends the store's quota (the connector paces itself at its share): "
                        + "lower reliability.store_quota_share, or find the other app");

        // each feed's lag, judged over at least one of its schedule's intervals (it is written once a run)
        DeploymentSettings.Schedules schedules = w.deployment().schedules();
        record Feed(String id, String function, String backOffice, int everyMinutes) {}
        List<IMetric> feedLags = new ArrayList<>();
        for (Feed feed : List.of(
                new Feed("Stock", ConnectorMetrics.STOCK_SYNC, w.backOffices().stockFrom(), schedules.stockSyncMinutes()),
                new Feed("Catalog", ConnectorMetrics.CATALOG_SYNC, w.backOffices().catalogFrom(),
                        schedules.catalogSyncMinutes()),
                new Feed("Fulfilment", ConnectorMetrics.FULFILMENT_SYNC, w.backOffices().fulfilmentFrom(),
                        schedules.fulfilmentSyncMinutes()))) {
            Metric lag = Metric.Builder.create().namespace(NAMESPACE).metricName(ConnectorMetrics.FEED_LAG)
                    .dimensionsMap(Map.of(ConnectorMetrics.FUNCTION, feed.function(),
                            ConnectorMetrics.BACK_OFFICE, feed.backOffice()))
                    .statistic("Maximum").period(Duration.minutes(Math.max(5, feed.everyMinutes()))).build();
            feedLags.add(lag);
            int limitMinutes = settings.feedLagSchedules() * feed.everyMinutes();
            alarm(feed.id() + "FeedLag", lag, limitMinutes * 60, 1,
                    "The " + feed.function() + " feed from " + feed.backOffice() + " has not caught up for more than "
                            + limitMinutes + " min (" + settings.feedLagSchedules() + " of its " + feed.everyMinutes()
                            + "-minute runs): its runs fail; see the function's errors in its log");
        }

        List<Function> functions = new ArrayList<>(List.of(w.receiver(), w.orderWorker()));
        functions.addAll(w.scheduled());
        List<IMetric> errorRates = new ArrayList<>();
        for (Function function : functions) {
            MathExpression rate = errorRate(function.getNode().getId(),
                    function.metricErrors(sum()), function.metricInvocations(sum()));
            errorRates.add(rate);
            alarm(function.getNode().getId() + "ErrorRate", rate, settings.errorRatePercent(),
                    function.getNode().getId() + ": more than " + settings.errorRatePercent()
                            + "% of invocations failed");
        }
        MathExpression apiErrors = errorRate("WebhookApi",
                w.api().metricServerError(sum()),
                w.api().metricCount(sum()));
        alarm("WebhookApiErrorRate", apiErrors, settings.errorRatePercent(),
                "The webhook API answered 5xx to more than " + settings.errorRatePercent()
                        + "% of deliveries: BigCommerce retries, then blocks the domain");

        List<IWidget> row1 = List.of(
                graph("Store events", List.of(w.eventsQueue().metricApproximateNumberOfMessagesVisible(),
                        w.eventsQueue().metricApproximateNumberOfMessagesNotVisible()), List.of(oldest)),
                graph("Dead letters", List.of(deadLetters), List.of()),
                graph("Order sync lag (s)", List.of(syncLag), List.of()));
        List<IWidget> row2 = List.of(
                graph("Invocations", functions.stream().map(f -> (IMetric) f.metricInvocations(sum())).toList(),
                        List.of()),
                graph("Error rate (%)", errorRates, List.of()),
                graph("Duration (p99, ms)", functions.stream()
                        .map(f -> (IMetric) f.metricDuration(
                                MetricOptions.builder()
                                        .statistic("p99").period(PERIOD).build())).toList(), List.of()));
        List<IWidget> row3 = List.of(
                graph("Orders synced, duplicates prevented, parked", synced, parked),
                graph("Back-office calls and failures", calls, List.of()),
                graph("Back-office latency (p99, ms)", latency, List.of()));
        List<IWidget> row4 = List.of(
                graph("Stock pushes", List.of(stockPushes), List.of()),
                graph("429s (throttled): back offices and the store", throttled, List.of()),
                graph("Feed lag (s)", feedLags, List.of()));
        List<IWidget> row5 = List.of(
                graph("Webhook deliveries", List.of(
                        w.api().metricCount(sum()),
                        w.api().metricClientError(sum()),
                        w.api().metricServerError(sum())),
                        List.of()),
                AlarmStatusWidget.Builder.create().title("Alarms").alarms(alarms).width(8).build());
        Dashboard.Builder.create(this, "Dashboard").dashboardName(w.stackName())
                .widgets(List.of(row1, row2, row3, row4, row5)).build();
    }

    /** One of the workers' own metrics, as {@link ConnectorMetrics} writes it. */
    private static Metric connector(String name, String function, String backOffice, String statistic) {
        return Metric.Builder.create().namespace(NAMESPACE).metricName(name)
                .dimensionsMap(Map.of(ConnectorMetrics.FUNCTION, function, ConnectorMetrics.BACK_OFFICE, backOffice))
                .statistic(statistic).period(PERIOD).build();
    }

    /**
     * The 429s {@code backOffice} answered, over every function that calls back offices (a function that does not
     * call this one writes no such series, which counts as 0).
     */
    private static MathExpression throttled(String backOffice) {
        Map<String, IMetric> byFunction = new java.util.LinkedHashMap<>();
        for (String function : WORKERS) {
            byFunction.put("throttled" + DeployConfig.pascal(backOffice) + byFunction.size(), connector(ConnectorMetrics.BACK_OFFICE_THROTTLED, function, backOffice, "Sum"));
        }
        return sumFilled(byFunction, backOffice + " 429s");
    }

    /** The sum of {@code metrics}, a missing series counting as 0. */
    private static MathExpression sumFilled(Map<String, IMetric> metrics, String label) {
        return MathExpression.Builder.create()
                .expression(String.join(" + ", metrics.keySet().stream().map(id -> "FILL(" + id + ", 0)").toList()))
                .usingMetrics(metrics).label(label).period(PERIOD).build();
    }

    /** The 429s the store answered, over every function that calls it. */
    private static MathExpression storeThrottled() {
        Map<String, IMetric> byFunction = new java.util.LinkedHashMap<>();
        for (String function : WORKERS) {
            byFunction.put("throttledStore" + byFunction.size(), Metric.Builder.create().namespace(NAMESPACE)
                    .metricName(ConnectorMetrics.STORE_THROTTLED)
                    .dimensionsMap(Map.of(ConnectorMetrics.FUNCTION, function)).statistic("Sum").period(PERIOD)
                    .build());
        }
        return sumFilled(byFunction, "store 429s");
    }

    Topic topic() {
        return topic;
    }

    private void alarm(String id, IMetric metric, double threshold, String description) {
        alarm(id, metric, threshold, 1, description);
    }

    /** Fires when {@code metric} is above {@code threshold} in each of {@code periods} periods in a row. */
    private void alarm(String id, IMetric metric, double threshold, int periods, String description) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric).threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(periods)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
        alarms.add(alarm);
    }

    /** {@code label} also names the metric ids, which must differ between expressions shown on one graph. */
    private static MathExpression errorRate(String label, IMetric errors, IMetric invocations) {
        String e = "errors" + label;
        String n = "invocations" + label;
        return MathExpression.Builder.create()
                .expression("IF(" + n + " > 0, 100 * " + e + " / " + n + ", 0)")
                .usingMetrics(Map.of(e, errors, n, invocations))
                .label(label + " error rate (%)").period(PERIOD).build();
    }

    private static MetricOptions sum() {
        return MetricOptions.builder().statistic("Sum").period(PERIOD).build();
    }

    private static GraphWidget graph(String title, List<IMetric> left, List<IMetric> right) {
        return GraphWidget.Builder.create().title(title).left(left).right(right).width(8).build();
    }
}
