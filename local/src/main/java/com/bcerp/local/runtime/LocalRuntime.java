package com.bcerp.local.runtime;

import com.bcerp.aws.AwsClients;
import com.bcerp.aws.Environment;
import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.bigcommerce.webhook.WebhookAuthenticator;
import com.bcerp.bigcommerce.webhook.WebhookReceiver;
import com.bcerp.bigcommerce.webhook.WebhookRegistrar;
import com.bcerp.handlers.receiver.ReceiverComposition;
import com.bcerp.handlers.receiver.WebhookReceiverHandler;
import com.bcerp.handlers.worker.OrderWorkerHandler;
import com.bcerp.handlers.worker.WorkerComposition;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The connector on one machine: the BigCommerce and Acumatica sandboxes, DynamoDB Local and ElasticMQ, the front
 * door for webhooks, the queue pump and the ticker, running the same handlers and composition roots as Lambda.
 */
public final class LocalRuntime implements AutoCloseable {

    /**
     * @param quotaPerWindow       the store sandbox's request quota per 30-second window (BigCommerce Plus: 150)
     * @param webhookRetryTimeScale the store sandbox's retry schedule speed (1.0 = BigCommerce's real one)
     * @param workerConcurrency    batches the worker may run at once (the event source's maximum concurrency)
     */
    public record Options(Path stateDir, int frontDoorPort, int quotaPerWindow, double webhookRetryTimeScale,
            int workerConcurrency, LocalAws.QueueSettings queues, Path configFile) {

        public static Options defaults(Path stateDir) {
            return new Options(stateDir, 0, 450, 0.01, 4, LocalAws.QueueSettings.defaults(), null);
        }

        public Options withQuota(int perWindow) {
            return new Options(stateDir, frontDoorPort, perWindow, webhookRetryTimeScale, workerConcurrency, queues,
                    configFile);
        }

        public Options withFrontDoorPort(int port) {
            return new Options(stateDir, port, quotaPerWindow, webhookRetryTimeScale, workerConcurrency, queues,
                    configFile);
        }

        /** The merchant config file the functions read ({@code CONNECTOR_CONFIG}); null for the defaults. */
        public Options withConfigFile(Path file) {
            return new Options(stateDir, frontDoorPort, quotaPerWindow, webhookRetryTimeScale, workerConcurrency,
                    queues, file);
        }
    }

    /** The scopes the connector registers its webhooks for. */
    public static final List<String> WEBHOOK_SCOPES = List.of("store/order/created", "store/order/updated",
            "store/order/statusUpdated");

    private final List<AutoCloseable> started = new ArrayList<>();
    private final LocalAws aws;
    private final BigCommerceSandbox bigcommerce;
    private final AcumaticaSandbox acumatica;
    private final FileSecretSource secrets;
    private final Map<String, String> environment;
    private final String webhookSecret;
    private final WorkerComposition worker;
    private final FrontDoor frontDoor;
    private final QueuePump pump;
    private final Ticker ticker;

    private LocalRuntime(Options options) {
        aws = track(LocalAws.start(options.queues()));
        bigcommerce = track(BigCommerceSandbox.start(BigCommerceSandbox.Settings.defaults()
                .withQuota(options.quotaPerWindow(), 30_000).withWebhookRetryTimeScale(options.webhookRetryTimeScale())));
        acumatica = track(AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults()));

        secrets = new FileSecretSource(options.stateDir().resolve("secrets.json"));
        webhookSecret = randomSecret();
        secrets.put(WorkerComposition.DEFAULT_BIGCOMMERCE_SECRET, Map.of(
                "access_token", bigcommerce.connectorAccessToken(),
                "client_secret", bigcommerce.clientSecret(),
                "webhook_secret", webhookSecret));
        AcumaticaSandbox.Settings erp = acumatica.settings();
        secrets.put(WorkerComposition.DEFAULT_ACUMATICA_SECRET, Map.of(
                "username", erp.username(), "password", erp.password(),
                "client_id", erp.clientId(), "client_secret", erp.clientSecret()));

