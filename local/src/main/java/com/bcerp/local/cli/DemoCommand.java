package com.bcerp.local.cli;

import com.bcerp.acumatica.AcumaticaType;
import com.bcerp.local.demo.CoexistDemo;
import com.bcerp.local.demo.DemoReport;
import com.bcerp.local.demo.FulfilmentDemo;
import com.bcerp.local.demo.LifecyclePrices;
import com.bcerp.local.demo.LifecycleReport;
import com.bcerp.local.demo.LifecycleScenario;
import com.bcerp.local.demo.OrderSeeder;
import com.bcerp.local.demo.StockDemo;
import com.bcerp.local.demo.StockScaleDemo;
import com.bcerp.local.runtime.LocalBackOffice;
import com.bcerp.local.runtime.LocalRuntime;
import com.bcerp.local.runtime.TempDirs;
import com.bcerp.uniconta.UnicontaType;
import com.bcerp.visma.VismaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Starts everything and runs one scenario: {@code orders} (the default) places orders in the store sandbox and reports
 * whether each arrived exactly once; {@code lifecycle} places orders of every shape that are then edited, cancelled and
 * refunded; {@code stock} pushes a large catalogue's stock and reports the store's calls; {@code fulfilment} ships,
 * invoices, cancels and holds orders in the back office and checks the store against it; {@code coexist} runs the
 * connector beside a POS integration that owns a location, prices and a channel, and checks it wrote none of them.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Place orders in the BigCommerce sandbox (every webhook delivered twice) and report what "
                + "reached the back-office sandbox. Exits 0 only when every order arrived exactly once (orders), or when "
                + "no total differs, nothing is duplicated and every failure is one the scenario caused on purpose "
                + "(lifecycle). stock: push the back office's stock for --skus items, change --changed of them, sync "
                + "again and report the store's inventory calls; exits 0 only when the store shows every SKU's "
                + "available-to-sell. fulfilment: exits 0 only when the store shows every back-office shipment once, "
                + "with the mapped statuses and the sales order and invoice numbers. coexist: exits 0 only when the "
                + "store's request log shows no connector write to the fields, location and channel a POS owns.")
final class DemoCommand implements Callable<Integer> {

    /**
     * The bundled merchant config of the lifecycle scenario for each back office, used when --config is not given: the
     * shapes differ where the back office's do (tax ids, payments, customer classes).
     */
    private static final Map<String, String> LIFECYCLE_CONFIGS = Map.of(AcumaticaType.SYSTEM, "/demo/lifecycle.yaml",
            VismaType.SYSTEM, "/demo/lifecycle-visma.yaml", UnicontaType.SYSTEM, "/demo/lifecycle-uniconta.yaml");

    /** The back offices the lifecycle scenario runs on (one at a time). */
    private static final List<String> LIFECYCLE_TYPES = List.of(AcumaticaType.SYSTEM, VismaType.SYSTEM,
            UnicontaType.SYSTEM);

    @Option(names = "--scenario", defaultValue = "orders", description = "orders (default): N orders, each exactly "
            + "once; lifecycle: every order shape, then edits, cancellations, refunds, captures and voids; stock: "
            + "--skus items' stock, then --changed of them; stock-scale: the stock sync's own memory on a simulated "
            + "catalogue of --skus items; fulfilment: --orders orders shipped (fully, in two shipments, partly), "
            + "invoiced, cancelled and held in the back office, then synced back to the store; coexist: beside a POS "
            + "integration that owns location 2, prices, sale prices and channel 2.")
    String scenario;

    @Option(names = "--skus", defaultValue = "10000", description = "stock: items in the catalogue (default ${DEFAULT-VALUE}).")
    int skus;

    @Option(names = "--changed", defaultValue = "1000", description = "stock: items whose stock changes before the "
            + "measured run (default ${DEFAULT-VALUE}).")
    int changed;

    @Option(names = "--full", description = "stock: the measured run is a full reconcile instead of changes only.")
    boolean full;

    @Option(names = "--warehouses", defaultValue = "2", description = "stock: back-office warehouses, each mapped to "
            + "its own store location (default ${DEFAULT-VALUE}).")
    int warehouses;

    @Option(names = "--orders", defaultValue = "50", description = "Orders to place (default ${DEFAULT-VALUE}).")
    int orders;

    @Option(names = "--json", description = "Print one JSON object instead of the readable report.")
    boolean json;

