package com.bcerp.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code connector demo --json} as a user runs it: a process, one JSON object on standard output, its exit code. */
class DemoCommandIT {

    private static Process demo(String... args) throws Exception {
        return demo(ProcessBuilder.Redirect.DISCARD, args);
    }

    /** The demo as ./connector starts it (the same JVM flags). */
    private static Process demo(ProcessBuilder.Redirect stderr, String... args) throws Exception {
        String classpath = Path.of("target", "classes") + File.pathSeparator + Path.of("target", "lib") + File.separator + "*";
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(java.util.List.of("-cp", classpath, ConnectorCli.class.getName(), "demo"));
        command.addAll(java.util.List.of(args));
        return new ProcessBuilder(command).redirectError(stderr).start();
    }

    @Test
    void the_lifecycle_scenario_ends_with_the_back_office_agreeing_with_the_store_and_exits_zero() throws Exception {
        Process demo = demo("--scenario", "lifecycle", "--json");
        String stdout = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(demo.waitFor(300, TimeUnit.SECONDS)).isTrue();

        JsonNode report = new ObjectMapper().readTree(stdout);
        assertThat(report.get("orders_created").asInt()).as(stdout).isGreaterThanOrEqualTo(30);
        assertThat(report.get("mismatched_totals").asInt()).as(stdout).isZero();
        assertThat(report.get("mismatched_payments").asInt()).as(stdout).isZero();
        assertThat(report.get("duplicates").asInt()).as(stdout).isZero();
        assertThat(report.get("missing").asInt()).as(stdout).isZero();
        assertThat(report.get("unexplained_failures").asInt()).as(stdout).isZero();
        // the two unmappable orders park with their reasons: a SKU the back office lacks, a gateway not mapped
        assertThat(report.get("parked")).hasSize(2).allSatisfy(p -> assertThat(p.get("expected").asBoolean()).isTrue());
        assertThat(report.get("parked").toString()).contains("InventoryID").contains("gateway 'cod'");
        assertThat(report.get("back_office").asText()).isEqualTo("acumatica");
        assertThat(report.get("not_taken")).as("Acumatica takes every shape").isEmpty();
        assertThat(report.get("payments_posted").asInt()).as(stdout).isPositive();
        JsonNode documents = report.get("documents");
        assertThat(documents.get("added_sales").asInt()).isPositive();
        assertThat(documents.get("edit_credits").asInt()).isPositive();
        assertThat(documents.get("returns").asInt() + documents.get("refund_credits").asInt()).isEqualTo(6);
        assertThat(documents.get("sales_orders_cancelled").asInt()).isEqualTo(2);
        // two store customers who had not ordered are created, then follow a name, email, phone and address change
        assertThat(report.get("customers_created").asInt()).as(stdout).isEqualTo(2);
        assertThat(report.get("customer_updates").asInt()).as(stdout).isBetween(2, 4);
        assertThat(report.get("mismatched_customers").asInt()).as(stdout).isZero();
        // the order paid through PayPal has its invoice, once, closed by its payment
        assertThat(report.get("invoices_posted").asInt()).as(stdout).isEqualTo(1);
        assertThat(report.get("invoices_paid").asInt()).as(stdout).isEqualTo(1);
        assertThat(report.get("mismatched_invoices").asInt()).as(stdout).isZero();
        // six WHOLESALE prices reach the store's Wholesale list; after one price changes, that one record alone
        assertThat(report.get("prices_entered").asInt()).as(stdout).isEqualTo(6);
        assertThat(report.get("price_records_pushed").asInt()).as(stdout).isEqualTo(7);
        assertThat(report.get("price_records_pushed_after_change").asInt()).as(stdout).isEqualTo(1);
        assertThat(report.get("price_records").asInt()).as(stdout).isEqualTo(6);
        assertThat(report.get("mismatched_prices").asInt()).as(stdout).isZero();
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(demo.exitValue()).isZero();
    }

