package com.bcerp.local.runtime;

import com.bcerp.aws.AwsClients;
import com.bcerp.aws.Environment;
import com.bcerp.bigcommerce.webhook.WebhookReceiver;
import com.bcerp.config.ConfigLoader;
import com.bcerp.config.DeploymentSettings;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.port.BackOffice;
import com.bcerp.handlers.receiver.ReceiverComposition;
import com.bcerp.handlers.receiver.WebhookReceiverHandler;
import com.bcerp.handlers.worker.BackOfficeRegistry;
import com.bcerp.handlers.worker.OrderCatchUpHandler;
import com.bcerp.handlers.worker.OrderWorkerHandler;
import com.bcerp.handlers.worker.WebhookHealthHandler;
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
 * The connector on one machine: the BigCommerce sandbox and a sandbox for each back office the config names
 * (Acumatica by default), DynamoDB Local and ElasticMQ, the front door for webhooks, the queue pump and the ticker,
 * running the same handlers and composition roots as Lambda.
 */
public final class LocalRuntime implements AutoCloseable {

    /**
     * @param quotaPerWindow       the store sandbox's request quota per 30-second window (BigCommerce Plus: 150)
     * @param webhookRetryTimeScale the store sandbox's retry schedule speed (1.0 = BigCommerce's real one)
     * @param receiverClock        the webhook receiver's clock (a test moves it, to receive a retry hours on)
     * @param environment          variables set on the functions over the sandboxes' own (a back office's settings
     *                             beyond what its sandbox needs, as a deployment sets them: {@code EXTENSIV_LOCATION_FACILITIES})
     */
    public record Options(Path stateDir, int frontDoorPort, int quotaPerWindow, double webhookRetryTimeScale,
            LocalAws.QueueSettings queues, Path configFile, Timing timing, Clock receiverClock,
            Map<String, String> environment) {

        public Options {
            environment = Map.copyOf(environment);
        }

        public static Options defaults(Path stateDir) {
            return new Options(stateDir, 0, 450, 0.01, LocalAws.QueueSettings.defaults(), null, Timing.defaults(),
                    Clock.systemUTC(), Map.of());
        }

        public Options withWebhookRetryTimeScale(double value) {
            return new Options(stateDir, frontDoorPort, quotaPerWindow, value, queues, configFile,
                    timing, receiverClock, environment);
        }

        public Options withReceiverClock(Clock value) {
            return new Options(stateDir, frontDoorPort, quotaPerWindow, webhookRetryTimeScale,
                    queues, configFile, timing, value, environment);
        }

        public Options withQuota(int perWindow) {
            return new Options(stateDir, frontDoorPort, perWindow, webhookRetryTimeScale, queues,
                    configFile, timing, receiverClock, environment);
        }

        public Options withFrontDoorPort(int port) {
            return new Options(stateDir, port, quotaPerWindow, webhookRetryTimeScale, queues,
                    configFile, timing, receiverClock, environment);
        }

        /** The merchant config file the functions read ({@code CONNECTOR_CONFIG}); null for the defaults. */
        public Options withConfigFile(Path file) {
            return new Options(stateDir, frontDoorPort, quotaPerWindow, webhookRetryTimeScale,
                    queues, file, timing, receiverClock, environment);
        }

        public Options withEnvironment(Map<String, String> value) {
            return new Options(stateDir, frontDoorPort, quotaPerWindow, webhookRetryTimeScale, queues, configFile,
                    timing, receiverClock, value);
        }

        public Options withQueues(LocalAws.QueueSettings value) {
            return new Options(stateDir, frontDoorPort, quotaPerWindow, webhookRetryTimeScale,
                    value, configFile, timing, receiverClock, environment);
        }

        public Options withTiming(Timing value) {
            return new Options(stateDir, frontDoorPort, quotaPerWindow, webhookRetryTimeScale,
                    queues, configFile, value, receiverClock, environment);
        }
    }

    /**
     * Times a fault scenario shortens so that it runs in seconds. Keep the deployed proportions: a claim's lease
     * longer than any one attempt (the back-office timeout included) and shorter than the queue's visibility timeout,
     * so a message that comes back after a crash finds the lease run out.
     *
     * @param quotaWindow         the store sandbox's rate-limit window (BigCommerce: 30 s)
     * @param claimLease          {@code CLAIM_LEASE_SECONDS}
     * @param backOfficeTimeout   {@code ACUMATICA_TIMEOUT_SECONDS}
     * @param accessTokenLifetime the Acumatica sandbox's access tokens (Acumatica: an hour)
     * @param catchUpEvery        the ticker's rate for the order catch-up
     * @param webhookHealthEvery  the ticker's rate for the webhook-health job
     */
    public record Timing(Duration quotaWindow, Duration claimLease, Duration backOfficeTimeout,
            Duration accessTokenLifetime, Duration catchUpEvery, Duration webhookHealthEvery) {

        public static Timing defaults() {
            return new Timing(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofHours(1),
                    Duration.ofMinutes(1), Duration.ofMinutes(5));
        }

        public Timing withQuotaWindow(Duration value) {
            return new Timing(value, claimLease, backOfficeTimeout, accessTokenLifetime, catchUpEvery,
                    webhookHealthEvery);
        }

        public Timing withClaimLease(Duration value) {
            return new Timing(quotaWindow, value, backOfficeTimeout, accessTokenLifetime, catchUpEvery,
                    webhookHealthEvery);
        }

        /** A catch-up every {@code value}; longer than a run switches it off in effect. */
        public Timing withCatchUpEvery(Duration value) {
            return new Timing(quotaWindow, claimLease, backOfficeTimeout, accessTokenLifetime, value,
                    webhookHealthEvery);
        }
    }

