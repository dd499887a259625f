package com.bcerp.local.check;

import com.bcerp.aws.Environment;
import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.bigcommerce.BigCommerceStorefront;
import com.bcerp.bigcommerce.webhook.WebhookHealth;
import com.bcerp.core.port.RequestBudget;
import com.bcerp.core.sync.SyncProgress;
import com.bcerp.handlers.worker.BackOfficeRegistry;
import com.bcerp.handlers.worker.WorkerComposition;
import com.bcerp.local.runtime.LocalRuntime;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The check against a local runtime: the store and back offices built as a worker builds them, from the runtime's
 * variables and secrets (so a wrong secret fails as it would deployed), through the registry.
 */
public final class SandboxTarget {

    private SandboxTarget() {}

    public static Preflight preflight(LocalRuntime runtime, SyncProgress progress) {
        Environment env = new Environment(runtime.environment());
        String storeHash = env.required("STORE_HASH", "the store hash");
        Map<String, String> bcSecret = runtime.secrets().get(WorkerComposition.DEFAULT_BIGCOMMERCE_SECRET);
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
        BackOfficeRegistry.Shared shared = new BackOfficeRegistry.Shared(runtime.secrets(), unshared, runtime.config(),
                Clock.systemUTC());
        List<Preflight.System> systems = new ArrayList<>();
        runtime.config().backOffices().systems().forEach((name, type) -> {
            String secret = new BackOfficeRegistry.Variables(name, env).secretName();
            try {
                systems.add(new Preflight.System(name, type, secret, registry.create(name, type, env, shared), null));
            } catch (RuntimeException e) {
                systems.add(new Preflight.System(name, type, secret, null, e));
            }
        });
        // the receiver's URLs and secret header, as the deployed webhook-health job knows them
        Optional<WebhookHealth.Target> webhooks = Optional.ofNullable(runtime.environment().get("WEBHOOK_URL"))
                .map(url -> WebhookHealth.Target.of(url, env.optional("DELIVERY_EXCEPTION_URL",
                        url + WorkerComposition.DELIVERY_EXCEPTION_PATH), bcSecret.getOrDefault("webhook_secret", ""),
                        runtime.config().customers().sync()));
        return new Preflight(runtime.config(), storeHash, store, new BigCommerceStorefront(store), systems, webhooks,
                progress);
    }
}