    /**
     * The same shapes on Visma.net and Uniconta, read back through each one's own API: the unknown SKU parks naming
     * the item; what the back office cannot take (payments) is reported, not skipped.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "visma    | 'Inventory ID' cannot be found in the system: SKU-STORE-ONLY",
            "uniconta | Uniconta has no item SKU-STORE-ONLY"})
    void the_lifecycle_scenario_on_visma_and_uniconta_agrees_with_the_store_and_names_what_it_cannot_take(String type,
            String parkReason) throws Exception {
        Process demo = demo("--scenario", "lifecycle", "--backoffice", type, "--json");
        String stdout = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(demo.waitFor(300, TimeUnit.SECONDS)).isTrue();

        JsonNode report = new ObjectMapper().readTree(stdout);
        assertThat(report.get("back_office").asText()).isEqualTo(type);
        assertThat(report.get("orders_created").asInt()).as(stdout).isGreaterThanOrEqualTo(30);
        assertThat(report.get("erp_sales_orders").asInt()).as(stdout).isEqualTo(report.get("orders_created").asInt() - 1);
        assertThat(report.get("mismatched_totals").asInt()).as(stdout).isZero();
        assertThat(report.get("duplicates").asInt()).as(stdout).isZero();
        assertThat(report.get("missing").asInt()).as(stdout).isZero();
        assertThat(report.get("unexplained_failures").asInt()).as(stdout).isZero();
        assertThat(report.get("parked")).as(stdout).singleElement().satisfies(p -> {
            assertThat(p.get("expected").asBoolean()).isTrue();
            assertThat(p.get("reason").asText()).contains(parkReason);
        });
        JsonNode documents = report.get("documents");
        assertThat(documents.get("added_sales").asInt()).as(stdout).isPositive();
        assertThat(documents.get("edit_credits").asInt()).as(stdout).isPositive();
        assertThat(documents.get("returns").asInt() + documents.get("refund_credits").asInt()).as(stdout).isEqualTo(6);
        assertThat(documents.get("sales_orders_cancelled").asInt()).as(stdout).isEqualTo(2);
        assertThat(report.get("customers_created").asInt()).as(stdout).isEqualTo(2);
        assertThat(report.get("mismatched_customers").asInt()).as(stdout).isZero();
        // neither adapter has a payments port: the store's payments are reported as not taken, naming why
        assertThat(report.get("payments_posted").asInt()).isZero();
        assertThat(report.get("not_taken").toString()).as(stdout).contains("the " + type + " adapter has no payments port");
        assertThat(report.get("not_taken")).as(stdout).hasSize(1);
        // their configs map no price class: the price-list part does not run
        assertThat(report.get("price_records_pushed").asInt()).as(stdout).isZero();
        assertThat(report.get("mismatched_prices").asInt()).as(stdout).isZero();
        assertThat(report.get("ok").asBoolean()).as(stdout).isTrue();
        assertThat(demo.exitValue()).isZero();
    }

    @Test
    void the_lifecycle_scenario_refuses_a_warehouse_naming_the_erps_it_runs_on() throws Exception {
        Path stderr = java.nio.file.Files.createTempFile("demo-stderr", ".txt");
        Process demo = demo(ProcessBuilder.Redirect.to(stderr.toFile()), "--scenario", "lifecycle", "--backoffice",
                "extensiv");
        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(demo.exitValue()).isNotZero();
        assertThat(java.nio.file.Files.readString(stderr)).contains("the lifecycle scenario runs on an ERP")
                .contains("acumatica, visma, uniconta");
    }

    @Test
    void the_demo_reports_every_order_exactly_once_and_exits_zero() throws Exception {
        Path stderr = java.nio.file.Files.createTempFile("demo-stderr", ".txt");
        Process demo = demo(ProcessBuilder.Redirect.to(stderr.toFile()), "--orders", "25", "--json");
        String stdout = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(demo.waitFor(180, TimeUnit.SECONDS)).isTrue();
        // the terminal shows the demo's own progress lines only: no emulator banner, no JVM warning
        assertThat(java.nio.file.Files.readAllLines(stderr)).allSatisfy(line -> assertThat(line).startsWith("demo: "));

        JsonNode report = new ObjectMapper().readTree(stdout);
        assertThat(report.get("orders_created").asInt()).isEqualTo(25);
        assertThat(report.get("erp_sales_orders").asInt()).isEqualTo(25);
        assertThat(report.get("duplicates").asInt()).isZero();
        assertThat(report.get("failed").asInt()).isZero();
        assertThat(report.get("mismatched_totals").asInt()).isZero();
        assertThat(report.get("bc_calls_per_order").asDouble()).isLessThanOrEqualTo(2.0);
        // each order raises store/order/created and, for its payment, store/order/transaction/created; each twice
        assertThat(report.get("webhook_deliveries").asInt()).isEqualTo(100);
        assertThat(demo.exitValue()).isZero();
    }

    @Test
    void an_erp_beside_another_gets_every_order_once_each_with_the_store_total() throws Exception {
        Process demo = demo("--backoffice", "acumatica,uniconta", "--orders", "15", "--json");
        String stdout = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(demo.waitFor(180, TimeUnit.SECONDS)).isTrue();

        JsonNode report = new ObjectMapper().readTree(stdout);
        // Uniconta reckons VAT on the sum, the store per line: the cent between them is on the rounding item
        for (String backOffice : java.util.List.of("acumatica", "uniconta")) {
            JsonNode each = report.get("back_offices").get(backOffice);
            assertThat(each.get("sales_orders").asInt()).as(stdout).isEqualTo(15);
            assertThat(each.get("duplicates").asInt()).as(stdout).isZero();
            assertThat(each.get("mismatched_totals").asInt()).as(stdout).isZero();
        }
        assertThat(report.get("failed").asInt()).as(stdout).isZero();
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(demo.exitValue()).isZero();
    }

    @Test
    void a_warehouse_beside_the_erp_takes_only_the_orders_awaiting_fulfillment_once_each() throws Exception {
        Process demo = demo("--backoffice", "acumatica,extensiv", "--orders", "12", "--json");
        String stdout = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(demo.waitFor(180, TimeUnit.SECONDS)).isTrue();
        JsonNode report = new ObjectMapper().readTree(stdout);
        JsonNode erp = report.get("back_offices").get("acumatica");
        JsonNode warehouse = report.get("back_offices").get("extensiv");
        assertThat(erp.get("sales_orders").asInt()).as(stdout).isEqualTo(12);
        // 3 of the 12 are Pending: the ERP imports them, the warehouse (status 11 only) must not
        assertThat(warehouse.get("expected").asInt()).as(stdout).isEqualTo(9);
        assertThat(warehouse.get("sales_orders").asInt()).as(stdout).isEqualTo(9);
        assertThat(warehouse.get("unexpected").asInt()).as(stdout).isZero();
        assertThat(warehouse.get("duplicates").asInt()).as(stdout).isZero();
        assertThat(report.get("ok").asBoolean()).as(stdout).isTrue();
    }

    @Test
    void uniconta_alone_runs_a_deployment_without_a_catalogue_and_gets_every_order() throws Exception {
        Process demo = demo("--backoffice", "uniconta", "--orders", "8", "--json");
        String stdout = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(demo.waitFor(180, TimeUnit.SECONDS)).isTrue();
        JsonNode report = new ObjectMapper().readTree(stdout);
        assertThat(report.get("back_offices").get("uniconta").get("sales_orders").asInt()).as(stdout).isEqualTo(8);
        assertThat(report.get("ok").asBoolean()).as(stdout).isTrue();
    }

    @Test
    void visma_alone_gets_every_order_once_with_the_stores_total() throws Exception {
        Process demo = demo("--backoffice", "visma", "--orders", "8", "--json");
        String stdout = new String(demo.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(demo.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(demo.exitValue()).as(stdout).isZero();
        JsonNode visma = new ObjectMapper().readTree(stdout).get("back_offices").get("visma");
        assertThat(visma.get("sales_orders").asInt()).as(stdout).isEqualTo(8);
        assertThat(visma.get("duplicates").asInt()).isZero();
        assertThat(visma.get("mismatched_totals").asInt()).isZero();
    }

    @Test
    void a_back_office_type_without_a_local_sandbox_is_refused_naming_the_types() throws Exception {
        Path stderr = java.nio.file.Files.createTempFile("demo-stderr", ".txt");
        Process demo = demo(ProcessBuilder.Redirect.to(stderr.toFile()), "--backoffice", "sap");
        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(demo.exitValue()).isNotZero();
        assertThat(java.nio.file.Files.readString(stderr)).contains("--backoffice: no local sandbox for 'sap'")
                .contains("acumatica, uniconta, visma, extensiv");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"acumatica", "visma", "uniconta"})
    void the_stock_demo_sends_ceil_of_changed_over_2000_calls_per_location_and_the_store_agrees(String type)
            throws Exception {
        String classpath = Path.of("target", "classes") + File.pathSeparator + Path.of("target", "lib") + File.separator + "*";
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", classpath, ConnectorCli.class.getName(),
                "demo", "--scenario", "stock", "--backoffice", type, "--skus", "3000", "--changed", "2500",
                "--warehouses", "1", "--json")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String stdout = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(demo.waitFor(300, TimeUnit.SECONDS)).isTrue();

        JsonNode report = new ObjectMapper().readTree(stdout);
        assertThat(report.get("back_office").asText()).isEqualTo(type);
        assertThat(report.get("mode").asText()).isEqualTo("delta");
        assertThat(report.get("changed_per_location").get("1").asInt()).isEqualTo(2500);
        assertThat(report.get("bc_inventory_calls").asInt()).isEqualTo(2);
        assertThat(report.get("mismatched_skus").asInt()).isZero();
        assertThat(report.get("elapsed_ms").asLong()).isPositive();
        assertThat(report.get("peak_heap_mb").asLong()).isPositive();
        assertThat(demo.exitValue()).isZero();
    }

    /**
     * The 3PL's two facilities (3 and 4) to locations 1 and 2; the figures the store must show are read from the
     * Extensiv sandbox's stock summaries ({@code available}: on hand less allocated less on hold), not from the
     * connector.
     */
    @Test
    void the_stock_demo_in_extensiv_pushes_each_facilitys_available_and_the_store_agrees() throws Exception {
        Process demo = demo("--scenario", "stock", "--backoffice", "extensiv", "--skus", "600", "--changed", "400",
                "--warehouses", "2", "--json");
        String stdout = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(demo.waitFor(120, TimeUnit.SECONDS)).isTrue();

        JsonNode report = new ObjectMapper().readTree(stdout);
        assertThat(report.get("back_office").asText()).isEqualTo("extensiv");
        assertThat(report.get("mode").asText()).isEqualTo("delta");
        assertThat(report.get("locations_touched").asInt()).as(stdout).isEqualTo(2);
        assertThat(report.get("changed_per_location").get("1").asInt() + report.get("changed_per_location").get("2")
                .asInt()).isEqualTo(400);
        assertThat(report.get("bc_inventory_calls").asInt()).as("one per location touched").isEqualTo(2);
        assertThat(report.get("expected_bc_inventory_calls").asInt()).isEqualTo(2);
        assertThat(report.get("mismatched_skus").asInt()).as(stdout).isZero();
        assertThat(report.get("handler_report").get("pushed").asInt()).as("only what changed").isEqualTo(400);
        assertThat(report.get("erp_calls").asInt()).isPositive();
        assertThat(demo.exitValue()).isZero();
    }

