package com.bcerp.local.check;

import com.bcerp.aws.Environment;
import com.bcerp.core.port.SecretSource;
import com.bcerp.core.sync.SyncProgress;
import com.bcerp.handlers.worker.DeployConfig;
import com.bcerp.handlers.worker.check.Preflight;
import com.bcerp.handlers.worker.check.PreflightComposition;
import com.bcerp.local.ops.OpsTarget;
import com.bcerp.local.runtime.LocalRuntime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the check runs against, built as a worker builds it ({@link PreflightComposition}): a local runtime's
 * sandboxes, the real systems a deployment's config names with their secrets from a file, or those of a deployed
 * stack with the secrets its outputs name.
 */
public final class CheckTarget {

    /** The store's secret in a secrets file; each back office's is under its name, as the secrets' stack names them. */
    public static final String BIGCOMMERCE_SECRET = "bigcommerce";

    private CheckTarget() {}

    public static Preflight preflight(LocalRuntime runtime, SyncProgress progress) {
        return PreflightComposition.create(runtime.config(), new Environment(runtime.environment()),
                runtime.secrets(), progress);
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
        return PreflightComposition.create(deploy.config(), new Environment(variables), secrets, progress);
    }

    /**
     * A deployed stack: the systems {@code deploy} (the file it was deployed with) names, each with the secret the
     * stack's outputs name, read with the operator's credentials; the webhooks against its {@code WebhookUrl}.
     */
    public static Preflight preflight(DeployConfig deploy, OpsTarget.Stack stack, SyncProgress progress) {
        String storeHash = deploy.deployment().storeHash();
        String stackStore = stack.outputs().get("StoreHash");
        if (stackStore != null && !stackStore.equals(storeHash)) {
            throw new IllegalStateException(stack.description() + " serves store " + stackStore + " but the config's "
                    + "deployment.store_hash is " + storeHash + ": pass the file that stack was deployed with");
        }
        // the store's names as ops reads them; each back office's secret by its own output
        OpsTarget target = OpsTarget.ofOutputs(stack, storeHash);
        Map<String, String> variables = new LinkedHashMap<>(deploy.connectionVariables(target.bigcommerceSecret(),
                name -> {
                    String output = DeployConfig.secretOutput(name);
                    String secret = stack.outputs().get(output);
                    if (secret == null) {
                        throw new IllegalStateException(stack.description() + " has no output " + output
                                + " for back office '" + name + "' (it has " + new TreeSet<>(stack.outputs().keySet())
                                + "): was it deployed with this config?");
                    }
                    return secret;
                }));
        variables.put("WEBHOOK_URL", target.webhookUrl());
        variables.put("DELIVERY_EXCEPTION_URL", target.deliveryExceptionUrl());
        return PreflightComposition.create(deploy.config(), new Environment(variables), stack.secrets(), progress);
    }
}
