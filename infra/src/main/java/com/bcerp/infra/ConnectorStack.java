package com.bcerp.infra;

import com.bcerp.aws.Tables;
import com.bcerp.config.DeploymentSettings;
import com.bcerp.handlers.worker.DeployConfig;
import com.bcerp.handlers.worker.BackOfficeRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.HttpStageOptions;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.scheduler.ContextAttribute;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.ScheduleTargetInput;
import software.amazon.awscdk.services.scheduler.targets.LambdaInvoke;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The connector in one merchant's AWS account: the webhook API and receiver, the store-events FIFO queue and its
 * dead-letter queue, the order worker, the scheduled jobs, the tables, and the alarms and dashboard
 * ({@link Monitoring}). The secrets are in {@link ConnectorSecretsStack}, deployed (and given values) first.
 *
 * <p>Every function runs {@code java21} on arm64 with SnapStart; its event source, schedule or API integration points
 * at the alias {@value #ALIAS}, which follows the version published for the current code and configuration. Each
 * function has its own role with only what its code calls.
 */
public final class ConnectorStack extends Stack {

    public static final String ALIAS = "live";
    public static final String WEBHOOK_PATH = "/webhooks/bigcommerce";
    public static final String DELIVERY_EXCEPTION_PATH = WEBHOOK_PATH + "/delivery-exceptions";
    /** Where the config layer puts the merchant's file on the functions' file system. */
    public static final String CONFIG_PATH = "/opt/connector.yaml";

    private final DeploymentSettings deployment;
    private final DeployConfig config;
    private final ConnectorSecretsStack secrets;
    private final Table stateTable;
    private final Table auditTable;
    private final Queue eventsQueue;
    private final Queue deadLetterQueue;
    private final ISecret bigCommerceSecret;
    private final LayerVersion configLayer;
    private final HttpApi api;
    private final Function receiver;
    private final Function orderWorker;
    private final Map<ScheduledJob, Function> scheduled = new LinkedHashMap<>();
    private final Function preflightCheck;
    private final Monitoring monitoring;

    public ConnectorStack(Construct scope, String id, StackProps props, DeployConfig config,
            ConnectorSecretsStack secrets, LambdaPackages packages, List<ScheduledJob> jobs) {
        super(scope, id, props);
        this.deployment = config.deployment();
        this.config = config;
        this.secrets = secrets;
        this.bigCommerceSecret = secrets.bigCommerce().secret();
        // the functions read the secrets as they start, which SnapStart does while this stack deploys
        addStackDependency(secrets, "the functions read the secrets' values as their versions are published");

        stateTable = stateTable();
        auditTable = auditTable();
        deadLetterQueue = Queue.Builder.create(this, "DeadLetterQueue")
                .queueName(id + "-store-events-dlq.fifo").fifo(true)
                .retentionPeriod(Duration.days(14))
                .encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true)
                .build();
        eventsQueue = Queue.Builder.create(this, "EventsQueue")
                .queueName(id + "-store-events.fifo").fifo(true)
                // the receiver sets each message's deduplication id (the signed webhook-id, else the payload hash)
                .contentBasedDeduplication(false)
                // AWS's guidance for a Lambda event source: at least six times the function timeout
                .visibilityTimeout(Duration.seconds(6 * deployment.orderWorker().timeoutSeconds()))
                .retentionPeriod(Duration.days(14))
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetterQueue)
                        .maxReceiveCount(deployment.storeEvents().maxReceiveCount()).build())
                .encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true)
                .build();
        configLayer = LayerVersion.Builder.create(this, "MerchantConfig")
                .code(Code.fromAsset(configLayerDirectory(config.file()).toString()))
                .compatibleRuntimes(List.of(Runtime.JAVA_21))
                .compatibleArchitectures(List.of(Architecture.ARM_64))
                .description("The merchant's connector.yaml, validated at synth (" + CONFIG_PATH + ")")
                .build();

        receiver = function("Receiver", packages.receiver(), "com.bcerp.handlers.receiver.WebhookReceiverHandler",
                "BigCommerce webhooks: verify, enqueue, answer", 30, 512, receiverEnvironment(), false);
        eventsQueue.grantSendMessages(receiver);
        eventsQueue.grant(receiver, "sqs:GetQueueAttributes"); // SnapStart priming reads the queue's attributes
        bigCommerceSecret.grantRead(receiver);
        api = webhookApi(alias(receiver));

        orderWorker = function("OrderWorker", packages.worker(), "com.bcerp.handlers.worker.OrderWorkerHandler",
                "Store events from the queue: each order into the back office, once",
                deployment.orderWorker().timeoutSeconds(), deployment.orderWorker().memoryMb(),
                workerEnvironment(deployment.orderWorker().timeoutSeconds()), true);
        grantWorker(orderWorker);
        alias(orderWorker).addEventSource(SqsEventSource.Builder.create(eventsQueue)
                .batchSize(deployment.orderWorker().batchSize())
                .maxConcurrency(deployment.orderWorker().maxConcurrency())
                .reportBatchItemFailures(true)
                .build());

        for (ScheduledJob job : jobs) {
            scheduled.put(job, scheduledJob(job, packages));
        }

        preflightCheck = preflightCheck(packages);

        monitoring = new Monitoring(this, "Monitoring", new Monitoring.Watched(id, deployment, api, eventsQueue,
                deadLetterQueue, receiver, orderWorker, List.copyOf(scheduled.values()),
                config.config().backOffices()));

        output("WebhookUrl", webhookUrl(), "POST BigCommerce webhooks here (register them with this destination)");
        output("EventsQueueUrl", eventsQueue.getQueueUrl(), "the store-events FIFO queue");
        output("EventsQueueArn", eventsQueue.getQueueArn(), "the store-events FIFO queue (redrive destination)");
        output("DeadLetterQueueUrl", deadLetterQueue.getQueueUrl(), "store events that failed max_receive_count times");
        output("DeadLetterQueueArn", deadLetterQueue.getQueueArn(), "the dead-letter queue (redrive source)");
        output("StateTableName", stateTable.getTableName(), "claims, links, cursors, parked records");
        output("AuditTableName", auditTable.getTableName(), "every attempt on every record");
        output("AlarmTopicArn", monitoring.topic().getTopicArn(), "alarms are published here; subscribe ops to it");
        output("BigCommerceSecretName", secrets.bigCommerce().name(), "the store's credentials (JSON)");
        config.config().backOffices().systems().forEach((name, type) -> output(DeployConfig.secretOutput(name),
                secrets.backOffice(name).name(), "back office '" + name + "' (" + type + "): its credentials (JSON)"));
        output("StoreHash", deployment.storeHash(), "the BigCommerce store this deployment serves (read by ./connector ops)");
        output("PreflightCheckFunctionName", preflightCheck.getFunctionName(), "the pre-flight check, invoked by ops "
                + "(aws lambda invoke --function-name NAME:" + ALIAS + "), never on a trigger");
        output("DeliveryExceptionUrl", api.getApiEndpoint() + DELIVERY_EXCEPTION_PATH,
                "where BigCommerce reports failed deliveries (the delivery-exception hook's destination)");
    }

    /** The webhook destination: the API's endpoint and the route. */
    public String webhookUrl() {
        return api.getApiEndpoint() + WEBHOOK_PATH;
    }

    /** On demand, recoverable to any second of the last 35 days, and kept whatever happens to the stack. */
    private Table.Builder durableTable(String id) {
        return Table.Builder.create(this, id)
                .partitionKey(Attribute.builder().name(Tables.PK).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryption.AWS_MANAGED)
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN);
    }

    private Table stateTable() {
        // only the records of handled webhook deliveries carry a ttl; nothing's correctness waits on its deletion
        Table table = durableTable("StateTable").timeToLiveAttribute(Tables.TTL).build();
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder().indexName(Tables.PARKED_INDEX)
                .partitionKey(Attribute.builder().name(Tables.PARKED_INDEX_PK).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(Tables.PARKED_INDEX_SK).type(AttributeType.STRING).build())
                .projectionType(ProjectionType.INCLUDE).nonKeyAttributes(Tables.PARKED_INDEX_ATTRIBUTES)
                .build());
        return table;
    }

    private Table auditTable() {
        return durableTable("AuditTable")
                .sortKey(Attribute.builder().name(Tables.SK).type(AttributeType.STRING).build())
                .timeToLiveAttribute(Tables.TTL)
                .build();
    }

    /** A folder holding only the merchant's file, as {@code connector.yaml}: the layer's content. */
    private static Path configLayerDirectory(Path file) {
        try {
            Path dir = Files.createTempDirectory("connector-config-layer");
            Files.copy(file, dir.resolve(Path.of(CONFIG_PATH).getFileName()), StandardCopyOption.REPLACE_EXISTING);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("could not stage the config layer from " + file, e);
        }
    }

    private Function function(String id, Path zip, String handlerClass, String description, int timeoutSeconds,
            int memoryMb, Map<String, String> environment, boolean readsConfig) {
        LogGroup logs = logGroup(id + "Logs");
        Role role = Role.Builder.create(this, id + "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description(id + ": only what its code calls")
                .build();
        logs.grantWrite(role);
        Function.Builder builder = Function.Builder.create(this, id)
                .description(description)
                .runtime(Runtime.JAVA_21).architecture(Architecture.ARM_64)
                .code(Code.fromAsset(zip.toString()))
                .handler(handlerClass)
                .timeout(Duration.seconds(timeoutSeconds)).memorySize(memoryMb)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(withService(environment))
                .logGroup(logs)
                .role(role);
        if (readsConfig) {
            builder.layers(List.of(configLayer));
        }
        return builder.build();
    }

    /** The {@code service} field of every JSON log line (Powertools logging reads it from the environment). */
    static final String SERVICE_NAME = "bc-erp-connector";

    private static Map<String, String> withService(Map<String, String> environment) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("POWERTOOLS_SERVICE_NAME", SERVICE_NAME);
        return env;
    }

    /** The alias every trigger points at: SnapStart only applies to published versions. */
    private static Alias alias(Function function) {
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "every trigger uses the alias on the published current version");
        return Alias.Builder.create(function, "Live").aliasName(ALIAS).version(function.getCurrentVersion()).build();
    }

    private HttpApi webhookApi(Alias receiverAlias) {
        HttpApi httpApi = HttpApi.Builder.create(this, "WebhookApi")
                .description("BigCommerce webhook deliveries")
                .createDefaultStage(false)
                .build();
        LogGroup accessLogs = logGroup("WebhookApiAccessLogs");
        HttpStage.Builder.create(this, "WebhookApiStage")
                .httpApi(httpApi).stageName("$default").autoDeploy(true)
                .accessLogSettings(new IAccessLogSettings() {
                    @Override
                    public IAccessLogDestination getDestination() {
                        return new LogGroupLogDestination(accessLogs);
                    }

                    @Override
                    public AccessLogFormat getFormat() {
                        return AccessLogFormat.custom("{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
                                + "\"requestTime\":\"$context.requestTime\",\"routeKey\":\"$context.routeKey\","
                                + "\"status\":\"$context.status\",\"responseLength\":\"$context.responseLength\","
                                + "\"integrationError\":\"$context.integrationErrorMessage\"}");
                    }
                })
                // far above any store's delivery rate; a flood of forged requests is cut off before the receiver
                .throttle(ThrottleSettings.builder().rateLimit(50).burstLimit(100).build())
                .build();
        HttpLambdaIntegration receiver = new HttpLambdaIntegration("ReceiverIntegration", receiverAlias);
        httpApi.addRoutes(AddRoutesOptions.builder()
                .path(WEBHOOK_PATH).methods(List.of(HttpMethod.POST)).integration(receiver).build());
        // BigCommerce's delivery-exception hook must have a destination of its own; the receiver logs its reports
        httpApi.addRoutes(AddRoutesOptions.builder()
                .path(DELIVERY_EXCEPTION_PATH).methods(List.of(HttpMethod.POST)).integration(receiver).build());
        return httpApi;
    }

    private Map<String, String> receiverEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STORE_HASH", deployment.storeHash());
        env.put("EVENTS_QUEUE_URL", eventsQueue.getQueueUrl());
        env.put("BIGCOMMERCE_SECRET", secrets.bigCommerce().name());
        env.put("WEBHOOK_REQUIRE_SIGNATURE", Boolean.toString(deployment.webhooks().requireSignature()));
        env.put("WEBHOOK_TOLERANCE_SECONDS", Integer.toString(deployment.webhooks().toleranceSeconds()));
        env.put("WEBHOOK_MAX_BODY_BYTES", Integer.toString(deployment.webhooks().maxBodyBytes()));
        return env;
    }

    /** What WorkerComposition reads; every worker function is wired by it. */
    private Map<String, String> workerEnvironment(int timeoutSeconds) {
        // the store and every back office the config names, each by its own {NAME}_... variables, as the registry builds it
        Map<String, String> env = new LinkedHashMap<>(config.connectionVariables(secrets.bigCommerce().name(),
                name -> secrets.backOffice(name).name()));
        env.put("STATE_TABLE", stateTable.getTableName());
        env.put("AUDIT_TABLE", auditTable.getTableName());
        env.put("AUDIT_RETENTION_DAYS", Integer.toString(deployment.auditRetentionDays()));
        env.put("CONNECTOR_CONFIG", CONFIG_PATH);
        // a claim must outlive any attempt that holds it, and an attempt ends with its function's timeout
        env.put("CLAIM_LEASE_SECONDS", Integer.toString(Math.max(300, 2 * timeoutSeconds)));
        return env;
    }

    /**
     * What every worker function calls: the state table (claims, links, cursors), the audit table (write, and read
     * for history), every secret at start-up, and the secret of a back office that rotates its credential (Acumatica's
     * refresh token) written back.
     */
    private void grantWorker(Function function) {
        // on the tables themselves, not their indexes: the parked index is read by ops, not by the functions
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query",
                        // the stock snapshot: 100 keys read, 25 items written a request
                        "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem"))
                .resources(List.of(stateTable.getTableArn()))
                .build());
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:PutItem", "dynamodb:Query"))
                .resources(List.of(auditTable.getTableArn()))
                .build());
        grantSecrets(function);
    }

    /**
     * Every secret read at start-up, and the secret of a back office that rotates its credential (Acumatica's refresh
     * token, single use) written back: a function that signs in and could not keep the new token would leave the
     * others holding a spent one.
     */
    private void grantSecrets(Function function) {
        bigCommerceSecret.grantRead(function);
        config.config().backOffices().systems().forEach((name, type) -> {
            ISecret secret = secrets.backOffice(name).secret();
            secret.grantRead(function);
            if (BackOfficeRegistry.ROTATING_CREDENTIALS.contains(type)) {
                function.addToRolePolicy(PolicyStatement.Builder.create()
                        .actions(List.of("secretsmanager:PutSecretValue"))
                        .resources(List.of(secret.getSecretArn()))
                        .build());
            }
        });
    }

    private Function scheduledJob(ScheduledJob job, LambdaPackages packages) {
        DeploymentSettings.Schedules schedules = deployment.schedules();
        String id = DeployConfig.pascal(job.name());
        Map<String, String> env = workerEnvironment(schedules.timeoutSeconds());
        env.put("WEBHOOK_URL", webhookUrl());
        env.put("DELIVERY_EXCEPTION_URL", api.getApiEndpoint() + DELIVERY_EXCEPTION_PATH);
        if (job.enqueuesStoreEvents()) {
            env.put("EVENTS_QUEUE_URL", eventsQueue.getQueueUrl());
        }
        Function function = function(id, packages.worker(), job.handlerClass(), "Scheduled job " + job.name(),
                schedules.timeoutSeconds(), schedules.memoryMb(), env, true);
        grantWorker(function);
        if (job.enqueuesStoreEvents()) {
            eventsQueue.grantSendMessages(function);
        }
        Alias live = alias(function);
        int minutes = job.rateMinutes().applyAsInt(schedules);
        Schedule.Builder.create(this, id + "Schedule")
                .description(job.name() + " every " + minutes + " min (deployment.schedules)")
                .schedule(ScheduleExpression.rate(Duration.minutes(minutes)))
                .target(LambdaInvoke.Builder.create(live)
                        // the next run is the retry: jobs resume from their cursors, so a failed run is not repeated
                        .retryAttempts(0)
                        .input(ScheduleTargetInput.fromObject(Map.of(
                                "source", "aws.scheduler", "detail-type", "Scheduled Event",
                                "time", ContextAttribute.getScheduledTime(),
                                "resources", List.of(ContextAttribute.getScheduleArn()),
                                "detail", Map.of("job", job.name()))))
                        .build())
                .build();
        return function;
    }

    /**
     * The pre-flight check as ops invokes it: read-only against the store and every back office, with the worker's
     * variables and secrets (and a rotated credential written back, as the workers do) and the receiver's URLs for the
     * webhooks. No trigger: it runs when someone asks, and reads no table or queue.
     */
    private Function preflightCheck(LambdaPackages packages) {
        DeploymentSettings.Schedules schedules = deployment.schedules();
        Map<String, String> env = new LinkedHashMap<>(config.connectionVariables(secrets.bigCommerce().name(),
                name -> secrets.backOffice(name).name()));
        env.put("CONNECTOR_CONFIG", CONFIG_PATH);
        env.put("WEBHOOK_URL", webhookUrl());
        env.put("DELIVERY_EXCEPTION_URL", api.getApiEndpoint() + DELIVERY_EXCEPTION_PATH);
        // reading 250 orders, their taxes and transactions, and each back office's catalogue takes minutes
        Function function = function("PreflightCheck", packages.worker(),
                "com.bcerp.handlers.worker.check.PreflightCheckHandler",
                "Pre-flight check (ops): the store and each back office against the config, read-only", 900,
                schedules.memoryMb(), env, true);
        grantSecrets(function);
        alias(function);
        return function;
    }

    /** A log group kept for {@code deployment.log_retention_days} (validated against CloudWatch's periods). */
    private LogGroup logGroup(String id) {
        LogGroup logs = LogGroup.Builder.create(this, id).removalPolicy(RemovalPolicy.RETAIN).build();
        ((CfnLogGroup) logs.getNode().getDefaultChild()).setRetentionInDays(deployment.logRetentionDays());
        return logs;
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}