        Map<String, String> env = new LinkedHashMap<>(aws.endpointEnvironment());
        env.put("STORE_HASH", bigcommerce.storeHash());
        env.put("EVENTS_QUEUE_URL", aws.eventsQueueUrl());
        env.put("BIGCOMMERCE_API_URL", bigcommerce.baseUrl());
        env.put("ACUMATICA_URL", acumatica.baseUrl());
        env.put("ACUMATICA_ENDPOINT_VERSION", erp.endpointVersion());
        // the sandbox has no licence limit on concurrent requests; a real instance's is usually lower
        env.put("ACUMATICA_CONCURRENCY", "8");
        env.put("STATE_TABLE", LocalAws.STATE_TABLE);
        env.put("AUDIT_TABLE", LocalAws.AUDIT_TABLE);
        if (options.configFile() != null) {
            env.put("CONNECTOR_CONFIG", options.configFile().toAbsolutePath().toString());
        }
        environment = Map.copyOf(env);
        AwsClients clients = AwsClients.local(environment);
        Environment functionEnv = new Environment(environment);

        WebhookReceiver receiver = ReceiverComposition.create(functionEnv, secrets, clients, Clock.systemUTC());
        worker = WorkerComposition.create(functionEnv, secrets, clients, Clock.systemUTC());
        frontDoor = track(new FrontDoor(new WebhookReceiverHandler(receiver), options.frontDoorPort()));
        pump = track(new QueuePump(aws.sqs(), aws.eventsQueueUrl(), aws.queueArn(aws.eventsQueueUrl()),
                new OrderWorkerHandler(worker.events()), "order-worker", options.workerConcurrency(), 10));
        ticker = track(new Ticker());

        new WebhookRegistrar(BigCommerceClient.create(new BigCommerceSettings(java.net.URI.create(bigcommerce.baseUrl()),
                bigcommerce.storeHash(), bigcommerce.connectorAccessToken())))
                .ensure(WEBHOOK_SCOPES, frontDoor.webhookUrl(), Map.of(WebhookAuthenticator.SECRET_HEADER, webhookSecret));
    }

    /**
     * Starts everything. DynamoDB Local and ElasticMQ print banners on standard output; they are sent to standard
     * error, so a caller's standard output carries only what it prints itself.
     */
    public static LocalRuntime start(Options options) {
        return withStdoutOnStderr(() -> new LocalRuntime(options));
    }

    private static <T> T withStdoutOnStderr(Supplier<T> action) {
        PrintStream out = System.out;
        System.setOut(System.err);
        try {
            return action.get();
        } finally {
            System.setOut(out);
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public LocalAws aws() {
        return aws;
    }

    public BigCommerceSandbox bigcommerce() {
        return bigcommerce;
    }

    public AcumaticaSandbox acumatica() {
        return acumatica;
    }

    public WorkerComposition worker() {
        return worker;
    }

    public FrontDoor frontDoor() {
        return frontDoor;
    }

    public QueuePump pump() {
        return pump;
    }

    public Ticker ticker() {
        return ticker;
    }

    /** The value of the connector's own webhook header, as registered on the store's hooks. */
    public String webhookSecret() {
        return webhookSecret;
    }

    /** The environment the functions run with here (endpoints, tables, queue; never secret values). */
    public Map<String, String> environment() {
        return environment;
    }

    /** True once nothing is being delivered, queued or processed, and has not been for {@code quiet}. */
    public boolean isSettled(Duration quiet) {
        return bigcommerce.deliveries().pendingRetries() == 0 && bigcommerce.awaitDeliveriesIdle(Duration.ZERO)
                && pump.isIdleFor(quiet) && aws.visibleAndInFlight(aws.eventsQueueUrl()) == 0;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("local runtime: could not stop " + started.get(i).getClass().getSimpleName() + ": " + e);
            }
        }
    }
}
