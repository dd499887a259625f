package com.bcerp.handlers.receiver;

import com.bcerp.aws.AwsClients;
import com.bcerp.aws.Environment;
import com.bcerp.aws.SecretsManagerSource;
import com.bcerp.aws.SqsEventQueue;
import com.bcerp.bigcommerce.webhook.WebhookAuthenticator;
import com.bcerp.bigcommerce.webhook.WebhookReceiver;
import com.bcerp.core.port.SecretSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Wires the webhook receiver from its environment. Reads the store's secret once, at init (the SnapStart snapshot
 * is taken after it; the secret source re-reads a value older than its cache age).
 *
 * <ul>
 *   <li>{@code STORE_HASH}: the store whose deliveries are accepted</li>
 *   <li>{@code EVENTS_QUEUE_URL}: the FIFO queue accepted events go to</li>
 *   <li>{@code BIGCOMMERCE_SECRET}: the secret with {@code client_secret} (signs deliveries) and
 *       {@code webhook_secret} (the {@value WebhookAuthenticator#SECRET_HEADER} header's value)</li>
 *   <li>{@code WEBHOOK_REQUIRE_SIGNATURE} (default true), {@code WEBHOOK_TOLERANCE_SECONDS} (300),
 *       {@code WEBHOOK_MAX_BODY_BYTES} (65536)</li>
 * </ul>
 */
public final class ReceiverComposition {

    public static final String DEFAULT_BIGCOMMERCE_SECRET = "bc-erp-connector/bigcommerce";

    private ReceiverComposition() {}

    /**
     * The receiver, and a read-only call on its queue with the same SQS client (SnapStart priming warms the client
     * with it; it never sends).
     */
    public record Wired(WebhookReceiver receiver, Runnable readQueue) {}

    /** On Lambda. */
    public static Wired fromLambdaEnvironment() {
        Map<String, String> env = System.getenv();
        AwsClients aws = AwsClients.fromEnvironment(env);
        return wire(new Environment(env), new SecretsManagerSource(aws.secretsManager(), Duration.ofMinutes(5),
                Clock.systemUTC()), aws, Clock.systemUTC());
    }

    public static WebhookReceiver create(Environment env, SecretSource secrets, AwsClients aws, Clock clock) {
        return wire(env, secrets, aws, clock).receiver();
    }

    public static Wired wire(Environment env, SecretSource secrets, AwsClients aws, Clock clock) {
        String storeHash = env.required("STORE_HASH", "the BigCommerce store hash");
        String queueUrl = env.required("EVENTS_QUEUE_URL", "the store-events FIFO queue");
        String secretName = env.optional("BIGCOMMERCE_SECRET", DEFAULT_BIGCOMMERCE_SECRET);
        Map<String, String> secret = secrets.get(secretName);
        WebhookAuthenticator.Config auth = new WebhookAuthenticator.Config(
                field(secret, secretName, "client_secret"), field(secret, secretName, "webhook_secret"),
                env.flag("WEBHOOK_REQUIRE_SIGNATURE", true),
                env.seconds("WEBHOOK_TOLERANCE_SECONDS", Duration.ofMinutes(5)));
        WebhookReceiver.Config config = new WebhookReceiver.Config(storeHash,
                env.integer("WEBHOOK_MAX_BODY_BYTES", WebhookReceiver.DEFAULT_MAX_BODY_BYTES),
                WebhookReceiver.HANDLED_SCOPES);
        SqsClient sqs = aws.sqs();
        WebhookReceiver receiver = new WebhookReceiver(config, new WebhookAuthenticator(auth, clock),
                new SqsEventQueue(sqs, queueUrl));
        return new Wired(receiver, () -> sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)));
    }

    private static String field(Map<String, String> secret, String secretName, String field) {
        String value = secret.get(field);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("secret " + secretName + " has no " + field);
        }
        return value;
    }
}
