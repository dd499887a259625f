package com.bcerp.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code connector chaos --json} as a user runs it, on a few orders per scenario: every scenario runs, none loses
 * or duplicates an order, the hostile deliveries enqueue nothing, and the run's logs hold no secret.
 */
class ChaosCommandIT {

    @Test
    void every_fault_scenario_ends_with_nothing_lost_or_duplicated_and_no_secret_in_the_logs() throws Exception {
        Path log = Path.of("target", "chaos-it.log").toAbsolutePath();
        Process chaos = chaos("--orders", "10", "--json", "--log", log.toString());
        String stdout = new String(chaos.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(chaos.waitFor(600, TimeUnit.SECONDS)).isTrue();

        JsonNode report = new ObjectMapper().readTree(stdout);
        assertThat(report.get("back_office").asText()).isEqualTo("acumatica");
        assertThat(report.get("skipped")).isEmpty();
        List<String> scenarios = new ArrayList<>();
        for (JsonNode s : report.get("scenarios")) {
            String name = s.get("scenario").asText();
            scenarios.add(name);
            assertThat(s.get("lost").asInt()).as(name + " lost").isZero();
            assertThat(s.get("duplicates").asInt()).as(name + " duplicates").isZero();
            assertThat(s.get("problems")).as(name + " problems").isEmpty();
            assertThat(s.get("orders_placed").asInt()).as(name + " orders").isPositive();
        }
        assertThat(scenarios).containsExactly("duplicate-deliveries", "out-of-order", "back-office-outage",
                "rate-limit-storm", "crash-after-write", "poison-records", "dropped-webhooks", "token-expiry",
                "hostile-deliveries", "async-actions", "licence-delay", "dead-letter-redrive", "domain-blocklist",
                "session-limit", "deleted-record", "multi-status-207");
        JsonNode poison = scenario(report, "poison-records");
        assertThat(poison.get("parked")).hasSize(1);
        assertThat(poison.get("parked").get(0).get("reason").asText()).contains("InventoryID");
        JsonNode hostile = scenario(report, "hostile-deliveries");
        assertThat(hostile.get("faults").get("messages_enqueued_by_attacks").asInt()).isZero();
        assertThat(hostile.get("requests_rejected").get("webhook_deliveries").size()).isEqualTo(3); // 400, 401, 413
        JsonNode async = scenario(report, "async-actions").get("faults");
        assertThat(async.get("sales_orders_cancelled").asInt()).isEqualTo(4); // orders 1, 4, 7 and 10 of 10
        assertThat(async.get("action_status_polls").asInt()).isGreaterThanOrEqualTo(4);
        JsonNode licence = scenario(report, "licence-delay");
        assertThat(licence.get("back_office_documents").asInt()).isEqualTo(10);
        assertThat(licence.get("dead_lettered").asInt()).isZero();
        assertThat(licence.get("faults").get("calls_delayed_by_the_licence").asInt()).isPositive();
        // every dead letter goes back: at least one per order, more for orders whose payment events failed too
        JsonNode redrive = scenario(report, "dead-letter-redrive").get("faults");
        assertThat(redrive.get("redriven").asInt()).isGreaterThanOrEqualTo(10)
                .isEqualTo(redrive.get("dead_lettered_before_redrive").asInt());
        JsonNode blocklist = scenario(report, "domain-blocklist").get("faults");
        assertThat(blocklist.get("reported_by_webhook_health")).isNotEmpty();
        assertThat(blocklist.get("deliveries_held_by_blocklist").asInt()).isPositive();
        // four processes through sessions ending between waves: one sign-in per ended session, never two at once
        JsonNode sessions = scenario(report, "session-limit").get("faults");
        assertThat(sessions.get("most_sessions_open_at_once").asInt()).isEqualTo(1);
        assertThat(sessions.get("grants_refused_api_login_limit").asInt()).isZero();
        assertThat(sessions.get("sessions_open_at_end").asInt()).isLessThanOrEqualTo(1);
        assertThat(sessions.get("sessions_opened").asInt()).isPositive();
        // orders 2 and 7 of 10: their sales orders deleted in Acumatica, then cancelled in the store; each
        // cancellation ends once, skipped with the reason, never retried, and neither order comes back
        JsonNode deleted = scenario(report, "deleted-record");
        assertThat(deleted.get("faults").get("sales_orders_deleted").asInt()).isEqualTo(2);
        assertThat(deleted.get("faults").get("cancellations_skipped").asInt()
                + deleted.get("faults").get("cancellations_parked").asInt()).isEqualTo(2);
        assertThat(deleted.get("faults").get("reasons").toString()).contains("has no");
        assertThat(deleted.get("back_office_documents").asInt()).isEqualTo(8);
        assertThat(deleted.get("dead_lettered").asInt()).isZero();
        // 3 of 6 changed products saved only in part (207): exactly those parked naming custom_url, all 6 priced
        JsonNode partial = scenario(report, "multi-status-207");
        List<String> parkedProducts = new ArrayList<>();
        partial.get("parked").forEach(p -> {
            assertThat(p.get("reason").asText()).contains("custom_url");
            parkedProducts.add(p.get("record").asText().replaceAll(".*#", ""));
        });
        List<String> answered207 = new ArrayList<>();
        partial.get("faults").get("products_answered_207").forEach(k -> answered207.add(k.asText()));
        assertThat(answered207).hasSize(3);
        assertThat(parkedProducts).containsExactlyInAnyOrderElementsOf(answered207);
        assertThat(partial.get("faults").get("products_updated").asInt()).isEqualTo(6);
        assertThat(partial.get("back_office_documents").asInt()).isEqualTo(10);
        assertThat(report.get("secrets_in_logs").get("found")).isEmpty();
        assertThat(report.get("secrets_in_logs").get("values_checked").asInt()).isGreaterThan(20);
        assertThat(Files.size(log)).isPositive();
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(chaos.exitValue()).isZero();
    }

    @Test
    void against_uniconta_the_back_office_faults_lose_and_duplicate_nothing_and_acumatica_only_faults_are_skipped()
            throws Exception {
        Path log = Path.of("target", "chaos-uniconta-it.log").toAbsolutePath();
        Process chaos = chaos("--backoffice", "uniconta", "--orders", "10", "--json", "--log", log.toString(),
                "--scenario", "out-of-order,back-office-outage,crash-after-write,poison-records,token-expiry");
        String stdout = new String(chaos.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(chaos.waitFor(600, TimeUnit.SECONDS)).isTrue();

        JsonNode report = new ObjectMapper().readTree(stdout);
        assertThat(report.get("back_office").asText()).isEqualTo("uniconta");
        List<String> scenarios = new ArrayList<>();
        for (JsonNode s : report.get("scenarios")) {
            String name = s.get("scenario").asText();
            scenarios.add(name);
            assertThat(s.get("lost").asInt()).as(name + " lost").isZero();
            assertThat(s.get("duplicates").asInt()).as(name + " duplicates").isZero();
            assertThat(s.get("problems")).as(name + " problems").isEmpty();
        }
        assertThat(scenarios).containsExactly("out-of-order", "back-office-outage", "crash-after-write", "poison-records");
        // every order is in Uniconta (read from its tables), the poisoned one parked naming its line
        assertThat(scenario(report, "out-of-order").get("back_office_documents").asInt()).isEqualTo(10);
        JsonNode poison = scenario(report, "poison-records");
        assertThat(poison.get("back_office_documents").asInt()).isEqualTo(9);
        assertThat(poison.get("parked").get(0).get("reason").asText()).contains("lines[").contains("SKU-STORE-ONLY");
        assertThat(scenario(report, "back-office-outage").get("requests_rejected").get("back_office").has("503")).isTrue();
        assertThat(report.get("skipped")).singleElement().satisfies(k -> {
            assertThat(k.get("scenario").asText()).isEqualTo("token-expiry");
            assertThat(k.get("reason").asText()).contains("uniconta has no such thing");
        });
        assertThat(report.get("secrets_in_logs").get("found")).isEmpty();
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(chaos.exitValue()).isZero();
    }

    @Test
    void against_the_extensiv_warehouse_every_order_reaches_it_once_and_the_poisoned_one_parks_naming_its_sku()
            throws Exception {
        JsonNode report = run("chaos-extensiv-it.log", "--backoffice", "extensiv", "--orders", "10",
                "--scenario", "out-of-order,poison-records,async-actions");

        assertThat(report.get("back_office").asText()).isEqualTo("extensiv");
        assertThat(names(report)).containsExactly("out-of-order", "poison-records");
        assertNothingLostOrDuplicated(report);
        // the orders end in Awaiting Fulfillment, the one status the warehouse takes, through Pending
        JsonNode outOfOrder = scenario(report, "out-of-order");
        assertThat(outOfOrder.get("faults").get("statuses").toString()).isEqualTo("[0,1,11]");
        assertThat(outOfOrder.get("back_offices").get("extensiv").get("documents").asInt()).isEqualTo(10);
        JsonNode poison = scenario(report, "poison-records");
        assertThat(poison.get("back_office_documents").asInt()).isEqualTo(9);
        assertThat(poison.get("parked")).singleElement().satisfies(p -> assertThat(p.get("reason").asText())
                .contains("orderItems[").contains(SandboxCatalog.standard().storeOnlyItem().sku()));
        assertThat(report.get("skipped")).singleElement().satisfies(k -> {
            assertThat(k.get("scenario").asText()).isEqualTo("async-actions");
            assertThat(k.get("reason").asText()).contains("extensiv has no such thing");
        });
        assertThat(report.get("secrets_in_logs").get("found")).isEmpty();
        assertThat(report.get("ok").asBoolean()).isTrue();
    }

    @Test
    void with_an_erp_and_a_warehouse_each_holds_every_order_once_through_an_outage_of_both() throws Exception {
        JsonNode report = run("chaos-acumatica-extensiv-it.log", "--backoffice", "acumatica,extensiv", "--orders", "10",
                "--scenario", "back-office-outage,poison-records");

        assertThat(report.get("back_office").asText()).isEqualTo("acumatica,extensiv");
        assertThat(names(report)).containsExactly("back-office-outage", "poison-records");
        assertNothingLostOrDuplicated(report);
        JsonNode outage = scenario(report, "back-office-outage");
        // the answers lost while the imports ran (the 503s come after, when there may be nothing left to call)
        assertThat(outage.get("faults").get("timeouts_injected").asInt()).isPositive();
        for (String name : List.of("acumatica", "extensiv")) {
            assertThat(outage.get("back_offices").get(name).get("expected").asInt()).as(name).isEqualTo(10);
            assertThat(outage.get("back_offices").get(name).get("documents").asInt()).as(name).isEqualTo(10);
        }
        // the poisoned order parks in each back office on its own (the warehouse's key carries its name)
        JsonNode poison = scenario(report, "poison-records");
        assertThat(poison.get("back_offices").get("acumatica").get("documents").asInt()).isEqualTo(9);
        assertThat(poison.get("back_offices").get("extensiv").get("documents").asInt()).isEqualTo(9);
        List<String> parked = new ArrayList<>();
        poison.get("parked").forEach(p -> {
            parked.add(p.get("record").asText().replaceAll("#\\d+$", ""));
            assertThat(p.get("reason").asText()).contains(SandboxCatalog.standard().storeOnlyItem().sku());
        });
        String store = BigCommerceSandbox.Settings.defaults().storeHash();
        assertThat(parked).containsExactlyInAnyOrder("order#" + store, "order#" + store + "@extensiv");
        assertThat(report.get("skipped")).isEmpty();
        assertThat(report.get("secrets_in_logs").get("found")).isEmpty();
        assertThat(report.get("ok").asBoolean()).isTrue();
    }

    @Test
    void with_an_erp_and_a_warehouse_a_store_cancellation_cancels_in_both_while_acumatica_runs_it_as_a_long_action()
            throws Exception {
        JsonNode report = run("chaos-acumatica-extensiv-async-it.log", "--backoffice", "acumatica,extensiv",
                "--orders", "10", "--scenario", "async-actions");

        assertThat(names(report)).containsExactly("async-actions");
        assertNothingLostOrDuplicated(report);
        // orders 1, 4, 7 and 10 cancelled in the store: in Acumatica through its long-running action, in Extensiv too
        JsonNode cancelled = scenario(report, "async-actions").get("faults");
        assertThat(cancelled.get("sales_orders_cancelled").asInt()).isEqualTo(4);
        assertThat(cancelled.get("warehouse_orders_cancelled").asInt()).isEqualTo(4);
        assertThat(report.get("ok").asBoolean()).isTrue();
    }

    /** Runs {@code connector chaos --json} to its end and returns its report, after checking it exited 0. */
    private static JsonNode run(String logName, String... args) throws Exception {
        Path log = Path.of("target", logName).toAbsolutePath();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--json", "--log", log.toString()));
        Process chaos = chaos(all.toArray(String[]::new));
        String stdout = new String(chaos.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(chaos.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(chaos.exitValue()).as("exit status; stdout: " + stdout).isZero();
        return new ObjectMapper().readTree(stdout);
    }

    private static List<String> names(JsonNode report) {
        List<String> names = new ArrayList<>();
        report.get("scenarios").forEach(s -> names.add(s.get("scenario").asText()));
        return names;
    }

    private static void assertNothingLostOrDuplicated(JsonNode report) {
        for (JsonNode s : report.get("scenarios")) {
            String name = s.get("scenario").asText();
            assertThat(s.get("lost").asInt()).as(name + " lost").isZero();
            assertThat(s.get("duplicates").asInt()).as(name + " duplicates").isZero();
            assertThat(s.get("problems")).as(name + " problems").isEmpty();
            s.get("back_offices").forEach(b -> assertThat(b.get("lost").asInt()).as(name + " lost in one").isZero());
        }
    }

    private static Process chaos(String... args) throws java.io.IOException {
        String classpath = Path.of("target", "classes") + File.pathSeparator + Path.of("target", "lib") + File.separator + "*";
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", classpath, ConnectorCli.class.getName(), "chaos"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static JsonNode scenario(JsonNode report, String name) {
        for (JsonNode s : report.get("scenarios")) {
            if (s.get("scenario").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no scenario " + name);
    }
}
