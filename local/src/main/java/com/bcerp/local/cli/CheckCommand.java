package com.bcerp.local.cli;

import com.bcerp.config.ConfigException;
import com.bcerp.handlers.worker.DeployConfig;
import com.bcerp.handlers.worker.check.CheckReport;
import com.bcerp.local.check.CheckTarget;
import com.bcerp.local.check.GapsScenario;
import com.bcerp.local.check.HtmlReport;
import com.bcerp.local.demo.OrderSeeder;
import com.bcerp.local.ops.OpsTarget;
import com.bcerp.local.runtime.FileSecretSource;
import com.bcerp.local.runtime.LocalRuntime;
import com.bcerp.local.runtime.TempDirs;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The pre-flight check before go-live: read-only, against the store and each configured back office (their sandboxes,
 * started as the demo starts them, or the real systems a deployment's config names), reporting pass / warn / fail /
 * not checked with what to do.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Read-only pre-flight check of the store and each configured back office (the local sandboxes, "
                + "or with --secrets or --stack the real systems the config's deployment section names): "
                + "connectivity and credentials, the items and warehouses the config names, catalogue coverage, and "
                + "the tax classes, payment and shipping methods, channels and statuses of the last --orders orders "
                + "against the config. --dry-run also maps those orders into the documents they would create, never "
                + "sent. Exits 1 when anything fails.")
final class CheckCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    BackOfficeOption backOffice;

    @Option(names = "--orders", defaultValue = "250", description = "Recent orders to read (default ${DEFAULT-VALUE}).")
    int orders;

    @Option(names = "--dry-run", description = "Map the recent orders into the back-office documents they would "
            + "create (customer, lines, taxes, totals against the store's); nothing is sent.")
    boolean dryRun;

    @Option(names = "--scenario", defaultValue = "none", description = "none (default): the sandboxes as they start; "
            + "orders: first place --orders of the demo's orders (webhooks held, so nothing is imported yet); gaps: "
            + "seed known gaps (a store SKU the back office lacks, an unmapped payment method and tax class in recent "
            + "orders, a configured fee item that does not exist) with the scenario's own config.")
    String scenario;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the orders scenario (the demo's default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as a self-contained HTML page.")
    Path html;

    @Option(names = "--verbose", description = "Log the connector's work to standard error.")
    boolean verbose;

    @Option(names = "--secrets", paramLabel = "FILE", description = "Check the real systems the --config file's "
            + "deployment section names instead of the sandboxes, with their credentials from FILE: one JSON object "
            + "with the store's secret under \"bigcommerce\" and each back office's under its name, the fields the "
            + "deployed secrets hold.")
    Path secrets;

    @Option(names = "--webhook-url", paramLabel = "URL", description = "With --secrets: the deployed receiver's "
            + "webhook URL (the stack's WebhookUrl output), so the store's webhooks are checked against it.")
    String webhookUrl;

    @Option(names = "--stack", paramLabel = "NAME", description = "Check the real systems of the deployed stack NAME "
            + "with the secrets its outputs name, read from Secrets Manager with your AWS credentials, and its "
            + "webhooks against its WebhookUrl output; --config is the file it was deployed with.")
    String stack;

    @Option(names = "--region", description = "With --stack: the stack's region (default: AWS_REGION).")
    String region;

    @Override
    public Integer call() throws Exception {
        Logging.configure(verbose);
        if (orders < 1) {
            throw new ParameterException(new picocli.CommandLine(this), "--orders must be at least 1, was " + orders);
        }
        if (stack != null) {
            return ofStack();
        }
        if (region != null) {
            throw new ParameterException(new picocli.CommandLine(this), "--region goes with --stack");
        }
        if (secrets != null) {
            return deployed();
        }
        if (webhookUrl != null) {
            throw new ParameterException(new picocli.CommandLine(this), "--webhook-url goes with --secrets");
        }
        Path stateDir = Files.createTempDirectory("bcerp-check");
        try {
            Path configFile = switch (scenario) {
                case "none", "orders" -> config.validated();
                case "gaps" -> {
                    if (config.file != null) {
                        throw new ParameterException(new picocli.CommandLine(this),
                                "--scenario gaps brings its own config; leave out --config");
                    }
                    yield GapsScenario.writeConfig(stateDir);
                }
                default -> throw new ParameterException(new picocli.CommandLine(this),
                        "--scenario must be none, orders or gaps, was '" + scenario + "'");
            };
            configFile = backOffice.applyTo(configFile, stateDir);
            // the check reads; the runtime's catch-up must not import the scenario's orders while it does
            LocalRuntime.Timing timing = LocalRuntime.Timing.defaults().withCatchUpEvery(Duration.ofDays(1));
            try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(stateDir)
                    .withConfigFile(configFile).withTiming(timing))) {
                runtime.bigcommerce().faults().dropDeliveryShare(1.0);
                if (scenario.equals("orders")) {
                    if (!json) {
                        System.err.printf("check: placing %d of the demo's orders (seed %d), webhooks held...%n",
                                orders, seed);
                    }
                    new OrderSeeder(runtime.bigcommerce(), seed).place(orders);
                } else if (scenario.equals("gaps")) {
                    GapsScenario.seed(runtime);
                }
                if (!json) {
                    System.err.printf("check: store %s and back office(s) %s, read-only%n",
                            runtime.bigcommerce().storeHash(), String.join(", ", runtime.backOffices().keySet()));
                }
                return emit(CheckTarget.preflight(runtime, new ProgressBars()).run(orders, dryRun),
                        runtime.bigcommerce().storeHash());
            }
        } finally {
            TempDirs.deleteQuietly(stateDir);
        }
    }

    /** The real systems the config's deployment section names, read-only, with the secrets from the file. */
    private int deployed() throws java.io.IOException {
        if (!Files.isReadable(secrets)) {
            throw new ParameterException(new picocli.CommandLine(this), "--secrets " + secrets + ": no such file");
        }
        DeployConfig deploy = deployConfig("--secrets");
        // a back office that rotates its credential (Acumatica's refresh token) writes it back here, as to its secret
        return emit(CheckTarget.preflight(deploy, new FileSecretSource(secrets), Optional.ofNullable(webhookUrl),
                new ProgressBars()).run(orders, dryRun), deploy.deployment().storeHash());
    }

    /** A deployed stack's systems, with the secrets and webhook URL its outputs name. */
    private int ofStack() throws java.io.IOException {
        if (secrets != null || webhookUrl != null) {
            throw new ParameterException(new picocli.CommandLine(this), "--stack reads the secrets and the webhook "
                    + "URL from the stack; leave out --secrets and --webhook-url");
        }
        DeployConfig deploy = deployConfig("--stack");
        return emit(CheckTarget.preflight(deploy, OpsTarget.Stack.read(stack, region), new ProgressBars())
                .run(orders, dryRun), deploy.deployment().storeHash());
    }

    /** The deployment's file: its {@code deployment} section names the store and each back office. */
    private DeployConfig deployConfig(String option) {
        picocli.CommandLine cli = new picocli.CommandLine(this);
        if (config.file == null) {
            throw new ParameterException(cli, option + " needs --config: the file whose deployment section names the "
                    + "store and each back office");
        }
        if (backOffice.types != null || !scenario.equals("none")) {
            throw new ParameterException(cli, option + " checks the systems the config names; leave out "
                    + "--backoffice and --scenario");
        }
        DeployConfig deploy;
        try {
            deploy = DeployConfig.load(config.file);
        } catch (ConfigException e) {
            throw new ParameterException(cli, e.getMessage() + " (in " + config.file + ")");
        }
        if (!json) {
            System.err.printf("check: store %s at %s and back office(s) %s, read-only%n",
                    deploy.deployment().storeHash(), deploy.deployment().bigcommerceApiUrl(),
                    String.join(", ", deploy.config().backOffices().systems().keySet()));
        }
        return deploy;
    }

    private int emit(CheckReport report, String storeHash) throws java.io.IOException {
        if (html != null) {
            Files.writeString(html, HtmlReport.render(report, "Pre-flight check: store " + storeHash));
        }
        System.out.println(json ? new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .writeValueAsString(report.toJson()) : report.toText());
        return report.ok() ? 0 : 1;
    }
}
