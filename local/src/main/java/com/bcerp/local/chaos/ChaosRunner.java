package com.bcerp.local.chaos;

import com.bcerp.core.order.OrderImport;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.KeyScope;
import com.bcerp.core.sync.ParkedRecord;
import com.bcerp.handlers.worker.WorkerComposition;
import com.bcerp.local.demo.DemoReport;
import com.bcerp.local.demo.OrderSeeder;
import com.bcerp.local.runtime.LocalBackOffice;
import com.bcerp.local.runtime.LocalRuntime;
import com.bcerp.local.runtime.TempDirs;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs chaos scenarios, each in a fresh local runtime, and measures each from the systems themselves: the back
 * office's sales orders against the orders placed in the store, the connector's parked records and dead-letter
 * queue, and the requests each side refused. Then checks mechanically that no secret reached the logs, the audit
 * trail or a parked reason.
 */
public final class ChaosRunner {

    /**
     * One scenario's figures, summed over the back offices taking the orders and given for each in
     * {@code backOffices}. {@code lost}: placed in a status a back office imports, not in it, not parked there
     * with a reason, and not deleted there by a person (the deleted-record scenario).
     */
    public record ScenarioReport(String scenario, String description, int ordersPlaced, int backOfficeDocuments,
            int duplicates, int lost, List<Map<String, String>> parked, int deadLettered,
            Map<String, Object> requestsRejected, long rejectedTotal, Map<String, Object> facts, long elapsedMs,
            boolean settled, List<String> problems, Map<String, Map<String, Object>> backOffices) {

        public boolean ok() {
            return settled && lost == 0 && duplicates == 0 && deadLettered == 0 && problems.isEmpty();
        }
    }

    public record SecretsCheck(int valuesChecked, long logBytes, List<SecretScan.Finding> found) {}

    /** A scenario left out because its fault does not exist in the back office under test. */
    public record Skipped(String scenario, String reason) {}

    /** @param backOfficeType the types of the back offices taking the orders, comma-separated */
    public record Report(String backOfficeType, List<ScenarioReport> scenarios, List<Skipped> skipped,
            SecretsCheck secrets, long elapsedMs) {

        public boolean noneLostOrDuplicated() {
            return scenarios.stream().allMatch(s -> s.lost() == 0 && s.duplicates() == 0);
        }

        public boolean ok() {
            return !scenarios.isEmpty() && scenarios.stream().allMatch(ScenarioReport::ok) && secrets.found().isEmpty();
        }
    }

    private final int orders;
    private final long seed;
    private final Path configFile;
    private final Consumer<String> progress;
    private final SecretScan secrets = new SecretScan();
    private final List<SecretScan.Finding> findings = new ArrayList<>();

    /** @param configFile the merchant config each scenario's runtime reads (its back office among it); null: defaults */
    public ChaosRunner(int orders, long seed, Path configFile, Consumer<String> progress) {
        this.orders = orders;
        this.seed = seed;
        this.configFile = configFile;
        this.progress = progress;
    }

