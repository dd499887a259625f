package com.bcerp.infra;

import com.bcerp.handlers.worker.DeployConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code cdk synth|deploy -c config=PATH [-c stackName=NAME]} from {@code infra/} (cdk.json runs this
 * with the classpath Maven wrote). Two stacks: {@code {stackName}-secrets} (the secrets, created empty) and
 * {@code {stackName}} (everything else). Synth is offline: no context look-ups, no Docker; the functions are the
 * zips Maven built.
 */
public final class ConnectorApp {

    public static final String DEFAULT_STACK_NAME = "bc-erp-connector";
    public static final String DEFAULT_CONFIG = "../config/connector.yaml";

    /**
     * Feature flags the stack relies on (cdk.json sets the same): a function's published version must change when its
     * config layer changes, or a new config would never reach the alias; the connector's stack holds strong
     * references to the secrets' stack, so the secrets cannot be removed while the functions use them.
     */
    static final Map<String, Object> FEATURE_FLAGS = Map.of(
            "@aws-cdk/aws-lambda:recognizeLayerVersion", true,
            "@aws-cdk/aws-lambda:recognizeVersionProps", true,
            "@aws-cdk/core:defaultCrossStackReferences", "strong");

    private ConnectorApp() {}

    public static void main(String[] args) {
        App app = newApp(null);
        String stackName = context(app, "stackName", DEFAULT_STACK_NAME);
        DeployConfig config = DeployConfig.load(Path.of(context(app, "config", DEFAULT_CONFIG)));
        stacks(app, stackName, config, LambdaPackages.inRepository(Path.of("..")), ScheduledJobs.ALL);
        app.synth();
    }

    /** The secrets' stack ({@code {stackName}-secrets}, deployed first) and the connector's. */
    public static ConnectorStack stacks(App app, String stackName, DeployConfig config, LambdaPackages packages,
            List<ScheduledJob> jobs) {
        config.requireHttpsOnly();
        String store = config.deployment().storeHash();
        ConnectorSecretsStack secrets = new ConnectorSecretsStack(app, stackName + "-secrets", StackProps.builder()
                .description("bc-erp-connector secrets, created empty (store " + store + ")").build(), stackName,
                config.config().backOffices().systems());
        return new ConnectorStack(app, stackName, StackProps.builder()
                .description("bc-erp-connector: BigCommerce to back office (store " + store + ")").build(),
                config, secrets, packages, jobs);
    }

    /** An app with the stack's feature flags; {@code outdir} null uses the CLI's ({@code cdk.out}). */
    public static App newApp(String outdir) {
        AppProps.Builder props = AppProps.builder().context(FEATURE_FLAGS);
        if (outdir != null) {
            props.outdir(outdir);
        }
        return new App(props.build());
    }

    private static String context(App app, String key, String fallback) {
        Object value = app.getNode().tryGetContext(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }
}
