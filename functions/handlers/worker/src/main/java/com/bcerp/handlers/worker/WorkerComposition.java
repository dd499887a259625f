package com.bcerp.handlers.worker;

import com.bcerp.acumatica.AcumaticaBackOffice;
import com.bcerp.acumatica.AcumaticaSettings;
import com.bcerp.aws.AwsClients;
import com.bcerp.aws.DynamoSyncState;
import com.bcerp.aws.Environment;
import com.bcerp.aws.SecretsManagerSource;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.bigcommerce.BigCommerceStorefront;
import com.bcerp.config.ConfigLoader;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.order.OrderFlows;
import com.bcerp.core.order.StoreEventHandler;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.SecretSource;
import com.bcerp.core.port.Storefront;
import com.bcerp.core.port.SyncState;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

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
    private final OrderFlows flows;

    private WorkerComposition(Storefront store, BackOffice backOffice, SyncState state, OrderFlows flows) {
        this.store = store;
        this.backOffice = backOffice;
        this.state = state;
        this.flows = flows;
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
        Storefront store = BigCommerceStorefront.create(new BigCommerceSettings(
                env.uri("BIGCOMMERCE_API_URL", BigCommerceSettings.DEFAULT_API_BASE.toString()), storeHash, accessToken));

        AcumaticaSettings erp = new AcumaticaSettings(
                env.uri("ACUMATICA_URL", null),
                env.optional("ACUMATICA_ENDPOINT_NAME", "Default"),
                env.optional("ACUMATICA_ENDPOINT_VERSION", "24.200.001"),
                env.optional("ACUMATICA_ORDER_TYPE", "SO"),
                env.optional("ACUMATICA_CREDIT_ORDER_TYPE", "CR"),
                env.optional("ACUMATICA_RETURN_ORDER_TYPE", "RC"),
                env.optional("ACUMATICA_CUSTOMER_CLASS", null),
                env.optional("ACUMATICA_SECRET", DEFAULT_ACUMATICA_SECRET),
                env.seconds("ACUMATICA_TIMEOUT_SECONDS", Duration.ofSeconds(30)));
        BackOffice backOffice = AcumaticaBackOffice.create(erp, secrets);

        SyncState state = new DynamoSyncState(aws.dynamoDb(),
                env.required("STATE_TABLE", "the DynamoDB table of claims, links and cursors"),
                env.required("AUDIT_TABLE", "the DynamoDB table of the audit trail"), clock,
                Duration.ofDays(env.integer("AUDIT_RETENTION_DAYS", 90)));

        OrderFlows flows = OrderFlows.wire(store, backOffice, state, config(env), clock,
                env.seconds("CLAIM_LEASE_SECONDS", Duration.ofMinutes(5)));
        return new WorkerComposition(store, backOffice, state, flows);
    }

    /** The merchant's config file named by {@code CONNECTOR_CONFIG}, or the defaults when there is none. */
    static ConnectorConfig config(Environment env) {
        String file = env.optional("CONNECTOR_CONFIG", null);
        return file == null ? ConfigLoader.defaults() : ConfigLoader.load(Path.of(file));
    }

    public StoreEventHandler events() {
        return flows.events();
    }

    /** Every order flow, e.g. for the hook that records the connector's own status writes. */
    public OrderFlows flows() {
        return flows;
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
