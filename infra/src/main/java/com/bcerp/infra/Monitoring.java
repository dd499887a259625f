package com.bcerp.infra;

import com.bcerp.config.DeploymentSettings;
import com.bcerp.handlers.worker.ConnectorMetrics;
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
 * back office too late (sync lag), and each function's (and the webhook API's) error rate. The connector's own
 * metrics are the workers' embedded-metric log lines (the worker's {@link ConnectorMetrics}: its names, namespace and
 * dimensions are used here, so the alarms watch what the code writes).
 */
final class Monitoring extends Construct {

    static final String NAMESPACE = ConnectorMetrics.NAMESPACE;
    static final String SYNC_LAG = ConnectorMetrics.SYNC_LAG;

    /**
     * What is watched.
     *
     * @param takingOrders the back offices taking the store's orders, the primary (whose sync lag is watched) first
     * @param stockFrom    the back office the stock comes from
     */
    record Watched(String stackName, DeploymentSettings deployment, HttpApi api, Queue eventsQueue,
            Queue deadLetterQueue, Function receiver, Function orderWorker, List<Function> scheduled,
            List<String> takingOrders, String stockFrom) {}

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
        String primary = w.takingOrders().get(0);
        Metric syncLag = connector(ConnectorMetrics.SYNC_LAG, ConnectorMetrics.ORDER_WORKER, primary, "Maximum");
        alarm("OrderSyncLag", syncLag, settings.syncLagMinutes() * 60,
                "An order reached the back office more than " + settings.syncLagMinutes()
                        + " min after its store event");
        List<IMetric> synced = new ArrayList<>();
        List<IMetric> parked = new ArrayList<>();
        List<IMetric> calls = new ArrayList<>();
        List<IMetric> latency = new ArrayList<>();
        for (String backOffice : w.takingOrders()) {
            Metric parkedHere = connector(ConnectorMetrics.ORDERS_PARKED, ConnectorMetrics.ORDER_WORKER, backOffice,
                    "Sum");
            parked.add(parkedHere);
            alarm("ParkedOrders" + (backOffice.equals(primary) ? "" : ConnectorStack.pascal(backOffice)), parkedHere, 0,
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
        Metric stockPushes = connector(ConnectorMetrics.STOCK_PUSHES, ConnectorMetrics.STOCK_SYNC, w.stockFrom(),
                "Sum");

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
                graph("Webhook deliveries", List.of(
                        w.api().metricCount(sum()),
                        w.api().metricClientError(sum()),
                        w.api().metricServerError(sum())),
                        List.of()),
                AlarmStatusWidget.Builder.create().title("Alarms").alarms(alarms).width(8).build());
        Dashboard.Builder.create(this, "Dashboard").dashboardName(w.stackName())
                .widgets(List.of(row1, row2, row3, row4)).build();
    }

    /** One of the workers' own metrics, as {@link ConnectorMetrics} writes it. */
    private static Metric connector(String name, String function, String backOffice, String statistic) {
        return Metric.Builder.create().namespace(NAMESPACE).metricName(name)
                .dimensionsMap(Map.of(ConnectorMetrics.FUNCTION, function, ConnectorMetrics.BACK_OFFICE, backOffice))
                .statistic(statistic).period(PERIOD).build();
    }

    Topic topic() {
        return topic;
    }

    private void alarm(String id, IMetric metric, double threshold, String description) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric).threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
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