    /** Runs the scenarios, then scans {@code logFile} (everything the run logged) for secrets. */
    public Report run(List<Scenario> scenarios, Path logFile) throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<ScenarioReport> reports = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<String> underTest = backOfficeTypesUnderTest();
        for (Scenario scenario : scenarios) {
            java.util.Optional<String> notApplicable = scenario.notApplicable(underTest);
            if (notApplicable.isPresent()) {
                progress.accept("chaos: " + scenario.id() + ": skipped (" + notApplicable.get() + ")");
                skipped.add(new Skipped(scenario.id(), notApplicable.get()));
                continue;
            }
            progress.accept("chaos: " + scenario.id() + ": " + scenario.description() + "...");
            ScenarioReport report = run(scenario);
            progress.accept("chaos: " + scenario.id() + ": " + (report.ok() ? "ok" : "NOT ok " + report.problems())
                    + " (" + report.ordersPlaced() + " orders, " + report.elapsedMs() / 1000.0 + " s)");
            reports.add(report);
        }
        System.err.flush();
        long logBytes = 0;
        if (logFile != null && Files.exists(logFile)) {
            logBytes = Files.size(logFile);
            try (Stream<String> lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
                StringBuilder text = new StringBuilder();
                lines.forEach(l -> text.append(l).append('\n'));
                findings.addAll(secrets.scan("logs", text.toString()));
            }
        }
        findings.addAll(secrets.scan("report", reports.toString()));
        return new Report(String.join(",", underTest), reports, skipped, new SecretsCheck(secrets.size(), logBytes, List.copyOf(findings)),
                (System.nanoTime() - start) / 1_000_000);
    }

    private ScenarioReport run(Scenario scenario) throws IOException, InterruptedException {
        Path stateDir = Files.createTempDirectory("bcerp-chaos-" + scenario.id());
        long start = System.nanoTime();
        LocalRuntime.Options base = LocalRuntime.Options.defaults(stateDir);
        try (LocalRuntime runtime = LocalRuntime.start(scenario.options(configFile == null ? base
                : base.withConfigFile(configFile)))) {
            AtomicLong store429 = new AtomicLong();
            String connectorToken = runtime.bigcommerce().connectorAccessToken();
            runtime.bigcommerce().onExchange(e -> {
                if (e.status() == 429 && connectorToken.equals(e.requestHeaders().get("x-auth-token"))) {
                    store429.incrementAndGet();
                }
            });
            Harness h = new Harness(runtime, scenario.orders(orders), seed);
            scenario.act(h);
            h.awaitSettled();
            scenario.after(h);
            ScenarioReport report = measure(scenario, h, store429.get(), (System.nanoTime() - start) / 1_000_000);
            collectSecrets(runtime);
            scanRecords(scenario, h);
            return report;
        } finally {
            TempDirs.deleteQuietly(stateDir);
        }
    }

    private ScenarioReport measure(Scenario scenario, Harness h, long store429, long elapsedMs) {
        LocalRuntime runtime = h.runtime();
        List<OrderSeeder.Placed> placed = h.placed();
        String store = runtime.bigcommerce().storeHash();
        Map<String, ParkedRecord> parked = new TreeMap<>();
        runtime.worker().state().parked().forEach(p -> parked.put(p.recordKey(), p));
        Set<Long> poisoned = new HashSet<>(h.poisoned());
        // a poisoned order's reason names its line, whose source carries the SKU the back office does not know
        String unknownSku = com.bcerp.sandbox.SandboxCatalog.standard().storeOnlyItem().sku();
        List<String> problems = new ArrayList<>(h.failures());
        Set<String> poisonedKeys = new HashSet<>();
        Set<String> expectedParked = new HashSet<>();
        Map<String, Map<String, Object>> each = new LinkedHashMap<>();
        int documents = 0;
        int duplicates = 0;
        int lost = 0;
        List<String> taking = runtime.takingOrders();
        for (DemoReport.BackOfficeCount count : DemoReport.countEach(runtime, placed)) {
            // each back office's records are its own: the first taking orders keeps the plain keys (KeyScope)
            KeyScope scope = count.name().equals(taking.get(0)) ? KeyScope.primary(count.name())
                    : KeyScope.secondary(count.name());
            int lostHere = 0;
            Set<Long> deleted = h.deletedIn(count.name());
            for (long id : count.missing()) {
                ParkedRecord p = parked.get(OrderImport.recordKey(scope.store(store), id));
                if (deleted.contains(id)) {
                    // a person deleted it there: absent, as they left it; a change of it may park, with its reason
                    expectedParked.add(com.bcerp.core.order.OrderChanges.recordKey(scope.store(store), id));
                    continue;
                }
                if (p == null) {
                    lostHere++;
                } else if (poisoned.contains(id) && p.reason().contains(unknownSku)) {
                    expectedParked.add(p.recordKey());
                }
            }
            for (long id : poisoned) {
                String key = OrderImport.recordKey(scope.store(store), id);
                poisonedKeys.add(key);
                if (!expectedParked.contains(key)) {
                    problems.add(key + " has an unknown SKU but is not parked in " + count.name()
                            + " with the field named");
                }
            }
            Set<Long> missing = new HashSet<>(count.missing());
            deleted.stream().filter(id -> !missing.contains(id)).forEach(id -> problems.add("store order " + id
                    + " is in " + count.name() + " again after a person deleted its sales order there"));
            if (count.unexpected() > 0) {
                problems.add(count.name() + " holds " + count.unexpected() + " order(s) in a status it does not import");
            }
            Map<Integer, Integer> refused = runtime.backOffices().get(count.name()).refusedByStatus();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("type", count.type());
            figures.put("expected", count.expected());
            figures.put("documents", count.present() + count.duplicates());
            figures.put("duplicates", count.duplicates());
            figures.put("lost", lostHere);
            figures.put("requests_rejected", refused);
            each.put(count.name(), figures);
            documents += count.present() + count.duplicates();
            duplicates += count.duplicates();
            lost += lostHere;
        }
        // any other parked record (an order that should have gone in, an order change, a refund, a payment) is a
        // failure the fault should not cause
        expectedParked.addAll(h.parkedByDesign());
        parked.values().stream().filter(p -> !expectedParked.contains(p.recordKey()))
                .filter(p -> !poisonedKeys.contains(p.recordKey()))
                .forEach(p -> problems.add(p.recordKey() + " was parked but should have been imported: " + p.reason()));
        if (!h.settled()) {
            problems.add("the work did not settle in time");
        }
        int deadLettered = runtime.aws().visibleAndInFlight(runtime.aws().deadLetterQueueUrl());

        Map<String, Object> rejected = new LinkedHashMap<>();
        Map<Integer, Long> webhooks = new TreeMap<>(runtime.frontDoor().answers());
        webhooks.keySet().removeIf(status -> status < 300);
        Map<Integer, Integer> backOffice = new TreeMap<>();
        each.values().forEach(f -> {
            @SuppressWarnings("unchecked")
            Map<Integer, Integer> refused = (Map<Integer, Integer>) f.get("requests_rejected");
            refused.forEach((status, n) -> backOffice.merge(status, n, Integer::sum));
        });
        rejected.put("webhook_deliveries", webhooks);
        rejected.put("store_api", store429 == 0 ? Map.of() : Map.of(429, store429));
        rejected.put("back_office", backOffice);
        long total = webhooks.values().stream().mapToLong(Long::longValue).sum() + store429
                + backOffice.values().stream().mapToLong(Integer::longValue).sum();

        List<Map<String, String>> parkedList = parked.values().stream()
                .sorted(Comparator.comparing(ParkedRecord::parkedAt))
                .map(p -> Map.of("record", p.recordKey(), "reason", p.reason())).toList();
        return new ScenarioReport(scenario.id(), scenario.description(), placed.size(), documents, duplicates, lost,
                parkedList, deadLettered, rejected, total, new LinkedHashMap<>(h.facts()), elapsedMs, h.settled(),
                problems, each);
    }

    /** Every secret value this scenario's runtime held or issued. */
    private void collectSecrets(LocalRuntime runtime) {
        Map<String, String> store = runtime.secrets().get(WorkerComposition.DEFAULT_BIGCOMMERCE_SECRET);
        store.forEach((field, value) -> secrets.add("bigcommerce " + field, value));
        secrets.add("bigcommerce admin access_token", runtime.bigcommerce().adminAccessToken());
        runtime.backOffices().forEach((name, backOffice) -> {
            // what the functions hold now (a rotated refresh token among it), beside what the sandbox was given
            runtime.secrets().get(runtime.secretName(name)).forEach((field, value) -> {
                if (!field.equals("username") && !field.equals("user") && !field.equals("client_id")
                        && !field.equals("user_login")) {
                    secrets.add(name + " " + field, value);
                }
            });
            backOffice.issuedTokens().forEach(t -> secrets.add(name + " issued token", t));
        });
    }

    /** The types of the back offices the scenarios run against: those the config's orders go to. */
    private List<String> backOfficeTypesUnderTest() {
        var config = configFile == null ? com.bcerp.config.ConfigLoader.defaults()
                : com.bcerp.config.ConfigLoader.load(configFile);
        return config.backOffices().takingOrders().stream().map(config.backOffices().systems()::get).toList();
    }

    /** The audit trail of every placed order, and the parked reasons, searched for this run's secrets. */
    private void scanRecords(Scenario scenario, Harness h) {
        StringBuilder text = new StringBuilder();
        for (List<AuditRecord> history : h.histories().values()) {
            history.forEach(r -> text.append(r).append('\n'));
        }
        h.runtime().worker().state().parked().forEach(p -> text.append(p).append('\n'));
        findings.addAll(secrets.scan(scenario.id() + " audit trail and parked reasons", text.toString()));
    }

}
