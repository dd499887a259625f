package com.bcerp.handlers.worker;

import com.bcerp.acumatica.AcumaticaBackOffice;
import com.bcerp.acumatica.AcumaticaCatalog;
import com.bcerp.acumatica.AcumaticaConnection;
import com.bcerp.acumatica.AcumaticaInventory;
import com.bcerp.acumatica.AcumaticaSettings;
import com.bcerp.aws.AwsClients;
import com.bcerp.aws.DynamoCursors;
import com.bcerp.aws.DynamoStockSnapshot;
import com.bcerp.aws.DynamoSyncState;
import com.bcerp.aws.Environment;
import com.bcerp.aws.SecretsManagerSource;
import com.bcerp.bigcommerce.BigCommerceCatalog;
import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.bigcommerce.BigCommerceInventory;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.bigcommerce.BigCommerceStorefront;
import com.bcerp.core.catalog.CatalogSync;
import com.bcerp.core.order.OrderImport;
import com.bcerp.config.ConfigLoader;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.order.SalesOrderMapper;
import com.bcerp.core.order.StoreEventHandler;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.SecretSource;
import com.bcerp.core.port.Cursors;
import com.bcerp.core.port.Storefront;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.stock.StockSync;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The worker functions' composition root: the one place where the store, the back office and the state are chosen
 * and wired, from environment variables (listed in the README's configuration reference).
 */
public final class WorkerComposition {

    public static final String DEFAULT_BIGCOMMERCE_SECRET = "bc-erp-connector/bigcommerce";
    public static final String DEFAULT_ACUMATICA_SECRET = "bc-erp-connector/acumatica";

    private final Storefront store;
    private final BackOffice backOffice;
    private final SyncState state;
    private final StoreEventHandler events;
    private final StockSync stockSync;
    private final CatalogSync catalogSync;

    private WorkerComposition(Storefront store, BackOffice backOffice, SyncState state, StoreEventHandler events,
            StockSync stockSync, CatalogSync catalogSync) {
        this.store = store;
        this.backOffice = backOffice;
        this.state = state;
        this.events = events;
        this.stockSync = stockSync;
        this.catalogSync = catalogSync;
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
        String storeHash = env.required("STORE_HASH", "the BigCommerce store hash");
        String bcSecretName = env.optional("BIGCOMMERCE_SECRET", DEFAULT_BIGCOMMERCE_SECRET);
        String accessToken = secrets.get(bcSecretName).get("access_token");
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalStateException("secret " + bcSecretName + " has no access_token");
        }
        BigCommerceClient bigcommerce = BigCommerceClient.create(new BigCommerceSettings(
                env.uri("BIGCOMMERCE_API_URL", BigCommerceSettings.DEFAULT_API_BASE.toString()), storeHash, accessToken));
        Storefront store = new BigCommerceStorefront(bigcommerce);

        AcumaticaSettings erp = new AcumaticaSettings(
                env.uri("ACUMATICA_URL", null),
                env.optional("ACUMATICA_ENDPOINT_NAME", "Default"),
                env.optional("ACUMATICA_ENDPOINT_VERSION", "24.200.001"),
                env.optional("ACUMATICA_ORDER_TYPE", "SO"),
                env.optional("ACUMATICA_CUSTOMER_CLASS", null),
                env.optional("ACUMATICA_SECRET", DEFAULT_ACUMATICA_SECRET),
                env.seconds("ACUMATICA_TIMEOUT_SECONDS", Duration.ofSeconds(30)));
        AcumaticaConnection acumatica = AcumaticaConnection.create(erp, secrets);
        BackOffice backOffice = new AcumaticaBackOffice(acumatica);

        DynamoDbClient dynamo = aws.dynamoDb();
        String stateTable = env.required("STATE_TABLE", "the DynamoDB table of claims, links, cursors and the stock snapshot");
        SyncState state = new DynamoSyncState(dynamo, stateTable,
                env.required("AUDIT_TABLE", "the DynamoDB table of the audit trail"), clock,
                Duration.ofDays(env.integer("AUDIT_RETENTION_DAYS", 90)));

        ConnectorConfig config = config(env);
        OrderImport orderImport = new OrderImport(store, backOffice, state,
                new SalesOrderMapper(config.orders()), clock,
                env.seconds("CLAIM_LEASE_SECONDS", Duration.ofMinutes(5)));

        Cursors cursors = new DynamoCursors(dynamo, stateTable);
        StockSync stockSync = new StockSync(
                new AcumaticaInventory(acumatica, env.integer("ACUMATICA_CONCURRENCY", 4)),
                new BigCommerceInventory(bigcommerce, config.catalog().matchKey()),
                new DynamoStockSnapshot(dynamo, stateTable, storeHash), cursors, state, config.stock(), storeHash, clock);
        CatalogSync catalogSync = new CatalogSync(
                new AcumaticaCatalog(acumatica, env.optional("ACUMATICA_BASE_CURRENCY", "USD"),
                        config.catalog().salePriceAttribute()),
                new BigCommerceCatalog(bigcommerce, config.catalog().matchKey()), cursors, state, config.catalog(),
                config.stock(), storeHash, clock);
        return new WorkerComposition(store, backOffice, state, new StoreEventHandler(orderImport), stockSync,
                catalogSync);
    }

    /** The merchant's config file named by {@code CONNECTOR_CONFIG}, or the defaults when there is none. */
    static ConnectorConfig config(Environment env) {
        String file = env.optional("CONNECTOR_CONFIG", null);
        return file == null ? ConfigLoader.defaults() : ConfigLoader.load(Path.of(file));
    }

    public StoreEventHandler events() {
        return events;
    }

    /** Back-office stock to the store's locations (the stock-sync schedule). */
    public StockSync stockSync() {
        return stockSync;
    }

    /** Back-office products to the store's catalogue (the catalog-sync schedule). */
    public CatalogSync catalogSync() {
        return catalogSync;
    }

    public SyncState state() {
        return state;
    }

    public Storefront store() {
        return store;
    }

    public BackOffice backOffice() {
        return backOffice;
    }
}