    @Option(names = "--timeout", defaultValue = "300", description = "Seconds to wait for the work to settle (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for the generated orders (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ConfigOption config;

    @Mixin
    BackOfficeOption backOffice;

    @Mixin
    LogFormatOption logFormat;

    @Option(names = "--verbose", description = "Log the connector's work to standard error.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        Logging.configure(verbose, logFormat.format);
        if (backOffice.types != null && !List.of("orders", "lifecycle", "stock", "fulfilment").contains(scenario)) {
            // coexist reads Acumatica's catalogue, which the other adapters do not sync
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--backoffice runs the orders, lifecycle, stock and fulfilment scenarios; --scenario " + scenario
                            + " runs against Acumatica only");
        }
        if (scenario.equals("lifecycle") && !LIFECYCLE_TYPES.contains(oneBackOffice("lifecycle"))) {
            // the scenario's shapes are an ERP's: credits, returns, customers; a warehouse takes goods only
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "the lifecycle scenario runs on an ERP: --backoffice " + String.join(", ", LIFECYCLE_TYPES));
        }
        return switch (scenario) {
            case "orders", "lifecycle" -> orders();
            case "stock" -> stock();
            case "stock-scale" -> stockScale();
            case "fulfilment" -> fulfilment();
            case "coexist" -> coexist();
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--scenario must be orders, lifecycle, stock, stock-scale, fulfilment or coexist, was '" + scenario
                            + "'");
        };
    }

    private int stock() throws Exception {
        if (config.file != null) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "the stock scenario writes its own config (the back office's warehouses to locations 1..n); "
                            + "leave out --config");
        }
        StockDemo.Options options = new StockDemo.Options(skus, changed, full, warehouses, seed);
        String type = oneBackOffice("stock");
        List<String> stocked;
        try {
            stocked = LocalBackOffice.stockWarehouses(type, warehouses);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--warehouses: " + e.getMessage());
        }
        Path stateDir = Files.createTempDirectory("bcerp-demo");
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(stateDir)
                .withConfigFile(backOffice.applyTo(StockDemo.writeConfig(stateDir, stocked), stateDir)))) {
            if (!json) {
                System.err.printf("demo: %d SKUs in %d warehouses; first run, then %d change and the %s run is measured%n",
                        skus, warehouses, changed, full ? "full reconcile" : "scheduled");
            }
            StockDemo.Result result = StockDemo.run(runtime, options, new ProgressBars());
            System.out.println(json ? new ObjectMapper().writeValueAsString(result.toJson()) : result.toText());
            return result.ok() ? 0 : 1;
        } finally {
            TempDirs.deleteQuietly(stateDir);
        }
    }

    /** The one back office a scenario acts in: --backoffice's, else the config's default (Acumatica). */
    private String oneBackOffice(String scenarioName) {
        if (backOffice.types != null && backOffice.types.size() > 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "the " + scenarioName + " scenario acts in one back office; --backoffice names " + backOffice.types);
        }
        return backOffice.types == null ? AcumaticaType.SYSTEM : backOffice.types.get(0);
    }

    private int fulfilment() throws Exception {
        Path stateDir = Files.createTempDirectory("bcerp-demo");
        // a short claim lease, so the run after the simulated crash can take the dead run's records over
        LocalRuntime.Timing timing = LocalRuntime.Timing.defaults().withClaimLease(FulfilmentDemo.LEASE);
        String type = oneBackOffice("fulfilment");
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(stateDir)
                .withConfigFile(FulfilmentDemo.withPaymentsBack(backOffice.applyTo(config.validated(), stateDir), stateDir))
                .withTiming(timing))) {
            if (!json) {
                System.err.printf("demo: placing %d orders, then shipping, invoicing, cancelling and holding them in "
                        + "%s...%n", orders, type);
            }
            FulfilmentDemo.Result result = FulfilmentDemo.run(runtime, orders, seed, Duration.ofSeconds(timeoutSeconds));
            System.out.println(json ? new ObjectMapper().writeValueAsString(result.toJson()) : result.toText());
            return result.ok() ? 0 : 1;
        } finally {
            TempDirs.deleteQuietly(stateDir);
        }
    }

    private int coexist() throws Exception {
        if (config.file != null) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "the coexist scenario writes its own config (the POS's location, fields and channel); leave out --config");
        }
        Path stateDir = Files.createTempDirectory("bcerp-demo");
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(stateDir)
                .withConfigFile(CoexistDemo.writeConfig(stateDir)))) {
            if (!json) {
                System.err.println("demo: a POS integration writes prices, its location's stock and a sale; the back "
                        + "office changes the same items; the connector syncs beside it...");
            }
            CoexistDemo.Result result = CoexistDemo.run(runtime, Duration.ofSeconds(timeoutSeconds));
            System.out.println(json ? new ObjectMapper().writeValueAsString(result.toJson()) : result.toText());
            return result.ok() ? 0 : 1;
        } finally {
            TempDirs.deleteQuietly(stateDir);
        }
    }

    private int stockScale() throws Exception {
        Map<String, Object> result = StockScaleDemo.run(skus, new ProgressBars());
        System.out.println(json ? new ObjectMapper().writeValueAsString(result) : result.toString());
        return Boolean.TRUE.equals(result.get("ok")) ? 0 : 1;
    }

    private int orders() throws Exception {
        Path stateDir = Files.createTempDirectory("bcerp-demo");
        Path configFile = config.validated();
        if (scenario.equals("lifecycle") && configFile == null) {
            configFile = stateDir.resolve("lifecycle.yaml");
            try (var in = DemoCommand.class.getResourceAsStream(LIFECYCLE_CONFIGS.get(oneBackOffice("lifecycle")))) {
                Files.write(configFile, in.readAllBytes());
            }
        }
        configFile = backOffice.applyTo(configFile, stateDir);
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(stateDir).withConfigFile(configFile))) {
            if (scenario.equals("lifecycle")) {
                return lifecycle(runtime);
            }
            runtime.bigcommerce().faults().deliveriesPerEvent(2);
            DemoReport.Baseline baseline = DemoReport.Baseline.of(runtime);
            long start = System.nanoTime();
            if (!json) {
                System.err.printf("demo: placing %d orders in the BigCommerce sandbox for %s...%n", orders,
                        String.join(" and ", runtime.takingOrders()));
            }
            OrderSeeder seeder = new OrderSeeder(runtime.bigcommerce(), seed);
            // a back office with its own import statuses (a warehouse: Awaiting Fulfillment only) also sees Pending
            // orders, which it must not take: about one in four
            int pending = runtime.worker().backOffices().stream().anyMatch(b -> b.importStatuses().isPresent())
                    ? Math.max(1, orders / 4) : 0;
            List<OrderSeeder.Placed> placed = new java.util.ArrayList<>(seeder.place(orders - pending));
            placed.addAll(seeder.place(pending, 1, i -> false));
            awaitSettled(runtime, placed.size(), Duration.ofSeconds(timeoutSeconds));
            DemoReport report = DemoReport.measure(runtime, placed, baseline, (System.nanoTime() - start) / 1_000_000);
            System.out.println(json ? new ObjectMapper().writeValueAsString(report.toJson()) : report.toText());
            return report.everyOrderExactlyOnce() ? 0 : 1;
        } finally {
            TempDirs.deleteQuietly(stateDir);
        }
    }

    /**
     * Every shape placed, then changed through the store's API once the orders are in; every webhook delivered twice
     * and in shuffled order, so duplicates and out-of-order events are part of the run.
     */
    private int lifecycle(LocalRuntime runtime) throws Exception {
        runtime.bigcommerce().faults().deliveriesPerEvent(2).shuffleDeliveries(true);
        if (!json) {
            System.err.println("demo: entering a price class's prices in the back office, syncing the store's price list...");
        }
        // before the baseline: the price-list runs' calls are not the orders'
        LifecyclePrices.Pushed prices = LifecyclePrices.run(runtime);
        DemoReport.Baseline baseline = DemoReport.Baseline.of(runtime);
        long start = System.nanoTime();
        LifecycleScenario scenario = new LifecycleScenario(runtime.bigcommerce());
        if (!json) {
            System.err.println("demo: placing orders of every shape in the BigCommerce sandbox...");
        }
        List<LifecycleScenario.Placed> placed = scenario.place();
        awaitSettled(runtime, placed.size() - 1, Duration.ofSeconds(timeoutSeconds));
        if (!json) {
            System.err.println("demo: editing, cancelling, refunding, capturing and voiding some of them...");
        }
        LifecycleScenario.Actions actions = scenario.act(placed);
        awaitQuiet(runtime, Duration.ofSeconds(timeoutSeconds));
        LifecycleReport report = LifecycleReport.measure(runtime, placed, scenario.customers(), actions,
                scenario.expectedParked(), prices, baseline,
                (System.nanoTime() - start) / 1_000_000);
        System.out.println(json ? new ObjectMapper().writeValueAsString(report.toJson()) : report.toText());
        return report.ok() ? 0 : 1;
    }

    /** Waits until nothing has been delivered, queued or processed for a few seconds, or until the timeout. */
    private static void awaitQuiet(LocalRuntime runtime, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !runtime.isSettled(Duration.ofSeconds(3))) {
            Thread.sleep(200);
        }
    }

    /** Waits until every order is in the back office and nothing is moving, or until the timeout. */
    private static void awaitSettled(LocalRuntime runtime, int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean allThere = runtime.takingOrders().stream().allMatch(name ->
                    runtime.backOffices().get(name).orderTotalsByStoreOrder().size() >= expected);
            if (runtime.isSettled(Duration.ofSeconds(allThere ? 1 : 3))) {
                return;
            }
            Thread.sleep(200);
        }
    }

}
