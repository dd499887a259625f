package com.bcerp.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.aws.Tables;
import com.bcerp.config.ConfigException;
import com.bcerp.handlers.worker.ConnectorMetrics;
import com.bcerp.handlers.worker.DeployConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The stack synthesized from config/connector.example.yaml, as `cdk synth` builds it. */
class ConnectorStackTest {

    private static SynthesizedStack synthesized;
    private static Template template;

    @BeforeAll
    static void synth() {
        synthesized = SynthesizedStack.of(SynthesizedStack.EXAMPLE_CONFIG, ScheduledJobs.ALL, stack -> {});
        template = synthesized.template();
    }

    @Test
    void the_state_table_has_the_keys_and_sparse_parked_index_the_code_uses_and_survives_stack_deletion() {
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "KeySchema", List.of(Map.of("AttributeName", Tables.PK, "KeyType", "HASH")),
                        "BillingMode", "PAY_PER_REQUEST",
                        "DeletionProtectionEnabled", true,
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                        // the records of handled webhook deliveries expire
                        "TimeToLiveSpecification", Map.of("AttributeName", Tables.TTL, "Enabled", true),
                        "GlobalSecondaryIndexes", List.of(Map.of(
                                "IndexName", Tables.PARKED_INDEX,
                                "KeySchema", List.of(Map.of("AttributeName", Tables.PARKED_INDEX_PK, "KeyType", "HASH"),
                                        Map.of("AttributeName", Tables.PARKED_INDEX_SK, "KeyType", "RANGE")),
                                "Projection", Map.of("ProjectionType", "INCLUDE",
                                        "NonKeyAttributes", Tables.PARKED_INDEX_ATTRIBUTES)))))));
    }

    @Test
    void the_audit_table_is_keyed_by_record_and_attempt_and_expires_through_ttl() {
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "KeySchema", List.of(Map.of("AttributeName", Tables.PK, "KeyType", "HASH"),
                                Map.of("AttributeName", Tables.SK, "KeyType", "RANGE")),
                        "TimeToLiveSpecification", Map.of("AttributeName", Tables.TTL, "Enabled", true),
                        "BillingMode", "PAY_PER_REQUEST",
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true)))));
        template.resourceCountIs("AWS::DynamoDB::Table", 2);
    }

    @Test
    void store_events_go_through_a_fifo_queue_with_a_fifo_dead_letter_queue_after_max_receive_count() {
        template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                "QueueName", "bc-erp-connector-store-events.fifo", "FifoQueue", true,
                "VisibilityTimeout", 6 * 120,
                "RedrivePolicy", Map.of("deadLetterTargetArn", Match.anyValue(), "maxReceiveCount", 5),
                "SqsManagedSseEnabled", true));
        template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                "QueueName", "bc-erp-connector-store-events-dlq.fifo", "FifoQueue", true,
                "MessageRetentionPeriod", 14 * 24 * 3600));
        // both refuse anything but TLS
        Object denyWithoutTls = Match.objectLike(Map.of(
                "Effect", "Deny", "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
        template.resourcePropertiesCountIs("AWS::SQS::QueuePolicy", Match.objectLike(Map.of("PolicyDocument",
                Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(denyWithoutTls)))))), 2);
    }

    @Test
    void the_order_worker_reads_the_queue_through_its_alias_with_partial_batch_failures_and_bounded_concurrency() {
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "BatchSize", 5,
                "ScalingConfig", Map.of("MaximumConcurrency", 2),
                "FunctionResponseTypes", List.of("ReportBatchItemFailures")));
        // the mapping names the alias (function:live), so SnapStart's published version takes the events
        String target = synthesized.resources("AWS::Lambda::EventSourceMapping").values().iterator().next()
                .get("Properties").get("FunctionName").toString();
        assertThat(target).contains(logicalId("AWS::Lambda::Alias", "OrderWorkerLive"), ":" + ConnectorStack.ALIAS);
    }

    @Test
    void every_function_is_java21_on_arm64_with_snapstart_on_published_versions_behind_a_live_alias() {
        Map<String, JsonNode> functions = synthesized.resources("AWS::Lambda::Function");
        // the receiver, the order worker, the pre-flight check and the scheduled jobs
        int expected = 3 + ScheduledJobs.ALL.size();
        assertThat(functions).hasSize(expected);
        functions.values().forEach(f -> {
            JsonNode p = f.get("Properties");
            assertThat(p.get("Runtime").asText()).isEqualTo("java21");
            assertThat(p.get("Architectures").get(0).asText()).isEqualTo("arm64");
            assertThat(p.get("SnapStart").get("ApplyOn").asText()).isEqualTo("PublishedVersions");
        });
        template.resourcePropertiesCountIs("AWS::Lambda::Alias", Map.of("Name", ConnectorStack.ALIAS), expected);
        template.resourceCountIs("AWS::Lambda::Version", expected);
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
    }

    @Test
    void webhooks_and_delivery_exception_reports_are_posted_to_the_receivers_alias_and_access_logged() {
        template.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", "POST /webhooks/bigcommerce"));
        template.hasResourceProperties("AWS::ApiGatewayV2::Route",
                Map.of("RouteKey", "POST /webhooks/bigcommerce/delivery-exceptions"));
        template.resourceCountIs("AWS::ApiGatewayV2::Route", 2);
        template.resourceCountIs("AWS::ApiGatewayV2::Integration", 1);
        template.hasResourceProperties("AWS::ApiGatewayV2::Integration", Map.of(
                "IntegrationType", "AWS_PROXY",
                "IntegrationUri", Map.of("Ref", logicalId("AWS::Lambda::Alias", "ReceiverLive"))));
        template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of(
                "StageName", "$default", "AutoDeploy", true,
                "AccessLogSettings", Match.objectLike(Map.of("DestinationArn", Match.anyValue())),
                "DefaultRouteSettings", Map.of("ThrottlingBurstLimit", 100, "ThrottlingRateLimit", 50)));
    }

    @Test
    void the_secrets_are_created_empty_in_a_stack_deployed_first_under_the_names_the_functions_are_given() {
        Template secrets = Template.fromStack(synthesized.secretsStack());
        Map<String, Map<String, Object>> found = secrets.findResources("AWS::SecretsManager::Secret");
        assertThat(found).hasSize(2);
        String json = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(found).toString();
        assertThat(json).contains("\"Name\":\"bc-erp-connector/bigcommerce\"", "\"Name\":\"bc-erp-connector/acumatica\"")
                .doesNotContain("SecretString", "GenerateSecretString");
        assertThat(synthesized.stack().getDependencies()).containsExactly(synthesized.secretsStack());
        template.resourceCountIs("AWS::SecretsManager::Secret", 0);
        assertThat(environment("Receiver").get("BIGCOMMERCE_SECRET").asText()).isEqualTo("bc-erp-connector/bigcommerce");
        assertThat(environment("OrderWorker").get("ACUMATICA_SECRET").asText()).isEqualTo("bc-erp-connector/acumatica");
    }

    @Test
    void each_function_is_given_every_variable_its_composition_root_reads() throws IOException {
        assertThat(names(environment("Receiver"))).containsAll(variablesRead("receiver/src/main/java/com/bcerp/handlers/receiver"));
        // WorkerComposition reads these only when the scheduled job that needs them asks (catch-up, webhook health)
        Set<String> jobOnly = Set.of("EVENTS_QUEUE_URL", "WEBHOOK_URL", "DELIVERY_EXCEPTION_URL");
        Set<String> workerReads = variablesRead("worker/src/main/java/com/bcerp/handlers/worker");
        assertThat(names(environment("OrderWorker"))).containsAll(
                workerReads.stream().filter(v -> !jobOnly.contains(v)).toList());
        assertThat(names(environment("OrderCatchUp"))).containsAll(workerReads);
        assertThat(names(environment("WebhookHealth"))).containsAll(
                workerReads.stream().filter(v -> !v.equals("EVENTS_QUEUE_URL")).toList());
        for (String job : List.of("StockSync", "CatalogSync", "FulfilmentSync")) {
            assertThat(names(environment(job))).as(job).containsAll(
                    workerReads.stream().filter(v -> !jobOnly.contains(v)).toList());
        }
        assertThat(environment("StockSync").get("ACUMATICA_CONCURRENCY").asInt()).isEqualTo(4);
        // the service field of every function's JSON log lines
        synthesized.resources("AWS::Lambda::Function").forEach((id, f) -> assertThat(
                f.get("Properties").get("Environment").get("Variables").path("POWERTOOLS_SERVICE_NAME").asText())
                .as(id).isEqualTo(ConnectorStack.SERVICE_NAME));
        JsonNode worker = environment("OrderWorker");
        assertThat(worker.get("STORE_HASH").asText()).isEqualTo("abc123def");
        assertThat(worker.get("ACUMATICA_URL").asText()).isEqualTo("https://acme.acumatica.com/ACME");
        assertThat(worker.get("ACUMATICA_CUSTOMER_CLASS").asText()).isEqualTo("RETAIL");
        assertThat(worker.get("CONNECTOR_CONFIG").asText()).isEqualTo(ConnectorStack.CONFIG_PATH);
        assertThat(worker.get("CLAIM_LEASE_SECONDS").asInt()).isGreaterThan(120);
    }

    @Test
    void stock_catalogue_fulfilment_catch_up_and_webhook_health_each_run_their_handler_at_the_configured_rate() {
        // the example config's deployment.schedules (CDK writes 60 minutes as an hour)
        Map<String, String> rates = Map.of("StockSync", "rate(5 minutes)", "CatalogSync", "rate(1 hour)",
                "FulfilmentSync", "rate(15 minutes)", "OrderCatchUp", "rate(15 minutes)", "WebhookHealth", "rate(1 hour)");
        template.resourceCountIs("AWS::Scheduler::Schedule", rates.size());
        rates.forEach((job, rate) -> {
            String handler = job.equals("OrderCatchUp") ? "OrderCatchUpHandler" : job + "Handler";
            assertThat(function(job).get("Properties").get("Handler").asText())
                    .isEqualTo("com.bcerp.handlers.worker." + handler);
            template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                    "ScheduleExpression", rate,
                    "Target", Match.objectLike(Map.of("Arn", Map.of("Ref", logicalId("AWS::Lambda::Alias", job + "Live"))))));
            assertThat(synthesized.resources("AWS::CloudWatch::Alarm").keySet()).as(job)
                    .anyMatch(a -> a.startsWith("Monitoring" + job + "ErrorRate"));
        });
    }

    @Test
    void the_merchant_config_reaches_the_workers_in_a_layer_and_not_the_receiver() {
        String layer = logicalId("AWS::Lambda::LayerVersion", "MerchantConfig");
        assertThat(function("OrderWorker").get("Properties").get("Layers").get(0).get("Ref").asText()).isEqualTo(layer);
        assertThat(function("Receiver").get("Properties").has("Layers")).isFalse();
        JsonNode layerCode = synthesized.resources("AWS::Lambda::LayerVersion").get(layer);
        assertThat(layerCode.get("Properties").get("CompatibleArchitectures").get(0).asText()).isEqualTo("arm64");
    }

    @Test
    void each_role_allows_only_what_its_function_calls() {
        String receiverPolicy = policyOf("ReceiverRole");
        assertThat(receiverPolicy).contains("sqs:SendMessage", "secretsmanager:GetSecretValue")
                .doesNotContain("dynamodb:", "secretsmanager:PutSecretValue", "sqs:ReceiveMessage");
        String workerPolicy = policyOf("OrderWorkerRole");
        assertThat(workerPolicy).contains("dynamodb:UpdateItem", "sqs:ReceiveMessage", "secretsmanager:PutSecretValue")
                .doesNotContain("sqs:SendMessage", "dynamodb:DeleteItem", "dynamodb:Scan", "\"*\"", "index/");
        // the stock snapshot is read and written in batches, never scanned or deleted
        assertThat(policyOf("StockSyncRole")).contains("dynamodb:BatchGetItem", "dynamodb:BatchWriteItem")
                .doesNotContain("sqs:SendMessage", "dynamodb:Scan", "dynamodb:DeleteItem");
        // fulfilment reads the back office and writes the store: state and secrets, no queue
        assertThat(policyOf("FulfilmentSyncRole")).contains("dynamodb:UpdateItem", "secretsmanager:GetSecretValue")
                .doesNotContain("sqs:SendMessage", "sqs:ReceiveMessage", "dynamodb:Scan", "dynamodb:DeleteItem");
        // no managed policies: logs go to each function's own log group
        synthesized.resources("AWS::IAM::Role").values()
                .forEach(r -> assertThat(r.get("Properties").has("ManagedPolicyArns")).isFalse());
    }

    @Test
    void alarms_on_dead_letters_waiting_events_sync_lag_and_error_rates_notify_the_topic() {
        Map<String, JsonNode> alarms = synthesized.resources("AWS::CloudWatch::Alarm");
        assertThat(alarms.keySet()).anyMatch(id -> id.startsWith("MonitoringDeadLetters"))
                .anyMatch(id -> id.startsWith("MonitoringOldestStoreEvent"))
                .anyMatch(id -> id.startsWith("MonitoringOrderSyncLag"))
                .anyMatch(id -> id.startsWith("MonitoringOrderWorkerErrorRate"))
                .anyMatch(id -> id.startsWith("MonitoringReceiverErrorRate"))
                .anyMatch(id -> id.startsWith("MonitoringWebhookApiErrorRate"));
        String topic = logicalId("AWS::SNS::Topic", "MonitoringAlarmTopic");
        alarms.values().forEach(a -> assertThat(a.get("Properties").get("AlarmActions").get(0).get("Ref").asText())
                .isEqualTo(topic));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible", "Threshold", 0,
                "ComparisonOperator", "GreaterThanThreshold"));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateAgeOfOldestMessage", "Threshold", 15 * 60));
        // the metrics the order worker publishes (its EMF lines), with their dimensions: the function and the
        // back office (the default config's primary, acumatica)
        assertThat(Monitoring.NAMESPACE).isEqualTo(ConnectorMetrics.NAMESPACE);
        assertThat(Monitoring.SYNC_LAG).isEqualTo(ConnectorMetrics.SYNC_LAG);
        // (in the template, sorted by name)
        List<Map<String, String>> orderWorker = List.of(
                Map.of("Name", ConnectorMetrics.BACK_OFFICE, "Value", "acumatica"),
                Map.of("Name", ConnectorMetrics.FUNCTION, "Value", ConnectorMetrics.ORDER_WORKER));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", ConnectorMetrics.NAMESPACE, "MetricName", ConnectorMetrics.SYNC_LAG, "Threshold", 30 * 60,
                "Statistic", "Maximum", "Dimensions", Match.arrayWith(orderWorker)));
        // any parked order alarms
        assertThat(alarms.keySet()).anyMatch(id -> id.startsWith("MonitoringParkedOrders"));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", ConnectorMetrics.NAMESPACE, "MetricName", ConnectorMetrics.ORDERS_PARKED, "Threshold", 0,
                "Statistic", "Sum", "ComparisonOperator", "GreaterThanThreshold",
                "TreatMissingData", "notBreaching", "Dimensions", Match.arrayWith(orderWorker)));
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "ops@example.com"));
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    }

    @Test
    void a_back_office_or_the_store_throttling_for_throttled_minutes_and_a_feed_behind_by_feed_lag_schedules_runs_alarm() {
        // sustained: a 429 in each of 3 five-minute periods (throttled_minutes 15), from any function calling it
        JsonNode throttled = alarm("MonitoringThrottledAcumatica");
        assertThat(throttled.get("EvaluationPeriods").asInt()).isEqualTo(3);
        assertThat(throttled.get("Threshold").asDouble()).isZero();
        assertThat(throttled.get("TreatMissingData").asText()).isEqualTo("notBreaching");
        JsonNode queries = throttled.get("Metrics");
        String expression = queries.get(0).get("Expression").asText();
        List<String> functions = new ArrayList<>();
        for (JsonNode query : queries) {
            if (query.has("MetricStat")) {
                JsonNode metric = query.get("MetricStat").get("Metric");
                assertThat(metric.get("Namespace").asText()).isEqualTo(ConnectorMetrics.NAMESPACE);
                assertThat(metric.get("MetricName").asText()).isEqualTo(ConnectorMetrics.BACK_OFFICE_THROTTLED);
                assertThat(query.get("MetricStat").get("Stat").asText()).isEqualTo("Sum");
                assertThat(query.get("MetricStat").get("Period").asInt()).isEqualTo(300);
                assertThat(dimension(metric, ConnectorMetrics.BACK_OFFICE)).isEqualTo("acumatica");
                functions.add(dimension(metric, ConnectorMetrics.FUNCTION));
                assertThat(expression).contains("FILL(" + query.get("Id").asText() + ", 0)");
            }
        }
        assertThat(functions).containsExactlyInAnyOrder(ConnectorMetrics.ORDER_WORKER, ConnectorMetrics.STOCK_SYNC,
                ConnectorMetrics.CATALOG_SYNC, ConnectorMetrics.FULFILMENT_SYNC);

        // the store's 429s, alike: from every function calling the store, by function alone
        JsonNode store = alarm("MonitoringStoreThrottled");
        assertThat(store.get("EvaluationPeriods").asInt()).isEqualTo(3);
        List<String> storeCallers = new ArrayList<>();
        for (JsonNode query : store.get("Metrics")) {
            if (query.has("MetricStat")) {
                JsonNode metric = query.get("MetricStat").get("Metric");
                assertThat(metric.get("MetricName").asText()).isEqualTo(ConnectorMetrics.STORE_THROTTLED);
                assertThat(metric.get("Dimensions")).hasSize(1);
                storeCallers.add(dimension(metric, ConnectorMetrics.FUNCTION));
            }
        }
        assertThat(storeCallers).containsExactlyInAnyOrder(ConnectorMetrics.ORDER_WORKER, ConnectorMetrics.STOCK_SYNC,
                ConnectorMetrics.CATALOG_SYNC, ConnectorMetrics.FULFILMENT_SYNC);

        // feed lag beyond 3 of the feed's intervals (the example's schedules: 5, 60 and 15 minutes), per period of
        // at least one interval, from the back office each feed comes from
        Map<String, List<Object>> feeds = Map.of(
                "MonitoringStockFeedLag", List.of(ConnectorMetrics.STOCK_SYNC, 3 * 5 * 60, 5 * 60),
                "MonitoringCatalogFeedLag", List.of(ConnectorMetrics.CATALOG_SYNC, 3 * 60 * 60, 60 * 60),
                "MonitoringFulfilmentFeedLag", List.of(ConnectorMetrics.FULFILMENT_SYNC, 3 * 15 * 60, 15 * 60));
        feeds.forEach((id, expected) -> {
            JsonNode lag = alarm(id);
            assertThat(lag.get("Namespace").asText()).as(id).isEqualTo(ConnectorMetrics.NAMESPACE);
            assertThat(lag.get("MetricName").asText()).as(id).isEqualTo(ConnectorMetrics.FEED_LAG);
            assertThat(lag.get("Statistic").asText()).as(id).isEqualTo("Maximum");
            assertThat(dimension(lag, ConnectorMetrics.FUNCTION)).as(id).isEqualTo(expected.get(0));
            assertThat(dimension(lag, ConnectorMetrics.BACK_OFFICE)).as(id).isEqualTo("acumatica");
            assertThat(lag.get("Threshold").asInt()).as(id).isEqualTo(expected.get(1));
            assertThat(lag.get("Period").asInt()).as(id).isEqualTo(expected.get(2));
            assertThat(lag.get("ComparisonOperator").asText()).as(id).isEqualTo("GreaterThanThreshold");
        });
    }

    /** The properties of the one alarm whose logical id starts with {@code prefix}. */
    private static JsonNode alarm(String prefix) {
        List<JsonNode> found = synthesized.resources("AWS::CloudWatch::Alarm").entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix)).map(e -> e.getValue().get("Properties")).toList();
        assertThat(found).as(prefix).hasSize(1);
        return found.get(0);
    }

    private static String dimension(JsonNode metric, String name) {
        for (JsonNode d : metric.get("Dimensions")) {
            if (d.get("Name").asText().equals(name)) {
                return d.get("Value").asText();
            }
        }
        return null;
    }

    @Test
    void the_dashboard_graphs_the_connectors_own_metrics_beside_the_queues_and_functions() {
        JsonNode body = synthesized.resources("AWS::CloudWatch::Dashboard").values().iterator().next()
                .get("Properties").get("DashboardBody");
        // the body is JSON joined around the resources' tokens
        StringBuilder text = new StringBuilder(body.isTextual() ? body.asText() : "");
        if (!body.isTextual()) {
            body.get("Fn::Join").get(1).forEach(part -> text.append(part.isTextual() ? part.asText() : "TOKEN"));
        }
        for (String title : List.of("Store events", "Dead letters", "Order sync lag (s)", "Orders synced, duplicates prevented, parked",
                "Back-office calls and failures", "Back-office latency (p99, ms)", "Stock pushes", "Error rate (%)",
                "429s (throttled): back offices and the store", "Feed lag (s)", "Alarms")) {
            assertThat(text).as(title).contains("\"title\":\"" + title + "\"");
        }
        for (String metric : List.of(ConnectorMetrics.ORDERS_SYNCED, ConnectorMetrics.DUPLICATES_PREVENTED,
                ConnectorMetrics.ORDERS_PARKED,
                ConnectorMetrics.BACK_OFFICE_CALLS, ConnectorMetrics.BACK_OFFICE_CALL_FAILURES,
                ConnectorMetrics.BACK_OFFICE_LATENCY, ConnectorMetrics.SYNC_LAG, ConnectorMetrics.STOCK_PUSHES,
                ConnectorMetrics.BACK_OFFICE_THROTTLED, ConnectorMetrics.STORE_THROTTLED, ConnectorMetrics.FEED_LAG)) {
            assertThat(text).as(metric).contains("[\"" + ConnectorMetrics.NAMESPACE + "\",\"" + metric + "\"");
        }
    }

    @Test
    void the_pre_flight_check_is_its_own_function_with_the_workers_connections_and_secrets_and_no_trigger() {
        JsonNode check = function("PreflightCheck").get("Properties");
        assertThat(check.get("Handler").asText()).isEqualTo("com.bcerp.handlers.worker.check.PreflightCheckHandler");
        assertThat(check.get("Timeout").asInt()).isEqualTo(900);
        JsonNode env = environment("PreflightCheck");
        JsonNode worker = environment("OrderWorker");
        for (String variable : List.of("STORE_HASH", "BIGCOMMERCE_API_URL", "BIGCOMMERCE_SECRET", "ACUMATICA_URL",
                "ACUMATICA_SECRET", "ACUMATICA_ENDPOINT_VERSION", "CONNECTOR_CONFIG")) {
            assertThat(env.get(variable)).as(variable).isEqualTo(worker.get(variable));
        }
        assertThat(env.get("WEBHOOK_URL")).isEqualTo(environment("WebhookHealth").get("WEBHOOK_URL"));
        assertThat(check.get("Layers").get(0).get("Ref").asText())
                .isEqualTo(logicalId("AWS::Lambda::LayerVersion", "MerchantConfig"));
        // it reads every secret (and keeps Acumatica's rotated token, as the workers do), and nothing else
        String policy = policyOf("PreflightCheckRole");
        assertThat(policy).contains("secretsmanager:GetSecretValue", "BigCommerceSecret", "AcumaticaSecret",
                "secretsmanager:PutSecretValue").doesNotContain("dynamodb:", "sqs:");
        // invoked by ops only: no schedule, event source or API route points at it
        String checkId = logicalId("AWS::Lambda::Function", "PreflightCheck");
        assertThat(synthesized.resources("AWS::Scheduler::Schedule").toString()).doesNotContain("PreflightCheck");
        assertThat(synthesized.resources("AWS::Lambda::EventSourceMapping").toString()).doesNotContain(checkId);
        assertThat(synthesized.resources("AWS::Lambda::Permission").toString()).doesNotContain(checkId);
        template.hasOutput("PreflightCheckFunctionName", Map.of("Value", Map.of("Ref", checkId),
                "Description", Match.stringLikeRegexp(".*aws lambda invoke.*")));
    }

    @Test
    void the_outputs_the_ops_cli_reads_are_there() {
        template.hasOutput("WebhookUrl", Map.of("Value", Map.of("Fn::Join", List.of("", List.of(
                Map.of("Fn::GetAtt", List.of(logicalId("AWS::ApiGatewayV2::Api", "WebhookApi"), "ApiEndpoint")),
                ConnectorStack.WEBHOOK_PATH)))));
        for (String output : List.of("EventsQueueUrl", "DeadLetterQueueUrl", "StateTableName", "AuditTableName",
                "AlarmTopicArn")) {
            template.hasOutput(output, Match.objectLike(Map.of("Value", Match.anyValue())));
        }
    }

    @Test
    void the_worker_package_carries_one_aws_http_client_and_no_emulator_and_the_receiver_no_dynamodb() throws IOException {
        Set<String> worker = jars("functions/handlers/worker/target/worker-lambda.zip");
        Set<String> receiver = jars("functions/handlers/receiver/target/receiver-lambda.zip");
        for (Set<String> jars : List.of(worker, receiver)) {
            assertThat(jars).anyMatch(j -> j.startsWith("url-connection-client-"))
                    .noneMatch(j -> j.matches("(apache-client|apache5-client|netty-nio-client|aws-crt-client|DynamoDBLocal"
                            + "|elasticmq|aws-cdk-lib|sandbox-).*"));
        }
        assertThat(worker).anyMatch(j -> j.startsWith("dynamodb-"));
        assertThat(receiver).noneMatch(j -> j.startsWith("dynamodb-"));
    }

    private static Set<String> jars(String zip) throws IOException {
        try (java.util.zip.ZipFile file = new java.util.zip.ZipFile(SynthesizedStack.ROOT.resolve(zip).toFile())) {
            Set<String> jars = new TreeSet<>();
            file.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.startsWith("lib/"))
                    .forEach(n -> jars.add(n.substring(4)));
            return jars;
        }
    }

    @Test
    void every_function_names_a_handler_class_its_package_holds() {
        assertThat(HandlerClasses.missing(synthesized)).isEmpty();
    }

    @Test
    void a_config_file_without_what_a_deployment_needs_or_with_a_bad_value_fails_synth_naming_the_field() {
        Path noStore = SynthesizedStack.exampleWith();
        assertThatThrownBy(() -> DeployConfig.load(rewrite(noStore, "  store_hash: abc123def", "")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config deployment.store_hash: required to deploy");
        assertThatThrownBy(() -> DeployConfig.load(rewrite(noStore, "    url: https://acme.acumatica.com/ACME", "")))
                .hasMessageStartingWith("config deployment.acumatica.url: required to deploy");
        assertThatThrownBy(() -> DeployConfig.load(rewrite(noStore, "    batch_size: 5", "    batch_size: 20")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config deployment.order_worker.batch_size: must be between 1 and 10");
        assertThatThrownBy(() -> DeployConfig.load(rewrite(noStore, "    acumatica: acumatica",
                "    acumatica: acumatica\n    wms: nosuchwms")))
                .hasMessageStartingWith("config back_offices.systems.wms: unknown back-office type 'nosuchwms'");
        // a Uniconta back office cannot be built without its company: synth says which deployment setting is missing
        assertThatThrownBy(() -> DeployConfig.load(withBooks(noStore)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config deployment.back_offices.books.company_id: required to deploy back "
                        + "office 'books' (uniconta)");
        // so is a Visma.net one without its tenant
        assertThatThrownBy(() -> DeployConfig.load(rewrite(noStore, "    acumatica: acumatica",
                "    acumatica: acumatica\n    finance: visma")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config deployment.back_offices.finance.tenant_id: required to deploy back "
                        + "office 'finance' (visma)");
        assertThatThrownBy(() -> DeployConfig.load(SynthesizedStack.exampleWith("  back_offices:",
                "    acumatica:", "      tax_zones_by_currency: EUR=EU")))
                .hasMessageStartingWith("config deployment.back_offices.acumatica.tax_zones_by_currency: required to "
                        + "deploy back office 'acumatica'").hasMessageContaining("'EUR=EU'");
        assertThatThrownBy(() -> DeployConfig.load(SynthesizedStack.exampleWith("  back_offices:",
                "    nosuch:", "      url: https://example.com")))
                .hasMessageStartingWith("config deployment.back_offices.nosuch: names no back office");
        assertThatThrownBy(() -> DeployConfig.load(withBooks(SynthesizedStack.exampleWith("  back_offices:",
                "    books:", "      company_id: \"123456\"", "      secret: mine"))))
                .hasMessageContaining("deployment.back_offices.books.secret");
        assertThatThrownBy(() -> DeployConfig.load(Path.of("no-such-connector.yaml")))
                .hasMessageContaining("no such file");
    }

    @Test
    void plain_http_to_this_machine_is_taken_by_the_check_but_refused_at_synth_naming_the_field() {
        Path local = rewrite(SynthesizedStack.exampleWith(), "    url: https://acme.acumatica.com/ACME",
                "    url: http://localhost:8080/ACME");
        assertThat(DeployConfig.load(local).deployment().acumatica().url()).isEqualTo("http://localhost:8080/ACME");
        assertThatThrownBy(() -> SynthesizedStack.of(local, ScheduledJobs.ALL, s -> {}))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("config deployment.acumatica.url: must be an https URL to deploy");
        Path books = withBooks(SynthesizedStack.exampleWith("  back_offices:", "    books:",
                "      company_id: \"123456\"", "      url: http://127.0.0.1:9000"));
        assertThatThrownBy(() -> SynthesizedStack.of(books, ScheduledJobs.ALL, s -> {}))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("config deployment.back_offices.books.url: must be an https URL");
    }

    @Test
    void every_configured_back_office_gets_its_secret_its_variables_and_read_access_and_only_acumatica_rotates() {
        SynthesizedStack both = SynthesizedStack.of(withBooks(SynthesizedStack.exampleWith("  back_offices:",
                "    books:", "      company_id: \"123456\"", "      warehouses: MAIN")), ScheduledJobs.ALL, s -> {});
        JsonNode secretsTemplate = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(
                Template.fromStack(both.secretsStack()).toJSON());
        assertThat(secretsTemplate.get("Resources").toString())
                .contains("\"bc-erp-connector/acumatica\"", "\"bc-erp-connector/books\"");
        assertThat(both.json().get("Outputs").has("BooksSecretName")).isTrue();

        JsonNode worker = both.resources("AWS::Lambda::Function").entrySet().stream()
                .filter(e -> e.getKey().startsWith("OrderWorker")).findFirst().orElseThrow().getValue()
                .get("Properties").get("Environment").get("Variables");
        assertThat(worker.get("BOOKS_COMPANY_ID").asText()).isEqualTo("123456");
        assertThat(worker.get("BOOKS_WAREHOUSES").asText()).isEqualTo("MAIN");
        assertThat(worker.has("BOOKS_SECRET")).isTrue();
        assertThat(worker.get("ACUMATICA_URL").asText()).isEqualTo("https://acme.acumatica.com/ACME");

        String role = both.resources("AWS::IAM::Role").keySet().stream().filter(id -> id.startsWith("OrderWorkerRole"))
                .findFirst().orElseThrow();
        List<String> statements = new ArrayList<>();
        both.resources("AWS::IAM::Policy").values().stream()
                .filter(p -> p.get("Properties").get("Roles").toString().contains(role))
                .forEach(p -> p.get("Properties").get("PolicyDocument").get("Statement")
                        .forEach(st -> statements.add(st.toString())));
        assertThat(statements).anyMatch(st -> st.contains("GetSecretValue") && st.contains("BooksSecret"))
                .anyMatch(st -> st.contains("GetSecretValue") && st.contains("AcumaticaSecret"))
                .anyMatch(st -> st.contains("PutSecretValue") && st.contains("AcumaticaSecret"))
                .noneMatch(st -> st.contains("PutSecretValue") && st.contains("BooksSecret"));
    }

    /** {@code file} with a Uniconta back office named books beside Acumatica, taking the orders with it. */
    private static Path withBooks(Path file) {
        return rewrite(rewrite(file, "    acumatica: acumatica", "    acumatica: acumatica\n    books: uniconta"),
                "    orders: [acumatica]", "    orders: [acumatica, books]");
    }

    private static Path rewrite(Path file, String line, String replacement) {
        try {
            String text = Files.readString(file);
            assertThat(text).contains(line + "\n");
            Path out = Files.createTempFile("connector", ".yaml");
            Files.writeString(out, text.replace(line + "\n", replacement.isEmpty() ? "" : replacement + "\n"));
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String logicalId(String type, String prefix) {
        return synthesized.resources(type).keySet().stream().filter(id -> id.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " named " + prefix + "*"));
    }

    private static JsonNode function(String prefix) {
        return synthesized.resources("AWS::Lambda::Function").get(logicalId("AWS::Lambda::Function", prefix));
    }

    private static JsonNode environment(String prefix) {
        return function(prefix).get("Properties").get("Environment").get("Variables");
    }

    private static String policyOf(String rolePrefix) {
        String role = logicalId("AWS::IAM::Role", rolePrefix);
        return synthesized.resources("AWS::IAM::Policy").values().stream()
                .filter(p -> p.get("Properties").get("Roles").toString().contains(role))
                .map(p -> p.get("Properties").get("PolicyDocument").toString())
                .reduce("", String::concat);
    }

    private static Set<String> names(JsonNode variables) {
        Set<String> names = new TreeSet<>();
        variables.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The variables a handler module's composition root reads through Environment (required, optional, ...). */
    private static Set<String> variablesRead(String sourceFolder) throws IOException {
        Pattern read = Pattern.compile("env\\.(?:required|optional|uri|integer|flag|seconds)\\(\\s*\"([A-Z0-9_]+)\"");
        Set<String> names = new TreeSet<>();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SynthesizedStack.ROOT.resolve("functions/handlers").resolve(sourceFolder))) {
            files.filter(f -> f.getFileName().toString().endsWith("Composition.java")).forEach(sources::add);
        }
        for (Path source : sources) {
            Matcher m = read.matcher(Files.readString(source));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        assertThat(names).as("variables read in " + sourceFolder).isNotEmpty();
        return names;
    }
}