    private final List<AutoCloseable> started = new ArrayList<>();
    private final LocalAws aws;
    private final BigCommerceSandbox bigcommerce;
    private final Map<String, LocalBackOffice> backOffices = new LinkedHashMap<>();
    private final List<String> takingOrders;
    private final ConnectorConfig config;
    private final FileSecretSource secrets;
    private final Map<String, String> environment;
    private final Timing timing;
    private final String webhookSecret;
    private final WorkerComposition worker;
    private final FrontDoor frontDoor;
    private final QueuePump pump;
    private final AwsClients clients;
    /** Worker processes started beside the first ({@link #startWorker}), each with its pump. */
    private final List<QueuePump> otherPumps = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Ticker ticker;
    private final CrashAfterWrite crashes = new CrashAfterWrite();

    private LocalRuntime(Options options) {
        timing = options.timing();
        aws = track(LocalAws.start(options.queues()));
        bigcommerce = track(BigCommerceSandbox.start(BigCommerceSandbox.Settings.defaults()
                .withQuota(options.quotaPerWindow(), timing.quotaWindow().toMillis())
                .withWebhookRetryTimeScale(options.webhookRetryTimeScale())));
        config = options.configFile() == null ? ConfigLoader.defaults()
                : ConfigLoader.load(options.configFile());
        config.backOffices().systems().forEach((name, type) -> backOffices.put(name,
                track(LocalBackOffice.start(type, timing))));
        takingOrders = config.backOffices().takingOrders();

        secrets = new FileSecretSource(options.stateDir().resolve("secrets.json"));
        webhookSecret = randomSecret();
        secrets.put(WorkerComposition.DEFAULT_BIGCOMMERCE_SECRET, Map.of(
                "access_token", bigcommerce.connectorAccessToken(),
                "client_secret", bigcommerce.clientSecret(),
                "webhook_secret", webhookSecret));

        Map<String, String> env = new LinkedHashMap<>(aws.endpointEnvironment());
        env.put("STORE_HASH", bigcommerce.storeHash());
        env.put("EVENTS_QUEUE_URL", aws.eventsQueueUrl());
        env.put("BIGCOMMERCE_API_URL", bigcommerce.baseUrl());
        DeploymentSettings.Acumatica erp = (options.configFile() == null ? DeploymentSettings.defaults()
                : ConfigLoader.deployment(options.configFile())).acumatica();
        backOffices.forEach((name, backOffice) -> {
            env.putAll(backOffice.environment(name, timing));
            if ("acumatica".equals(config.backOffices().systems().get(name))) {
                // the order types the config's deployment.acumatica names, as a deployment gives them the functions
                BackOfficeRegistry.Variables v = new BackOfficeRegistry.Variables(name, null);
                env.put(v.variable("ORDER_TYPE"), erp.orderType());
                env.put(v.variable("CREDIT_ORDER_TYPE"), erp.creditOrderType());
                env.put(v.variable("RETURN_ORDER_TYPE"), erp.returnOrderType());
            }
            secrets.put(new BackOfficeRegistry.Variables(name, new Environment(env)).secretName(), backOffice.secret());
        });
        env.putAll(options.environment());
        env.put("STATE_TABLE", LocalAws.STATE_TABLE);
        env.put("AUDIT_TABLE", LocalAws.AUDIT_TABLE);
        env.put("CLAIM_LEASE_SECONDS", Long.toString(timing.claimLease().toSeconds()));
        if (options.configFile() != null) {
            env.put("CONNECTOR_CONFIG", options.configFile().toAbsolutePath().toString());
        }
        clients = AwsClients.local(env);
        WebhookReceiver receiver = ReceiverComposition.create(new Environment(env), secrets, clients,
                options.receiverClock());
        frontDoor = track(new FrontDoor(new WebhookReceiverHandler(receiver), options.frontDoorPort()));
        env.put("WEBHOOK_URL", frontDoor.webhookUrl());
        env.put("DELIVERY_EXCEPTION_URL", frontDoor.deliveryExceptionUrl());
        environment = Map.copyOf(env);

        worker = WorkerComposition.create(new Environment(environment), secrets, clients, Clock.systemUTC(),
                crashes::wrap);
        // closed after the pumps (in reverse): each back office's session ends once nothing uses it
        track((AutoCloseable) () -> worker.backOffices().forEach(BackOffice::signOut));
        // the event source mapping's batch size and maximum concurrency, from the config file as the stack reads them
        DeploymentSettings.OrderWorker eventSource = (options.configFile() == null ? DeploymentSettings.defaults()
                : ConfigLoader.deployment(options.configFile())).orderWorker();
        pump = track(new QueuePump(aws.sqs(), aws.eventsQueueUrl(), aws.queueArn(aws.eventsQueueUrl()),
                new OrderWorkerHandler(worker.deliveries()), "order-worker",
                Duration.ofSeconds(eventSource.timeoutSeconds()), eventSource.maxConcurrency(),
                eventSource.batchSize()));
        // the first registration, as `./connector ops register-webhooks` does for a deployed stack
        worker.webhookHealth().check();
        ticker = track(new Ticker()
                .every(timing.catchUpEvery(), "order-catch-up", new OrderCatchUpHandler(worker.catchUp()))
                .every(timing.webhookHealthEvery(), "webhook-health", new WebhookHealthHandler(worker.webhookHealth())));
    }

