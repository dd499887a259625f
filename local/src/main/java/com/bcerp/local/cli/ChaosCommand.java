package com.bcerp.local.cli;

import com.bcerp.local.chaos.ChaosRunner;
import com.bcerp.local.chaos.Scenario;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./connector chaos}: the fault scenarios, each on its own local runtime, and a report of what every one left
 * behind. Exits 0 only when every scenario ended with nothing lost, nothing duplicated, nothing stuck, and no secret
 * in the run's logs.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "Run the fault scenarios (each on a fresh local runtime) and report, per scenario, orders placed, "
                + "back-office documents (per back office where several take the orders), duplicates, lost, parked (with "
                + "reasons) and requests rejected. Exits 0 only "
                + "when every scenario has 0 lost and 0 duplicates and the logs hold no secret.")
final class ChaosCommand implements Callable<Integer> {

    @Option(names = "--orders", defaultValue = "200", description = "Orders per scenario (default ${DEFAULT-VALUE}).")
    int orders;

    @Option(names = "--scenario", split = ",", description = "Only these scenarios (default: all): duplicate-deliveries, "
            + "out-of-order, back-office-outage, rate-limit-storm, crash-after-write, poison-records, dropped-webhooks, "
            + "token-expiry, hostile-deliveries, async-actions, licence-delay, dead-letter-redrive, domain-blocklist, session-limit, deleted-record, multi-status-207.")
    List<String> only;

    @Option(names = "--json", description = "Print one JSON object instead of the readable report.")
    boolean json;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for the generated orders (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--log", description = "Where the run's logs go (default: a temporary file, named in the report).")
    Path log;

    @Option(names = "--verbose", description = "Also show the run's logs on standard error.")
    boolean verbose;

    @Mixin
    ConfigOption config;

    @Mixin
    BackOfficeOption backOffice;

    @Override
    public Integer call() throws Exception {
        List<Scenario> scenarios = only == null ? List.of(Scenario.values()) : only.stream().map(Scenario::byId).toList();
        Path configFile = backOffice.applyTo(config.validated(), Files.createTempDirectory("bcerp-chaos-config"));
        Path logFile = log != null ? log : Files.createTempFile("bcerp-chaos-", ".log");
        PrintStream terminal = System.err;
        PrintStream logStream = new PrintStream(new FileOutputStream(logFile.toFile()), true, StandardCharsets.UTF_8);
        // every log line of the run goes to the file, which is then searched for secrets
        System.setErr(verbose ? new PrintStream(tee(logStream, terminal), true, StandardCharsets.UTF_8) : logStream);
        Logging.configure(true);
        ChaosRunner.Report report;
        try {
            report = new ChaosRunner(orders, seed, configFile, message -> {
                if (!json) {
                    terminal.println(message);
                }
            }).run(scenarios, logFile);
        } finally {
            System.setErr(terminal);
            logStream.close();
        }
        if (json) {
            System.out.println(new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .writeValueAsString(toJson(report, logFile)));
        } else {
            System.out.print(text(report, logFile));
        }
        return report.ok() ? 0 : 1;
    }

    private static Map<String, Object> toJson(ChaosRunner.Report report, Path logFile) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenarios", report.scenarios().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", s.scenario());
            m.put("description", s.description());
            m.put("orders_placed", s.ordersPlaced());
            m.put("back_office_documents", s.backOfficeDocuments());
            m.put("duplicates", s.duplicates());
            m.put("lost", s.lost());
            m.put("parked", s.parked());
            m.put("dead_lettered", s.deadLettered());
            m.put("requests_rejected", s.requestsRejected());
            m.put("requests_rejected_total", s.rejectedTotal());
            m.put("faults", s.facts());
            m.put("elapsed_ms", s.elapsedMs());
            m.put("back_offices", s.backOffices());
            m.put("problems", s.problems());
            m.put("ok", s.ok());
            return m;
        }).toList());
        json.put("back_office", report.backOfficeType());
        json.put("skipped", report.skipped());
        json.put("secrets_in_logs", Map.of("values_checked", report.secrets().valuesChecked(), "log_bytes",
                report.secrets().logBytes(), "found", report.secrets().found(), "log_file", logFile.toString()));
        json.put("elapsed_ms", report.elapsedMs());
        json.put("ok", report.ok());
        return json;
    }

    private static String text(ChaosRunner.Report report, Path logFile) {
        StringBuilder s = new StringBuilder("Back office: " + report.backOfficeType() + "\n");
        s.append(String.format("%-22s %7s %9s %10s %5s %6s %13s %9s %8s  %s%n", "scenario",
                "orders", "documents", "duplicates", "lost", "parked", "dead-lettered", "rejected", "elapsed", "result"));
        for (ChaosRunner.ScenarioReport r : report.scenarios()) {
            s.append(String.format("%-22s %7d %9d %10d %5d %6d %13d %9d %7.1fs  %s%n", r.scenario(), r.ordersPlaced(),
                    r.backOfficeDocuments(), r.duplicates(), r.lost(), r.parked().size(), r.deadLettered(),
                    r.rejectedTotal(), r.elapsedMs() / 1000.0, r.ok() ? "ok" : "NOT OK"));
        }
        for (ChaosRunner.ScenarioReport r : report.scenarios()) {
            s.append(String.format("%n%s: %s%n", r.scenario(), r.description()));
            s.append("  rejected: ").append(r.requestsRejected()).append('\n');
            if (r.backOffices().size() > 1) {
                r.backOffices().forEach((name, f) -> s.append(String.format("  %s (%s): %s of %s expected orders, %s "
                        + "duplicates, %s lost%n", name, f.get("type"), f.get("documents"), f.get("expected"),
                        f.get("duplicates"), f.get("lost"))));
            }
            if (!r.facts().isEmpty()) {
                s.append("  faults: ").append(r.facts()).append('\n');
            }
            r.parked().forEach(p -> s.append("  parked ").append(p.get("record")).append(": ").append(p.get("reason"))
                    .append('\n'));
            r.problems().forEach(p -> s.append("  PROBLEM: ").append(p).append('\n'));
        }
        report.skipped().forEach(k -> s.append(String.format("%n%s: skipped: %s%n", k.scenario(), k.reason())));
        ChaosRunner.SecretsCheck secrets = report.secrets();
        s.append(String.format("%nSecrets: %d values searched for in %.1f MB of logs (%s), the audit trail and parked "
                + "reasons: %s%n", secrets.valuesChecked(), secrets.logBytes() / 1e6, logFile,
                secrets.found().isEmpty() ? "none found." : "FOUND " + secrets.found()));
        s.append(String.format("Elapsed: %.1f s%n", report.elapsedMs() / 1000.0));
        s.append(report.ok() ? "Result: every scenario ended with 0 lost, 0 duplicates and nothing stuck.%n".formatted()
                : report.noneLostOrDuplicated() ? "Result: nothing lost or duplicated, but NOT every check passed.%n".formatted()
                : "Result: orders were LOST or DUPLICATED.%n".formatted());
        return s.toString();
    }

    private static OutputStream tee(OutputStream a, OutputStream b) {
        return new OutputStream() {
            @Override
            public void write(int c) throws java.io.IOException {
                a.write(c);
                b.write(c);
            }

            @Override
            public void write(byte[] bytes, int off, int len) throws java.io.IOException {
                a.write(bytes, off, len);
                b.write(bytes, off, len);
            }

            @Override
            public void flush() throws java.io.IOException {
                a.flush();
                b.flush();
            }
        };
    }
}
