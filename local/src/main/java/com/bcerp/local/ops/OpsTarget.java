package com.bcerp.local.ops;

import com.bcerp.aws.AwsClients;
import com.bcerp.aws.DynamoSyncState;
import com.bcerp.aws.SecretsManagerSource;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.core.port.SecretSource;
import com.bcerp.core.port.SyncState;
import com.bcerp.handlers.worker.WorkerComposition;
import com.bcerp.local.runtime.FileSecretSource;
import com.bcerp.local.runtime.LocalRuntime;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What ops commands work on: one deployment's queues, tables and secrets. Found three ways: a deployed stack's
 * CloudFormation outputs, the file a running {@code ./connector serve} writes, or a local runtime in this process.
 *
 * @param description          for messages, e.g. "stack bc-erp-connector (eu-west-1)"
 * @param bigcommerceSecret    the name of the store's secret (access token, webhook secret)
 * @param functionEnvironment  a local runtime's functions' variables, so ops can run a function's handler here; empty
 *                             for a stack, whose functions run in Lambda
 * @param preflightCheckFunction a stack's pre-flight check function (its {@code PreflightCheckFunctionName} output)
 */
public record OpsTarget(String description, String storeHash, String eventsQueueUrl, String deadLetterQueueUrl,
        String stateTable, String auditTable, URI bigcommerceApiUrl, String bigcommerceSecret, String webhookUrl,
        String deliveryExceptionUrl, DynamoDbClient dynamo, SqsClient sqs, SecretSource secrets,
        Map<String, String> functionEnvironment, String preflightCheckFunction) {

    /**
     * The CloudFormation outputs ops reads from a deployed stack, and whether each must be there. Without a
     * {@code StoreHash} output, the store hash comes from {@code --store-hash}.
     */
    public static final Map<String, Boolean> STACK_OUTPUTS = Map.of(
            "StoreHash", false, "EventsQueueUrl", true, "DeadLetterQueueUrl", true, "StateTableName", true,
            "AuditTableName", true, "WebhookUrl", true, "DeliveryExceptionUrl", false, "BigCommerceSecretName", false,
            "BigCommerceApiUrl", false);

    public SyncState state() {
        return new DynamoSyncState(dynamo, stateTable, auditTable, Clock.systemUTC(), Duration.ofDays(90));
    }

    /** A local runtime in this process (the chaos runner, tests). */
    public static OpsTarget of(LocalRuntime runtime) {
        Map<String, String> env = runtime.environment();
        return new OpsTarget("the local runtime in this process", env.get("STORE_HASH"), env.get("EVENTS_QUEUE_URL"),
                runtime.aws().deadLetterQueueUrl(), env.get("STATE_TABLE"), env.get("AUDIT_TABLE"),
                URI.create(env.get("BIGCOMMERCE_API_URL")), WorkerComposition.DEFAULT_BIGCOMMERCE_SECRET,
                env.get("WEBHOOK_URL"), env.get("DELIVERY_EXCEPTION_URL"), runtime.aws().dynamo(), runtime.aws().sqs(),
                runtime.secrets(), env, null);
    }

    /** A running {@code ./connector serve}, from the file it wrote. */
    public static OpsTarget of(RuntimeFile.Description local) {
        AwsClients clients = AwsClients.local(Map.of("AWS_ENDPOINT_URL_DYNAMODB", local.dynamodbEndpoint(),
                "AWS_ENDPOINT_URL_SQS", local.sqsEndpoint()));
        return new OpsTarget("the local runtime of `connector serve` (pid " + local.pid() + ")", local.storeHash(),
                local.eventsQueueUrl(), local.deadLetterQueueUrl(), local.stateTable(), local.auditTable(),
                URI.create(local.bigcommerceApiUrl()), WorkerComposition.DEFAULT_BIGCOMMERCE_SECRET, local.webhookUrl(),
                local.deliveryExceptionUrl(), clients.dynamoDb(), clients.sqs(),
                new FileSecretSource(java.nio.file.Path.of(local.secretsFile())),
                local.environment() == null ? Map.of() : local.environment(), null);
    }

    /**
     * A deployed stack as the operator reaches it: its CloudFormation outputs, and its tables, queues and secrets
     * through the operator's AWS credentials (environment, profile, SSO).
     */
    public record Stack(String description, Map<String, String> outputs, DynamoDbClient dynamo, SqsClient sqs,
            SecretSource secrets) {

        public static Stack read(String stackName, String region) {
            Map<String, String> env = new HashMap<>(System.getenv());
            if (region != null) {
                env.put("AWS_REGION", region);
            }
            AwsClients clients = AwsClients.fromEnvironment(env);
            Map<String, String> outputs;
            try (CloudFormationClient cloudFormation = CloudFormationClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .credentialsProvider(DefaultCredentialsProvider.builder().build())
                    .region(Region.of(env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION",
                            "us-east-1"))))
                    .build()) {
                outputs = cloudFormation.describeStacks(b -> b.stackName(stackName)).stacks().get(0).outputs()
                        .stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
            }
            return new Stack("stack " + stackName, outputs, clients.dynamoDb(), clients.sqs(),
                    new SecretsManagerSource(clients.secretsManager(), Duration.ofMinutes(5), Clock.systemUTC()));
        }
    }

    /** A deployed stack: its outputs name the queues, tables and secret. */
    public static OpsTarget ofStack(String stackName, String region, String storeHash) {
        return ofOutputs(Stack.read(stackName, region), storeHash);
    }

    public static OpsTarget ofOutputs(Stack stack, String storeHash) {
        return ofOutputs(stack.description(), stack.outputs(), storeHash, stack.dynamo(), stack.sqs(), stack.secrets());
    }

    static OpsTarget ofOutputs(String description, Map<String, String> outputs, String storeHash, DynamoDbClient dynamo,
            SqsClient sqs, SecretSource secrets) {
        for (Map.Entry<String, Boolean> output : STACK_OUTPUTS.entrySet()) {
            if (output.getValue() && !outputs.containsKey(output.getKey())) {
                throw new IllegalStateException(description + " has no output " + output.getKey() + " (it has "
                        + new TreeSet<>(outputs.keySet()) + "); ops needs " + new TreeSet<>(STACK_OUTPUTS.keySet()));
            }
        }
        String store = storeHash != null ? storeHash : outputs.get("StoreHash");
        if (store == null) {
            throw new IllegalStateException(description + " has no StoreHash output: pass --store-hash (the "
                    + "config file's deployment.store_hash)");
        }
        String webhookUrl = outputs.get("WebhookUrl");
        return new OpsTarget(description, store, outputs.get("EventsQueueUrl"),
                outputs.get("DeadLetterQueueUrl"), outputs.get("StateTableName"), outputs.get("AuditTableName"),
                URI.create(outputs.getOrDefault("BigCommerceApiUrl", BigCommerceSettings.DEFAULT_API_BASE.toString())),
                outputs.getOrDefault("BigCommerceSecretName", WorkerComposition.DEFAULT_BIGCOMMERCE_SECRET), webhookUrl,
                outputs.getOrDefault("DeliveryExceptionUrl", webhookUrl + WorkerComposition.DELIVERY_EXCEPTION_PATH),
                dynamo, sqs, secrets, Map.of(), outputs.get("PreflightCheckFunctionName"));
    }
}
