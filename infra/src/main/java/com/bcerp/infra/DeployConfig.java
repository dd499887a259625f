package com.bcerp.infra;

import com.bcerp.config.ConfigException;
import com.bcerp.config.ConfigLoader;
import com.bcerp.config.DeploymentSettings;
import com.bcerp.core.config.ConnectorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The merchant's config file, read and validated at synth by the loader the functions use, plus what only a
 * deployment needs (the store and the back office to connect). A bad file fails the synth with the field named.
 *
 * @param file   the file, shipped unchanged to the functions (a Lambda layer)
 * @param config what it says, over the defaults
 * @param deployment its {@code deployment} section, over the defaults
 */
public record DeployConfig(Path file, ConnectorConfig config, DeploymentSettings deployment) {

    public static DeployConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file.toString(), "no such file; copy config/connector.example.yaml, set "
                    + "deployment.store_hash and deployment.acumatica.url, and pass it with -c config=PATH");
        }
        ConnectorConfig config = ConfigLoader.load(file);
        DeploymentSettings deployment = ConfigLoader.deployment(file);
        if (deployment.storeHash() == null) {
            throw new ConfigException("deployment.store_hash",
                    "required to deploy: the BigCommerce store hash (the {hash} in api.bigcommerce.com/stores/{hash})");
        }
        if (deployment.acumatica().url() == null) {
            throw new ConfigException("deployment.acumatica.url",
                    "required to deploy: the Acumatica instance root, e.g. https://acme.acumatica.com/ACME");
        }
        if (!config.backOffices().systems().equals(Map.of("acumatica", "acumatica"))) {
            // the stack sets the variables and secret of one Acumatica only; deploying more would start workers
            // that fail on their first order
            throw new ConfigException("back_offices.systems", "the stack deploys one back office, 'acumatica: "
                    + "acumatica', for now; was " + config.backOffices().systems());
        }
        return new DeployConfig(file.toAbsolutePath().normalize(), config, deployment);
    }
}
