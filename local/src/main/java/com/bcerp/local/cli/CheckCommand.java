package com.bcerp.local.cli;

import com.bcerp.local.check.CheckReport;
import com.bcerp.local.check.GapsScenario;
import com.bcerp.local.check.HtmlReport;
import com.bcerp.local.check.SandboxTarget;
import com.bcerp.local.demo.OrderSeeder;
import com.bcerp.local.runtime.LocalRuntime;
import com.bcerp.local.runtime.TempDirs;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The pre-flight check before go-live: read-only, against the store and each configured back office (here their
 * sandboxes, started as the demo starts them), reporting pass / warn / fail / not checked with what to do.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Read-only pre-flight check of the store and each configured back office (the local sandboxes): "
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

    @Override
    public Integer call() throws Exception {
        Logging.configure(verbose);
        if (orders < 1) {
            throw new ParameterException(new picocli.CommandLine(this), "--orders must be at least 1, was " + orders);
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
                CheckReport report = SandboxTarget.preflight(runtime, new ProgressBars()).run(orders, dryRun);
                if (html != null) {
                    Files.writeString(html, HtmlReport.render(report, "Pre-flight check: store "
                            + runtime.bigcommerce().storeHash()));
                }
                System.out.println(json ? new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                        .writeValueAsString(report.toJson()) : report.toText());
                return report.ok() ? 0 : 1;
            }
        } finally {
            TempDirs.deleteQuietly(stateDir);
        }
    }
}
