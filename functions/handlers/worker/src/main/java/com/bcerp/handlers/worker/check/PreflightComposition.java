package com.bcerp.handlers.worker.check;

import com.bcerp.aws.Environment;
import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.bigcommerce.BigCommerceStorefront;
import com.bcerp.bigcommerce.webhook.WebhookHealth;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.port.RequestBudget;
import com.bcerp.core.port.SecretSource;
import com.bcerp.core.sync.SyncProgress;
import com.bcerp.handlers.worker.BackOfficeRegistry;
import com.bcerp.handlers.worker.WorkerComposition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The check's systems, built as a worker builds them: the store and every back office through the registry, from the
 * functions' variables and secrets (so a wrong secret fails as it would for the flows). Deployed, the variables are
 * the check function's own; locally, a runtime's or those a deployment's config and stack give.
 */
public final class PreflightComposition {

    private PreflightComposition() {}

    /** The config named by {@code CONNECTOR_CONFIG} (the defaults without one), as the worker reads it. */
    public static Preflight create(Environment env, SecretSource secrets, SyncProgress progress) {
        return create(WorkerComposition.config(env), env, secrets, progress);
    }

    /** The webhooks are checked when {@code WEBHOOK_URL} names the receiver. */
    public static Preflight create(ConnectorConfig config, Environment env, SecretSource secrets,
            SyncProgress progress) {
        String storeHash = env.required("STORE_HASH", "the store hash");
        var bcSecret = secrets.get(env.optional("BIGCOMMERCE_SECRET", WorkerComposition.DEFAULT_BIGCOMMERCE_SECRET));
        BigCommerceClient store = BigCommerceClient.create(new BigCommerceSettings(
                env.uri("BIGCOMMERCE_API_URL", BigCommerceSettings.DEFAULT_API_BASE.toString()), storeHash,
                bcSecret.getOrDefault("access_token", "")));
        // one process, read-only and short: the flows' shared budgets are not spent on it
        BackOfficeRegistry registry = BackOfficeRegistry.standard();
        BackOfficeRegistry.Shared shared = new BackOfficeRegistry.Shared(secrets, RequestBudget.UNSHARED, config,
                Clock.systemUTC());
        List<Preflight.System> systems = new ArrayList<>();
        config.backOffices().systems().forEach((name, type) -> {
            String secret = new BackOfficeRegistry.Variables(name, env).secretName();
            try {
                systems.add(new Preflight.System(name, type, secret, registry.create(name, type, env, shared), null));
            } catch (RuntimeException e) {
                systems.add(new Preflight.System(name, type, secret, null, e));
            }
        });
        // the receiver's URLs and secret header, as the deployed webhook-health job knows them
        Optional<WebhookHealth.Target> webhooks = Optional.ofNullable(env.optional("WEBHOOK_URL", null))
                .map(url -> WebhookHealth.Target.of(url, env.optional("DELIVERY_EXCEPTION_URL",
                        url + WorkerComposition.DELIVERY_EXCEPTION_PATH), bcSecret.getOrDefault("webhook_secret", ""),
                        config.customers().sync()));
        return new Preflight(config, storeHash, store, new BigCommerceStorefront(store), systems, webhooks,
                progress);
    }
}
