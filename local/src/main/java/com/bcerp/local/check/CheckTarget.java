package com.bcerp.local.check;

import com.bcerp.handlers.worker.check.Preflight;
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
import com.bcerp.handlers.worker.DeployConfig;
import com.bcerp.handlers.worker.WorkerComposition;
import com.bcerp.local.runtime.LocalRuntime;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the check runs against, built as a worker builds it: the store and every back office through the registry,
 * from the functions' variables and secrets (so a wrong secret fails as it would deployed). Either a local runtime's
 * sandboxes, or the real systems a deployment's config names, with their secrets from a file.
 */
public final class CheckTarget {

    /** The store's secret in a secrets file; each back office's is under its name, as the secrets' stack names them. */
    public static final String BIGCOMMERCE_SECRET = "bigcommerce";

    private CheckTarget() {}

    public static Preflight preflight(LocalRuntime runtime, SyncProgress progress) {
        return preflight(runtime.config(), runtime.environment(), runtime.secrets(), progress);
    }

    /**
     * The systems {@code deploy}'s {@code deployment} section names, each with its secret from {@code secrets}; the
     * webhooks are checked when the deployed receiver's URL is known.
     */
    public static Preflight preflight(DeployConfig deploy, SecretSource secrets, Optional<String> webhookUrl,
            SyncProgress progress) {
        Map<String, String> variables = new LinkedHashMap<>(deploy.connectionVariables(BIGCOMMERCE_SECRET,
                name -> name));
        webhookUrl.ifPresent(url -> variables.put("WEBHOOK_URL", url));
        return preflight(deploy.config(), variables, secrets, progress);
    }

    private static Preflight preflight(ConnectorConfig config, Map<String, String> variables, SecretSource secrets,
            SyncProgress progress) {
        Environment env = new Environment(variables);
        String storeHash = env.required("STORE_HASH", "the store hash");
        Map<String, String> bcSecret = secrets.get(env.optional("BIGCOMMERCE_SECRET",
                WorkerComposition.DEFAULT_BIGCOMMERCE_SECRET));
        BigCommerceClient store = BigCommerceClient.create(new BigCommerceSettings(
                URI.create(env.required("BIGCOMMERCE_API_URL", "the store API")), storeHash,
                bcSecret.getOrDefault("access_token", "")));
        // one process, read-only and short: no quota shared with anyone, so nothing to hold back for
        RequestBudget unshared = new RequestBudget() {
            @Override
            public Duration take(String bucket, Duration interval, Duration burst) {
                return Duration.ZERO;
            }

            @Override
            public void holdUntil(String bucket, Instant until, Duration interval, Duration burst) {
            }
        };
        BackOfficeRegistry registry = BackOfficeRegistry.standard();
        BackOfficeRegistry.Shared shared = new BackOfficeRegistry.Shared(secrets, unshared, config,
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
        Optional<WebhookHealth.Target> webhooks = Optional.ofNullable(variables.get("WEBHOOK_URL"))
                .map(url -> WebhookHealth.Target.of(url, env.optional("DELIVERY_EXCEPTION_URL",
                        url + WorkerComposition.DELIVERY_EXCEPTION_PATH), bcSecret.getOrDefault("webhook_secret", ""),
                        config.customers().sync()));
        return new Preflight(config, storeHash, store, new BigCommerceStorefront(store), systems, webhooks,
                progress);
    }
}