    /**
     * Starts everything. DynamoDB Local and ElasticMQ print banners on standard output while they start; those are
     * kept back, so the terminal shows only what the caller prints, and shown on standard error if the start fails.
     */
    public static LocalRuntime start(Options options) {
        return withStartupOutputHeld(() -> new LocalRuntime(options));
    }

    /** Runs {@code action} with standard output kept back (emulators' banners), shown on standard error if it fails. */
    public static <T> T withStartupOutputHeld(Supplier<T> action) {
        PrintStream out = System.out;
        java.io.ByteArrayOutputStream held = new java.io.ByteArrayOutputStream();
        System.setOut(new PrintStream(held, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            return action.get();
        } catch (RuntimeException | Error e) {
            System.err.print(held.toString(java.nio.charset.StandardCharsets.UTF_8));
            throw e;
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

    /** The Acumatica sandbox of a run whose back offices include one (the default). */
    public AcumaticaSandbox acumatica() {
        return backOffices.values().stream().filter(b -> b instanceof LocalBackOffice.Acumatica)
                .map(b -> ((LocalBackOffice.Acumatica) b).sandbox()).findFirst()
                .orElseThrow(() -> new IllegalStateException("this run has no Acumatica back office; it runs "
                        + backOffices.keySet()));
    }

    /** Every back office of the run, by its name in the config. */
    public Map<String, LocalBackOffice> backOffices() {
        return backOffices;
    }

    /** The merchant config the functions read. */
    public ConnectorConfig config() {
        return config;
    }

    /** The timeouts and lifetimes the run's sandboxes and functions were given. */
    public Timing timing() {
        return timing;
    }

    /** The back office taking the orders first (the primary). */
    public LocalBackOffice primary() {
        return backOffices.get(takingOrders.get(0));
    }

    /** The name of the secret the functions read for the back office named {@code name}. */
    public String secretName(String name) {
        return new BackOfficeRegistry.Variables(name, new Environment(environment)).secretName();
    }

    /** The names of the back offices that take the orders, the primary first. */
    public List<String> takingOrders() {
        return takingOrders;
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

    /** The crash fault in the worker's path: a share of attempts die after their back-office write. */
    public CrashAfterWrite crashes() {
        return crashes;
    }

    /** The local stand-in for Secrets Manager (a file only its owner can read). */
    public FileSecretSource secrets() {
        return secrets;
    }

    /** The value of the connector's own webhook header, as registered on the store's hooks. */
    public String webhookSecret() {
        return webhookSecret;
    }

    /** The environment the functions run with here (endpoints, tables, queue; never secret values). */
    public Map<String, String> environment() {
        return environment;
    }

    /**
     * Another worker process beside the first, as another Lambda container is: its own composition (so its own
     * back-office sessions and caches) over the same tables, secrets and queue, taking batches from the queue with
     * {@code concurrency} at once. Returns its pump; it stops with the runtime.
     */
    public QueuePump startWorker(String name, int concurrency) {
        WorkerComposition other = WorkerComposition.create(new Environment(environment), secrets, clients,
                Clock.systemUTC(), crashes::wrap);
        track((AutoCloseable) () -> other.backOffices().forEach(BackOffice::signOut));
        QueuePump otherPump = track(new QueuePump(aws.sqs(), aws.eventsQueueUrl(), aws.queueArn(aws.eventsQueueUrl()),
                new OrderWorkerHandler(other.deliveries()), name, pump.timeout(), concurrency, pump.batchSize()));
        otherPumps.add(otherPump);
        return otherPump;
    }

    /** True once nothing is being delivered, queued or processed, and has not been for {@code quiet}. */
    public boolean isSettled(Duration quiet) {
        return bigcommerce.deliveries().pendingRetries() == 0 && bigcommerce.awaitDeliveriesIdle(Duration.ZERO)
                && pump.isIdleFor(quiet) && otherPumps.stream().allMatch(p -> p.isIdleFor(quiet))
                && aws.visibleAndInFlight(aws.eventsQueueUrl()) == 0;
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