    /** Uniconta has no hold, so its orders cycle through five plans: 10 orders give each plan two. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"acumatica, 12", "visma, 12", "uniconta, 10"})
    void the_fulfilment_demo_ships_each_back_office_shipment_once_with_statuses_and_references_and_exits_zero(
            String type, int orders) throws Exception {
        String classpath = Path.of("target", "classes") + File.pathSeparator + Path.of("target", "lib") + File.separator + "*";
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", classpath, ConnectorCli.class.getName(),
                "demo", "--scenario", "fulfilment", "--backoffice", type, "--orders", Integer.toString(orders), "--json")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String stdout = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(demo.waitFor(300, TimeUnit.SECONDS)).isTrue();

        JsonNode report = new ObjectMapper().readTree(stdout);
        assertThat(report.get("back_office").asText()).isEqualTo(type);
        assertThat(report.get("plans").get("two_shipments").asInt()).isEqualTo(2);
        assertThat(report.get("plans").get("partial").asInt()).isEqualTo(2);
        assertThat(report.get("shipments_expected").asInt()).as("2 full, 2 x 2 split, 2 invoiced, 2 partial").isEqualTo(10);
        assertThat(report.get("shipments_in_store").asInt()).isEqualTo(10);
        assertThat(report.get("duplicate_shipments").asInt()).isZero();
        assertThat(report.get("shipment_mismatches")).isEmpty();
        assertThat(report.get("status_mismatches")).isEmpty();
        assertThat(report.get("invoice_refs_missing")).isEmpty();
        assertThat(report.get("payments_expected").asInt()).as("the bookkeeper pays the 2 invoiced orders").isEqualTo(2);
        assertThat(report.get("payments_applied").asInt()).isEqualTo(report.get("payments_expected").asInt());
        assertThat(report.get("payment_notes_missing")).isEmpty();
        assertThat(report.get("rerun").get("payments_applied").asInt()).isZero();
        assertThat(report.get("crashes").asInt()).isEqualTo(1);
        assertThat(report.get("run_after_crash").get("shipments_found").asInt()).as("the crashed run's shipment").isEqualTo(1);
        assertThat(report.get("rerun").get("shipments_created").asInt()).isZero();
        assertThat(report.get("echoes_ignored").asInt()).as("the store's echoes of the connector's own statuses")
                .isPositive();
        assertThat(report.get("back_office_writes_during_fulfilment").asInt()).isZero();
        assertThat(report.get("stock_checked").asInt()).as("an ERP's stock is not checked here").isZero();
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(demo.exitValue()).isZero();
    }

    /**
     * Extensiv confirms an order once (it ships what is packed and closes), has no hold and invoices nothing, so its
     * orders cycle through full (one package), partial, cancelled and packages (in full, in up to three packages):
     * 8 orders give each two. Each package is a shipment: the two packed orders (seed 42) go out in 2 and 3 packages.
     * The store's shipments are compared with the packages the sandbox holds: items, quantities, tracking numbers and
     * carrier; then, after a stock sync, the store's stock with the sandbox's stock summaries.
     */
    @Test
    void the_fulfilment_demo_in_extensiv_gives_a_store_shipment_per_package_with_its_tracking_number() throws Exception {
        Process demo = demo("--scenario", "fulfilment", "--backoffice", "extensiv", "--orders", "8", "--json");
        String stdout = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(demo.waitFor(120, TimeUnit.SECONDS)).isTrue();

        JsonNode report = new ObjectMapper().readTree(stdout);
        assertThat(report.get("back_office").asText()).isEqualTo("extensiv");
        assertThat(report.get("orders").asInt()).as("every order placed Awaiting Fulfillment reached the warehouse")
                .isEqualTo(8);
        for (String plan : List.of("full", "partial", "cancelled", "packages")) {
            assertThat(report.get("plans").get(plan).asInt()).as(plan + ": " + stdout).isEqualTo(2);
        }
        assertThat(report.get("plans").has("on_hold") || report.get("plans").has("two_shipments")
                || report.get("plans").has("invoiced")).isFalse();
        assertThat(report.get("shipments_expected").asInt()).as("2 full, 2 partial, 2 + 3 packages").isEqualTo(9);
        assertThat(report.get("orders_in_several_shipments").asInt()).as("the packed orders").isEqualTo(2);
        assertThat(report.get("shipments_in_store").asInt()).isEqualTo(9);
        assertThat(report.get("duplicate_shipments").asInt()).isZero();
        assertThat(report.get("shipment_mismatches")).as("items, quantities, tracking numbers, carrier").isEmpty();
        assertThat(report.get("status_mismatches")).isEmpty();
        assertThat(report.get("invoice_refs_missing")).as("the warehouse order number in the staff notes").isEmpty();
        assertThat(report.get("crashes").asInt()).isEqualTo(1);
        assertThat(report.get("run_after_crash").get("shipments_found").asInt()).isEqualTo(1);
        assertThat(report.get("rerun").get("shipments_created").asInt()).isZero();
        assertThat(report.get("rerun").get("statuses_set").asInt()).isZero();
        assertThat(report.get("back_office_writes_during_fulfilment").asInt()).isZero();
        assertThat(report.get("stock_checked").asInt()).as("every store SKU at location 1, after the shipments")
                .isPositive();
        assertThat(report.get("stock_mismatches")).as("the store's stock is the warehouse's available").isEmpty();
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(demo.exitValue()).isZero();
    }

    @Test
    void the_coexist_demo_reports_no_write_to_what_the_pos_owns_and_exits_zero() throws Exception {
        Process demo = demo("--scenario", "coexist", "--json");
        String stdout = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(demo.waitFor(300, TimeUnit.SECONDS)).isTrue();

        JsonNode report = new ObjectMapper().readTree(stdout);
        assertThat(report.get("writes_to_owned_fields").asInt()).isZero();
        assertThat(report.get("writes_to_owned_locations").asInt()).isZero();
        assertThat(report.get("own_location_writes").asInt()).isPositive();
        assertThat(report.get("pos_values_overwritten")).isEmpty();
        assertThat(report.get("web_order_imported").asBoolean()).isTrue();
        assertThat(report.get("pos_order_imported").asBoolean()).isFalse();
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(demo.exitValue()).isZero();
    }
}
