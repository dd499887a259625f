package com.bcerp.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.config.DeploymentSettings.Schedules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/**
 * Scheduled jobs come from one list ({@link ScheduledJobs#ALL}); these tests build the stack with jobs of their own,
 * so the rates, roles and alarms are pinned whatever the real list holds (ConnectorStackTest checks the real one).
 */
class ScheduledJobsTest {

    /** A handler class that is in the worker package, standing in for a scheduled handler's. */
    private static final String PRESENT = "com.bcerp.handlers.worker.OrderWorkerHandler";

    @Test
    void every_job_in_the_list_gets_a_scheduler_schedule_at_its_configured_rate_on_its_functions_alias() {
        SynthesizedStack s = SynthesizedStack.of(SynthesizedStack.exampleWith(
                        "  schedules:", "    stock_sync_minutes: 7", "    order_catch_up_minutes: 20"),
                List.of(new ScheduledJob("stock-sync", PRESENT, Schedules::stockSyncMinutes, false),
                        new ScheduledJob("order-catch-up", PRESENT, Schedules::orderCatchUpMinutes, true)),
                stack -> {});

        s.template().hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", "rate(7 minutes)",
                "Target", Match.objectLike(Map.of("Arn", Map.of("Ref", id(s, "AWS::Lambda::Alias", "StockSyncLive")),
                        "RetryPolicy", Map.of("MaximumRetryAttempts", 0)))));
        s.template().hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", "rate(20 minutes)",
                "Target", Match.objectLike(Map.of("Input", Match.serializedJson(Match.objectLike(Map.of(
                        "detail-type", "Scheduled Event", "detail", Map.of("job", "order-catch-up"))))))));
        s.template().resourceCountIs("AWS::Scheduler::Schedule", 2);
        s.template().hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", PRESENT, "Runtime", "java21", "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "WEBHOOK_URL", Match.anyValue(), "EVENTS_QUEUE_URL", Match.anyValue(),
                        "CONNECTOR_CONFIG", ConnectorStack.CONFIG_PATH)))));
        // only the job that enqueues store events may send to the queue; every job has its error-rate alarm
        assertThat(policy(s, "OrderCatchUpRole")).contains("sqs:SendMessage");
        assertThat(policy(s, "StockSyncRole")).doesNotContain("sqs:SendMessage").contains("dynamodb:UpdateItem");
        assertThat(s.resources("AWS::CloudWatch::Alarm").keySet())
                .anyMatch(a -> a.startsWith("MonitoringStockSyncErrorRate"))
                .anyMatch(a -> a.startsWith("MonitoringOrderCatchUpErrorRate"));
    }

    @Test
    void a_job_whose_handler_class_is_not_in_the_worker_package_is_caught() {
        SynthesizedStack s = SynthesizedStack.of(SynthesizedStack.EXAMPLE_CONFIG,
                List.of(new ScheduledJob("stock-sync", "com.bcerp.handlers.worker.NoSuchHandler",
                        Schedules::stockSyncMinutes, false)),
                stack -> {});

        assertThat(HandlerClasses.missing(s)).singleElement().asString()
                .startsWith("StockSync").contains("com.bcerp.handlers.worker.NoSuchHandler");
    }

    @Test
    void queue_and_worker_numbers_come_from_the_config_file() {
        SynthesizedStack s = SynthesizedStack.of(SynthesizedStack.exampleWith(
                        "  store_events:", "    max_receive_count: 8",
                        "  order_worker:", "    batch_size: 3", "    max_concurrency: 4", "    timeout_seconds: 60",
                        "    memory_mb: 2048"),
                ScheduledJobs.ALL, stack -> {});

        s.template().hasResourceProperties("AWS::SQS::Queue", Map.of("VisibilityTimeout", 360,
                "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", 8))));
        s.template().hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "BatchSize", 3, "ScalingConfig", Map.of("MaximumConcurrency", 4)));
        s.template().hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "com.bcerp.handlers.worker.OrderWorkerHandler", "Timeout", 60, "MemorySize", 2048));
    }

    @Test
    void a_changed_config_file_publishes_a_new_worker_version_and_leaves_the_receivers_alone() {
        SynthesizedStack before = SynthesizedStack.of(SynthesizedStack.EXAMPLE_CONFIG, ScheduledJobs.ALL, stack -> {});
        SynthesizedStack after = SynthesizedStack.of(SynthesizedStack.exampleWith("orders:", "  tax_id: NYSTATETAX"),
                ScheduledJobs.ALL, stack -> {});

        assertThat(id(after, "AWS::Lambda::Version", "OrderWorkerCurrentVersion"))
                .isNotEqualTo(id(before, "AWS::Lambda::Version", "OrderWorkerCurrentVersion"));
        assertThat(id(after, "AWS::Lambda::Version", "ReceiverCurrentVersion"))
                .isEqualTo(id(before, "AWS::Lambda::Version", "ReceiverCurrentVersion"));
    }

    private static String id(SynthesizedStack s, String type, String prefix) {
        return s.resources(type).keySet().stream().filter(k -> k.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " " + prefix + "*"));
    }

    private static String policy(SynthesizedStack s, String rolePrefix) {
        String role = id(s, "AWS::IAM::Role", rolePrefix);
        return s.resources("AWS::IAM::Policy").values().stream()
                .filter(p -> p.get("Properties").get("Roles").toString().contains(role))
                .map(p -> p.get("Properties").get("PolicyDocument").toString())
                .reduce("", String::concat);
    }
}
