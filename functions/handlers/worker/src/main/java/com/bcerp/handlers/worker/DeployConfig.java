package com.bcerp.handlers.worker;

import com.bcerp.aws.Environment;
import com.bcerp.config.ConfigException;
import com.bcerp.config.ConfigLoader;
import com.bcerp.config.DeploymentSettings;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.config.InvalidConfig;
import com.bcerp.core.port.RequestBudget;
import com.bcerp.core.port.SecretSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The merchant's config file, read and validated by the loader the functions use, plus what only a deployment needs
 * (the store and each back office to connect): the stack reads it at synth, and {@code ./connector check --secrets}
 * to reach the same systems. A bad file fails either with the field named.
 *
 * @param file   the file, shipped unchanged to the functions (a Lambda layer)
 * @param config what it says, over the defaults
 * @param deployment its {@code deployment} section, over the defaults
 */
public record DeployConfig(Path file, ConnectorConfig config, DeploymentSettings deployment) {

    /** The back office the typed {@code deployment.acumatica} section describes: the default one. */
    static final String DEFAULT_ACUMATICA = "acumatica";
    /** The settings of the typed {@code deployment.acumatica} section, as {@link #backOfficeVariables} sets them. */
    private static final java.util.Set<String> TYPED_ACUMATICA_SETTINGS = java.util.Set.of("url", "endpoint_name",
            "endpoint_version", "order_type", "credit_order_type", "return_order_type", "customer_class",
            "timeout_seconds", "base_currency", "concurrency");
    private static final Pattern VARIABLE = Pattern.compile("environment variable ([A-Z0-9_]+)");

