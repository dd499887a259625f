package com.bcerp.handlers.worker;

import com.bcerp.aws.AwsClients;
import com.bcerp.aws.DynamoRequestBudget;
import com.bcerp.aws.DynamoStockSnapshot;
import com.bcerp.aws.DynamoSyncState;
import com.bcerp.aws.Environment;
import com.bcerp.aws.SecretsManagerSource;
import com.bcerp.aws.SqsEventQueue;
import com.bcerp.bigcommerce.BigCommerceCatalog;
import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.bigcommerce.BigCommerceFulfilment;
import com.bcerp.bigcommerce.BigCommerceInventory;
import com.bcerp.bigcommerce.BigCommercePriceLists;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.bigcommerce.BigCommerceStorefront;
import com.bcerp.bigcommerce.RateLimitPacer;
import com.bcerp.bigcommerce.webhook.WebhookAuthenticator;
import com.bcerp.bigcommerce.webhook.WebhookEventQueue;
import com.bcerp.bigcommerce.webhook.WebhookHealth;
import com.bcerp.bigcommerce.webhook.WebhookRegistrar;
import com.bcerp.config.ConfigLoader;
import com.bcerp.core.backoffice.Capability;
import com.bcerp.core.config.BackOfficeSettings;
import com.bcerp.core.catalog.CatalogSync;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.config.ReliabilitySettings;
import com.bcerp.core.fulfilment.FulfilmentSync;
import com.bcerp.core.order.OrderCatchUp;
import com.bcerp.core.order.OrderFlows;
import com.bcerp.core.order.OwnStatusWrites;
import com.bcerp.core.order.DeliveredOnce;
import com.bcerp.core.order.StoreEventHandler;
import com.bcerp.core.port.CredentialLease;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.CatalogSource;
import com.bcerp.core.port.PriceSource;
import com.bcerp.core.pricelist.PriceListSync;
import com.bcerp.core.port.FulfilmentSource;
import com.bcerp.core.port.RequestBudget;
import com.bcerp.core.port.SecretSource;
import com.bcerp.core.port.StoreFulfilment;
import com.bcerp.core.port.Storefront;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.stock.StockSettings;
import com.bcerp.core.stock.StockSync;
import com.bcerp.core.sync.Cursor;
import com.bcerp.core.sync.KeyScope;
import com.bcerp.http.ApiClient;
import com.bcerp.http.RetryPolicy;
import com.bcerp.http.SharedRate;
import com.bcerp.http.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The worker functions' composition root: the one place where the store, the back office and the state are chosen
 * and wired, from environment variables (listed in the README's configuration reference). The order worker and the
 * scheduled jobs share one store pacer per process, and every process shares the request budgets in the state
 * table. What only a scheduled job needs (the queue it feeds, the webhook URLs) is built when that job first asks,
 * so each function needs only its own variables.
 */
public final class WorkerComposition {

    public static final String DEFAULT_BIGCOMMERCE_SECRET = "bc-erp-connector/bigcommerce";
    /** Where BigCommerce reports failed deliveries, under the webhook URL unless {@code DELIVERY_EXCEPTION_URL} says. */
    public static final String DELIVERY_EXCEPTION_PATH = "/delivery-exceptions";

    private final String storeHash;
    private final Storefront store;
    private final List<BackOffice> backOffices;
    private final SyncState state;
    private final OrderFlows flows;
    private final StoreEventHandler events;
    private final DeliveredOnce deliveries;
    private final Supplier<OrderCatchUp> catchUp;
    private final Supplier<WebhookHealth> webhookHealth;
    private final StockSync stockSync;
    private final CatalogSync catalogSync;
    private final PriceListSync priceListSync;
    private final Function<UnaryOperator<StoreFulfilment>, FulfilmentSync> fulfilment;
    private final ConnectorMetrics metrics;
    private final BackOfficeSettings wiring;

    private WorkerComposition(String storeHash, Storefront store, List<BackOffice> backOffices, SyncState state,
            OrderFlows flows, StoreEventHandler events, DeliveredOnce deliveries, Supplier<OrderCatchUp> catchUp, Supplier<WebhookHealth> webhookHealth,
            StockSync stockSync, CatalogSync catalogSync, PriceListSync priceListSync,
            Function<UnaryOperator<StoreFulfilment>, FulfilmentSync> fulfilment, ConnectorMetrics metrics,
            BackOfficeSettings wiring) {
        this.metrics = metrics;
        this.wiring = wiring;
        this.storeHash = storeHash;
        this.store = store;
        this.backOffices = backOffices;
        this.state = state;
        this.flows = flows;
        this.events = events;
        this.deliveries = deliveries;
        this.catchUp = catchUp;
        this.webhookHealth = webhookHealth;
        this.stockSync = stockSync;
        this.catalogSync = catalogSync;
        this.priceListSync = priceListSync;
        this.fulfilment = fulfilment;
    }

    /** On Lambda. */
    public static WorkerComposition fromLambdaEnvironment() {
        Map<String, String> env = System.getenv();
        AwsClients aws = AwsClients.fromEnvironment(env);
        return create(new Environment(env),
                new SecretsManagerSource(aws.secretsManager(), Duration.ofMinutes(5), Clock.systemUTC()), aws,
                Clock.systemUTC());
    }

    public static WorkerComposition create(Environment env, SecretSource secrets, AwsClients aws, Clock clock) {
        return create(env, secrets, aws, clock, UnaryOperator.identity());
    }

    /**
     * @param orderBackOffice wraps the back office the order flow writes to: the local runtime's fault injection (a
     *                        crash after the back-office write) goes here; Lambda passes it through unchanged
     */
    public static WorkerComposition create(Environment env, SecretSource secrets, AwsClients aws, Clock clock,
            UnaryOperator<BackOffice> orderBackOffice) {
        return create(env, secrets, aws, clock, orderBackOffice, BackOfficeRegistry.standard());
    }

    /** @param registry the kinds of back office the config may name */
    public static WorkerComposition create(Environment env, SecretSource secrets, AwsClients aws, Clock clock,
            UnaryOperator<BackOffice> orderBackOffice, BackOfficeRegistry registry) {
        String storeHash = env.required("STORE_HASH", "the BigCommerce store hash");
        String bcSecretName = env.optional("BIGCOMMERCE_SECRET", DEFAULT_BIGCOMMERCE_SECRET);
        String accessToken = secretField(secrets, bcSecretName, "access_token");
        ConnectorConfig config = config(env);
        ReliabilitySettings reliability = config.reliability();

        DynamoDbClient dynamo = aws.dynamoDb();
        String stateTable = env.required("STATE_TABLE", "the DynamoDB table of claims, links, cursors and budgets");
        DynamoSyncState state = new DynamoSyncState(dynamo, stateTable,
                env.required("AUDIT_TABLE", "the DynamoDB table of the audit trail"), clock,
                Duration.ofDays(env.integer("AUDIT_RETENTION_DAYS", 90)));
        RequestBudget budget = new DynamoRequestBudget(dynamo, stateTable, clock);

        // each back office's flows counted: outcomes through the audit records they write, calls through its ports,
        // 429s through its pacer; the store's 429s through the store's
        ConnectorMetrics metrics = ConnectorMetrics.lambda(clock);
        BigCommerceClient storeClient = storeClient(new BigCommerceSettings(
                env.uri("BIGCOMMERCE_API_URL", BigCommerceSettings.DEFAULT_API_BASE.toString()), storeHash, accessToken),
                budget, reliability, metrics, clock);
        BigCommerceStorefront store = new BigCommerceStorefront(storeClient);

        // every back office the flows name, each built once from its own variables (ACUMATICA_URL for "acumatica")
        BackOfficeSettings wiring = config.backOffices();
        BackOfficeRegistry.Shared shared = new BackOfficeRegistry.Shared(secrets, budget, config, clock, metrics,
                CredentialLease.over(state));
        Map<String, BackOffice> backOffices = new LinkedHashMap<>();
        Function<String, BackOffice> backOffice = name -> backOffices.computeIfAbsent(name,
                n -> registry.create(n, wiring.systems().get(n), env, shared));

        Duration lease = env.seconds("CLAIM_LEASE_SECONDS", Duration.ofMinutes(5));
        OwnStatusWrites ownWrites = new OwnStatusWrites(state, OrderFlows.ECHO_WINDOW);
        List<OrderFlows> orderFlows = new ArrayList<>();
        for (String name : wiring.takingOrders()) {
            KeyScope scope = orderFlows.isEmpty() ? KeyScope.primary(name) : KeyScope.secondary(name);
            orderFlows.add(OrderFlows.wire(store, metrics.observe(orderBackOffice.apply(backOffice.apply(name))), scope,
                    metrics.observe(state, name), state, config, ownWrites, clock, lease));
        }
        OrderFlows flows = orderFlows.get(0);
        StoreEventHandler events = StoreEventHandler.of(orderFlows);

        Supplier<OrderCatchUp> catchUp = memoize(() -> new OrderCatchUp(storeHash, store,
                new WebhookEventQueue(new SqsEventQueue(aws.sqs(),
                        env.required("EVENTS_QUEUE_URL", "the store-events FIFO queue the catch-up feeds"))),
                state, reliability.catchUp(), clock));
        Supplier<WebhookHealth> webhookHealth = memoize(() -> {
            String webhookUrl = env.uri("WEBHOOK_URL", null).toString();
            String exceptionUrl = env.uri("DELIVERY_EXCEPTION_URL", webhookUrl + DELIVERY_EXCEPTION_PATH).toString();
            String webhookSecret = secretField(secrets, bcSecretName, "webhook_secret");
            return new WebhookHealth(storeHash, new WebhookRegistrar(storeClient), state,
                    WebhookHealth.Target.of(webhookUrl, exceptionUrl, webhookSecret, config.customers().sync()), clock);
        });

        BackOffice stockFrom = backOffice.apply(wiring.stockFrom());
        stockFrom.require(Capability.INVENTORY, "back_offices.flows.stock");
        // a back office that maps its own warehouses to store locations (Extensiv's facility per location) sends each
        // warehouse's stock there, unless stock.locations says otherwise (then they must agree)
        StockSettings stockSettings = config.stock().servedBy(stockFrom.inventory().orElseThrow().warehouseLocations(),
                "the location facilities of back office '" + stockFrom.name() + "'");
        StockSync stockSync = new StockSync(stockFrom.inventory().orElseThrow(),
                new BigCommerceInventory(storeClient, config.catalog().matchKey()),
                new DynamoStockSnapshot(dynamo, stateTable, storeHash), state, state, stockSettings, config.sellingUnits(),
                storeHash, clock);
        BackOffice catalogFrom = backOffice.apply(wiring.catalogFrom());
        if (config.catalog().productSync()) {
            catalogFrom.require(Capability.CATALOGUE, "back_offices.flows.catalog");
        }
        // with product sync off the catalogue sync returns before it reads anything, so a back office without a
        // catalogue (a warehouse) can run a deployment of its own
        CatalogSource catalogue = catalogFrom.catalogue().orElse((since, page) -> {
            throw new IllegalStateException("back office '" + catalogFrom.name() + "' has no catalogue");
        });
        CatalogSync catalogSync = new CatalogSync(catalogue,
                new BigCommerceCatalog(storeClient, config.catalog().matchKey()), state, state, config.catalog(),
                stockSettings, storeHash, clock);
        // price lists come from the catalogue's back office; with no mappings the sync reads and writes nothing
        if (!config.priceLists().mappings().isEmpty()) {
            catalogFrom.require(Capability.PRICE_LISTS, "price_lists.mappings");
        }
        PriceSource prices = catalogFrom.prices().orElse(priceClass -> {
            throw new IllegalStateException("back office '" + catalogFrom.name() + "' has no price lists");
        });
        PriceListSync priceListSync = new PriceListSync(prices, new BigCommercePriceLists(storeClient), state,
                config.priceLists(), storeHash, clock);
        BackOffice fulfilmentFrom = backOffice.apply(wiring.fulfilmentFrom());
        fulfilmentFrom.require(Capability.FULFILMENT, "back_offices.flows.fulfilment");
        FulfilmentSource shipped = fulfilmentFrom.fulfilment().orElseThrow();
        Function<UnaryOperator<StoreFulfilment>, FulfilmentSync> fulfilment = storeSide ->
                new FulfilmentSync(shipped, storeSide.apply(new BigCommerceFulfilment(storeClient)), state, state,
                        config.fulfilment(), config.statuses(), flows.ownWrites(), storeHash, clock, lease);
        // a handled delivery's record outlives any copy of it the receiver still lets in
        DeliveredOnce deliveries = new DeliveredOnce(events, state, WebhookAuthenticator.RETRY_HORIZON, clock);
        return new WorkerComposition(storeHash, store, List.copyOf(backOffices.values()), state, flows, events,
                deliveries, catchUp, webhookHealth, stockSync, catalogSync, priceListSync, fulfilment, metrics, wiring);
    }

    /** The merchant's config file named by {@code CONNECTOR_CONFIG}, or the defaults when there is none. */
    public static ConnectorConfig config(Environment env) {
        String file = env.optional("CONNECTOR_CONFIG", null);
        return file == null ? ConfigLoader.defaults() : ConfigLoader.load(Path.of(file));
    }

    private static String secretField(SecretSource secrets, String secretName, String field) {
        String value = secrets.get(secretName).get(field);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("secret " + secretName + " has no " + field);
        }
        return value;
    }

    private static <T> Supplier<T> memoize(Supplier<T> build) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = build.get();
                }
                return value;
            }
        };
    }

    public String storeHash() {
        return storeHash;
    }

    /** The store's events to every back office taking orders. */
    public StoreEventHandler events() {
        return events;
    }

    /** The queued events (the order worker's input): {@link #events()}, each signed delivery once. */
    public DeliveredOnce deliveries() {
        return deliveries;
    }

    /** The primary back office's order flows, e.g. for the hook that records the connector's own status writes. */
    public OrderFlows flows() {
        return flows;
    }

    /** The scheduled order catch-up (needs {@code EVENTS_QUEUE_URL}). */
    public OrderCatchUp catchUp() {
        return catchUp.get();
    }

    /** The scheduled webhook check (needs {@code WEBHOOK_URL}, and {@code webhook_secret} in the store's secret). */
    public WebhookHealth webhookHealth() {
        return webhookHealth.get();
    }

    /** Back-office stock to the store's locations (the stock-sync schedule). */
    public StockSync stockSync() {
        return stockSync;
    }

    /** Back-office shipments, statuses and references to the store (the fulfilment-sync schedule). */
    public FulfilmentSync fulfilmentSync() {
        return fulfilment.apply(UnaryOperator.identity());
    }

    /**
     * The fulfilment sync with its store side wrapped: the local runtime's fault injection (a crash after the store
     * created a shipment) goes here.
     */
    public FulfilmentSync fulfilmentSync(UnaryOperator<StoreFulfilment> storeSide) {
        return fulfilment.apply(storeSide);
    }

    /** Back-office products to the store's catalogue (the catalog-sync schedule). */
    public CatalogSync catalogSync() {
        return catalogSync;
    }

    /** Back-office price classes to the store's price lists (run by the catalog-sync schedule). */
    public PriceListSync priceListSync() {
        return priceListSync;
    }

    public SyncState state() {
        return state;
    }

    /**
     * The store's client: paced at the config's share of the store's quota, shared by every process through the
     * budget (the quota is the store's, not a function's), each 429 it is answered counted in the metrics.
     */
    static BigCommerceClient storeClient(BigCommerceSettings settings, RequestBudget budget,
            ReliabilitySettings reliability, ConnectorMetrics metrics, Clock clock) {
        ApiClient.Pacer pacer = new RateLimitPacer(clock, Sleeper.THREAD,
                new SharedRate(budget, "bigcommerce#" + settings.storeHash(), Sleeper.THREAD),
                reliability.storeQuotaShare()).observed(response -> {
                    if (response.status() == 429) {
                        metrics.storeThrottled();
                    }
                });
        return new BigCommerceClient(settings, new ApiClient("bigcommerce", ApiClient.defaultHttpClient(),
                Duration.ofSeconds(30), RetryPolicy.standard(), pacer));
    }

    /** The functions' metrics on Lambda (a handler begins an invocation of them; nothing is written otherwise). */
    public ConnectorMetrics metrics() {
        return metrics;
    }

    /** The name of the back office the stock comes from. */
    public String stockFrom() {
        return wiring.stockFrom();
    }

    /** The name of the back office the catalogue comes from. */
    public String catalogFrom() {
        return wiring.catalogFrom();
    }

    /** The name of the back office the shipments come from. */
    public String fulfilmentFrom() {
        return wiring.fulfilmentFrom();
    }

    /** When the feed whose cursor is {@code cursorName} last caught up: when a run last wrote its cursor. */
    public Supplier<Optional<Instant>> caughtUp(String cursorName) {
        return () -> state.cursor(cursorName).map(Cursor::updatedAt);
    }

    public Storefront store() {
        return store;
    }

    /** Every back office the flows use, the primary (taking orders) first. */
    public List<BackOffice> backOffices() {
        return backOffices;
    }
}
