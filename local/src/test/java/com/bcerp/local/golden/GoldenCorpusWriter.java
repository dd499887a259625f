package com.bcerp.local.golden;

import static com.bcerp.local.demo.OrderShapes.map;

import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.bcerp.sandbox.bigcommerce.StoreSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the crafted cases of the golden corpus ({@link GoldenCases}): each order is placed in the BigCommerce
 * sandbox (through its API, or its checkout for what only a storefront makes), then edited, refunded, captured,
 * voided or cancelled through the store's API, and the store's JSON is saved after each step, with the script of
 * events that step raises. The cases taken from BigCommerce's spec examples ({@code spec-*}) are written by hand and
 * left alone.
 *
 * <p>A maintainer's tool, off in normal builds: {@code ./mvnw -o -pl local test -Dtest=GoldenCorpusWriter
 * -Dgolden.write=true} (with {@code -Dgolden.cases=a,b} for some cases only), then {@code ./mvnw -o -pl local test -Dtest=OrderGoldenTest -Dgolden.update=true}, and review
 * every changed {@code expected-<type>.json} before committing it. A case's {@code skip} file (the back offices it does
 * not apply to) is kept by hand and left alone.
 */
@EnabledIfSystemProperty(named = "golden.write", matches = "true")
class GoldenCorpusWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BigCommerceSandbox store;
    private final Path corpus;

    GoldenCorpusWriter() {
        this.store = BigCommerceSandbox.start(BigCommerceSandbox.Settings.defaults().withStoreHash(GoldenCase.STORE)
                .withQuota(100_000, 30_000));
        this.corpus = OrderGoldenTest.CORPUS;
    }

    @Test
    void writes_the_crafted_cases() throws Exception {
        List<String> only = List.of(System.getProperty("golden.cases", "").split(","));
        try (store) {
            for (Case c : GoldenCases.all(store)) {
                if (only.equals(List.of("")) || only.contains(c.name)) {
                    write(c);
                }
            }
        }
    }

    /** One crafted case: how the order is placed, what happens to it, and the merchant config it runs with. */
    static final class Case {
        final String name;
        final String description;
        boolean checkout;
        Map<String, Object> order;
        String config;
        final List<String> missing = new ArrayList<>();
        final List<String> customers = new ArrayList<>();
        Consumer<StoreSettings> settings = s -> { };
        final List<String> firstEvents = new ArrayList<>(List.of("store/order/created"));
        final List<Step> steps = new ArrayList<>();

        Case(String name, String description) {
            this.name = name;
            this.description = description;
        }

        Case api(Map<String, Object> body) {
            this.order = body;
            return this;
        }

        Case checkout(Map<String, Object> body) {
            this.order = body;
            this.checkout = true;
            return this;
        }

        Case config(String yaml) {
            this.config = yaml;
            return this;
        }

        Case missing(String sku) {
            missing.add(sku);
            return this;
        }

        Case customer(String line) {
            customers.add(line);
            return this;
        }

        Case settings(Consumer<StoreSettings> change) {
            this.settings = change;
            return this;
        }

        /** More events after placing, for the same store state (e.g. a duplicate delivery). */
        Case alsoRaise(String event) {
            firstEvents.add(event);
            return this;
        }

        /** Then: an action on the store ({@code method path body}, the order id put in for {id}), and its events. */
        Case then(String method, String path, Function<JsonNode, Object> body, String... events) {
            steps.add(new Step(method, path, body, List.of(events)));
            return this;
        }
    }

    record Step(String method, String path, Function<JsonNode, Object> body, List<String> events) {}

    private void write(Case c) throws Exception {
        Path folder = corpus.resolve(c.name);
        Files.createDirectories(folder);
        c.settings.accept(store.store());
        JsonNode placed;
        try {
            placed = send("POST", c.checkout ? "/sandbox/checkouts" : "/v2/orders", c.order);
        } finally {
            store.store().taxInclusive(false);
        }
        long id = placed.path("id").asLong();
        List<String> script = new ArrayList<>();
        snapshot(folder.resolve("step-0"), id);
        c.firstEvents.forEach(e -> script.add(e.replace("{step}", "step-0") + (e.contains("{step}") ? "" : " step-0")));
        for (int i = 0; i < c.steps.size(); i++) {
            Step step = c.steps.get(i);
            JsonNode order = send("GET", "/v2/orders/" + id + "?include=consignments.line_items,fees"
                    + "&consignment_structure=object", null);
            String path = step.path().replace("{id}", Long.toString(id));
            Object body = step.body() == null ? null : step.body().apply(order);
            if (body instanceof Map<?, ?> refund && refund.containsKey("payments")) {
                body = paidAsQuoted(path, refund);
            }
            send(step.method(), path, body);
            String stepName = "step-" + (i + 1);
            snapshot(folder.resolve(stepName), id);
            for (String event : step.events()) {
                String[] parts = event.split(" ", 2);
                script.add(parts[0] + " " + stepName + (parts.length > 1 ? " " + parts[1] : ""));
            }
        }
        Files.writeString(folder.resolve("script"), String.join("\n", script) + "\n");
        Files.writeString(folder.resolve("description"), c.description + "\n");
        writeOrDelete(folder.resolve("config.yaml"), c.config);
        writeOrDelete(folder.resolve("missing-items"), c.missing.isEmpty() ? null : String.join("\n", c.missing) + "\n");
        writeOrDelete(folder.resolve("customers"), c.customers.isEmpty() ? null : String.join("\n", c.customers) + "\n");
    }

    /** A refund's payments as a quote for its items says (the first refund method), as a merchant's tool does. */
    private Map<String, Object> paidAsQuoted(String refundsPath, Map<?, ?> refund) throws Exception {
        JsonNode quote = send("POST", refundsPath.replace("/refunds", "/refund_quotes"), map("items", refund.get("items")))
                .path("data");
        JsonNode method = quote.path("refund_methods").get(0).get(0);
        return map("items", refund.get("items"), "payments", List.of(map("provider_id", method.path("provider_id").asText(),
                "amount", method.path("amount").decimalValue(), "offline", false)));
    }

    private void snapshot(Path folder, long id) throws Exception {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("order.json"), JSON.writeValueAsString(send("GET", "/v2/orders/" + id
                + "?include=consignments.line_items,fees&consignment_structure=object", null)));
        JsonNode taxes = send("GET", "/v2/orders/" + id + "/taxes?details=true", null);
        writeOrDelete(folder.resolve("taxes.json"), taxes.isEmpty() ? null : JSON.writeValueAsString(taxes));
        JsonNode transactions = send("GET", "/v3/orders/" + id + "/transactions", null).path("data");
        writeOrDelete(folder.resolve("transactions.json"), transactions.isEmpty() ? null
                : JSON.writeValueAsString(transactions));
        JsonNode refunds = send("GET", "/v3/orders/" + id + "/payment_actions/refunds", null).path("data");
        writeOrDelete(folder.resolve("refunds.json"), refunds.isEmpty() ? null : JSON.writeValueAsString(refunds));
    }

    private static void writeOrDelete(Path file, String content) throws IOException {
        if (content == null) {
            Files.deleteIfExists(file);
        } else {
            Files.writeString(file, content.endsWith("\n") ? content : content + "\n");
        }
    }

    private JsonNode send(String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(store.baseUrl() + "/stores/" + store.storeHash()
                + path)).header("X-Auth-Token", store.adminAccessToken()).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300 && response.statusCode() != 204) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.createArrayNode() : JSON.readTree(response.body());
    }
}