    public static DeployConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file.toString(), "no such file; copy config/connector.example.yaml, set "
                    + "deployment.store_hash and each back office's deployment settings, and pass it with -c config=PATH");
        }
        DeployConfig loaded = new DeployConfig(file.toAbsolutePath().normalize(), ConfigLoader.load(file),
                ConfigLoader.deployment(file));
        loaded.validate();
        return loaded;
    }

    private void validate() {
        if (deployment.storeHash() == null) {
            throw new ConfigException("deployment.store_hash",
                    "required to deploy: the BigCommerce store hash (the {hash} in api.bigcommerce.com/stores/{hash})");
        }
        Map<String, String> systems = config.backOffices().systems();
        deployment.backOffices().keySet().stream().filter(name -> !systems.containsKey(name)).findFirst()
                .ifPresent(name -> {
                    throw new ConfigException("deployment.back_offices." + name, "names no back office; "
                            + "back_offices.systems has " + systems.keySet());
                });
        if (typedAcumatica(DEFAULT_ACUMATICA) && deployment.acumatica().url() == null) {
            throw new ConfigException("deployment.acumatica.url",
                    "required to deploy: the Acumatica instance root, e.g. https://acme.acumatica.com/ACME");
        }
        systems.keySet().forEach(this::requireBuildable);
    }

    /**
     * Builds the back office from the variables the stack will give the functions, as a worker does when it starts
     * (nothing is called: its secret and budget are only read on its first request), so a missing or bad setting
     * fails the synth naming it instead of the first order.
     */
    private void requireBuildable(String name) {
        Map<String, String> variables = new LinkedHashMap<>(backOfficeVariables(name));
        variables.put(variable(name, DeploymentSettings.SECRET_SETTING), "(the secrets' stack names it)");
        NothingAtSynth nothing = new NothingAtSynth();
        try {
            BackOfficeRegistry.standard().create(name, config.backOffices().systems().get(name),
                    new Environment(variables), new BackOfficeRegistry.Shared(nothing, nothing, config,
                            Clock.systemUTC()));
        } catch (InvalidConfig e) {
            throw new ConfigException(e.field(), e.getMessage().substring(e.field().length() + 2));
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new ConfigException(settingField(name, e.getMessage()), "required to deploy back office '"
                    + name + "' (" + config.backOffices().systems().get(name) + "): " + e.getMessage());
        }
    }

    /** The field behind a variable an error names: {@code BOOKS_COMPANY_ID} is {@code deployment.back_offices.books.company_id}. */
    private static String settingField(String name, String message) {
        Matcher m = VARIABLE.matcher(message == null ? "" : message);
        String prefix = name.toUpperCase(Locale.ROOT) + "_";
        if (m.find() && m.group(1).startsWith(prefix)) {
            return "deployment.back_offices." + name + "." + m.group(1).substring(prefix.length()).toLowerCase(Locale.ROOT);
        }
        return "deployment.back_offices." + name;
    }

    /**
     * What the functions' environment says about one back office, without its secret's name (the stack sets
     * {@code {NAME}_SECRET}): the typed {@code deployment.acumatica} section for the default Acumatica, then the
     * back office's own {@code deployment.back_offices.{name}} settings, each as {@code {NAME}_{SETTING}}.
     */
    public Map<String, String> backOfficeVariables(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        if (typedAcumatica(name)) {
            DeploymentSettings.Acumatica erp = deployment.acumatica();
            if (erp.url() != null) {
                env.put(variable(name, "url"), erp.url());
            }
            env.put(variable(name, "endpoint_name"), erp.endpointName());
            env.put(variable(name, "endpoint_version"), erp.endpointVersion());
            env.put(variable(name, "order_type"), erp.orderType());
            env.put(variable(name, "credit_order_type"), erp.creditOrderType());
            env.put(variable(name, "return_order_type"), erp.returnOrderType());
            if (erp.customerClass() != null) {
                env.put(variable(name, "customer_class"), erp.customerClass());
            }
            env.put(variable(name, "timeout_seconds"), Integer.toString(erp.timeoutSeconds()));
            env.put(variable(name, "base_currency"), erp.baseCurrency());
            env.put(variable(name, "concurrency"), Integer.toString(erp.concurrency()));
        }
        deployment.backOffices().getOrDefault(name, Map.of())
                .forEach((setting, value) -> env.put(variable(name, setting), value));
        return env;
    }

    /**
     * The variables that connect a worker to the store and to every back office the config names, with the names of
     * their secrets: the store's, and each back office's by its name.
     */
    public Map<String, String> connectionVariables(String bigCommerceSecret, UnaryOperator<String> backOfficeSecret) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STORE_HASH", deployment.storeHash());
        env.put("BIGCOMMERCE_API_URL", deployment.bigcommerceApiUrl());
        env.put("BIGCOMMERCE_SECRET", bigCommerceSecret);
        for (String name : config.backOffices().systems().keySet()) {
            env.putAll(backOfficeVariables(name));
            env.put(variable(name, DeploymentSettings.SECRET_SETTING), backOfficeSecret.apply(name));
        }
        return env;
    }

    /**
     * For the stack: every URL the functions will call is https. The loader also takes plain http to this machine
     * (a local stand-in for {@code ./connector check}), which a deployed function cannot reach, and would carry its
     * credentials in the clear elsewhere.
     */
    public void requireHttpsOnly() {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("deployment.bigcommerce_api_url", deployment.bigcommerceApiUrl());
        if (typedAcumatica(DEFAULT_ACUMATICA)) {
            urls.put("deployment.acumatica.url", deployment.acumatica().url());
        }
        deployment.backOffices().forEach((name, settings) -> settings.forEach((setting, value) ->
                urls.put("deployment.back_offices." + name + "." + setting, value)));
        urls.forEach((field, url) -> {
            if (url != null && url.trim().toLowerCase(Locale.ROOT).startsWith("http://")) {
                throw new ConfigException(field, "must be an https URL to deploy, was '" + url
                        + "' (plain http to this machine is only for ./connector check against a local stand-in)");
            }
        });
    }

    /**
     * The stack output naming a back office's secret: {@code ErpSecretName} for {@code erp}, {@code
     * ThreePlSecretName} for {@code three-pl}; {@code ./connector check --stack} reads it.
     */
    public static String secretOutput(String backOffice) {
        return pascal(backOffice) + "SecretName";
    }

    /** {@code order-catch-up} and {@code order_catch_up} are {@code OrderCatchUp}: CloudFormation logical ids. */
    public static String pascal(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("[-_]")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    /** {@code {NAME}_{SETTING}}, as the registry's back offices read them. */
    public static String variable(String backOffice, String setting) {
        return new BackOfficeRegistry.Variables(backOffice, null).variable(setting.toUpperCase(Locale.ROOT));
    }

    private boolean typedAcumatica(String name) {
        return typedAcumatica(config, name);
    }

    private static boolean typedAcumatica(ConnectorConfig config, String name) {
        return DEFAULT_ACUMATICA.equals(name)
                && DEFAULT_ACUMATICA.equals(config.backOffices().systems().get(name));
    }

    /**
     * The deployment config's field for one of a back office's settings: {@code deployment.acumatica.order_type} for
     * a setting of the default Acumatica's typed section, else {@code deployment.back_offices.{name}.{setting}}.
     */
    public static String settingField(ConnectorConfig config, String name, String setting) {
        return (typedAcumatica(config, name) && TYPED_ACUMATICA_SETTINGS.contains(setting) ? "deployment." + name
                : "deployment.back_offices." + name) + "." + setting;
    }

    /** What a back office may only use once it runs: building it at synth must not touch either. */
    private static final class NothingAtSynth implements SecretSource, RequestBudget {

        @Override
        public Map<String, String> get(String name) {
            throw new UnsupportedOperationException("a back office must not read its secret while it is built");
        }

        @Override
        public void put(String name, Map<String, String> value) {
            throw new UnsupportedOperationException("a back office must not write its secret while it is built");
        }

        @Override
        public Duration take(String bucket, Duration interval, Duration burst) {
            throw new UnsupportedOperationException("a back office must not spend its budget while it is built");
        }

        @Override
        public void holdUntil(String bucket, Instant until, Duration interval, Duration burst) {
            throw new UnsupportedOperationException("a back office must not spend its budget while it is built");
        }
    }
}
