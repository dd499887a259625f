package com.bcerp.local.golden;

import com.bcerp.acumatica.AcumaticaConnection;
import com.bcerp.acumatica.AcumaticaType;
import com.bcerp.core.port.BackOffice;
import com.bcerp.acumatica.AcumaticaSettings;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.bigcommerce.BigCommerceStorefront;
import com.bcerp.config.ConfigLoader;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.model.StoreEvent;
import com.bcerp.core.order.OrderFlows;
import com.bcerp.core.port.SecretSource;
import com.bcerp.core.sync.ParkedRecord;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.bcerp.sandbox.calls.CallLog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One case of the golden corpus, run through the real adapters: a small HTTP server plays the store, answering
 * with the case's JSON (the order as {@code GET /v2/orders/{id}?include=consignments.line_items,fees} returns it, and
 * its taxes, transactions and refunds), the connector's order flows handle the case's events, and a fresh Acumatica
 * sandbox receives what the Acumatica adapter sends. The result is every request document the adapter wrote
 * (PUTs and action POSTs, in order), the records it parked, and the documents and payments Acumatica then holds.
 *
 * <p>A case folder holds {@code script} (one event per line: {@code <scope> <step folder> [new status id]}; the step
 * folder is what the store answers from then on), one folder per step ({@code order.json}, and where the order has
 * them {@code taxes.json}, {@code transactions.json}, {@code refunds.json}), optionally {@code config.yaml} (the
 * merchant config, defaults otherwise), {@code missing-items} (SKUs the back office does not carry; every other
 * SKU of the case is added to the sandbox as the merchant's catalogue would have it), {@code customers} (customers
 * the back office already has, one per line: {@code id|name|email|account ref}, empty fields left out), a one-line
 * {@code description}, and {@code expected.json}.
 */
final class GoldenCase {

    static final String STORE = "golden";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern ORDER_PATH = Pattern.compile("/stores/" + STORE + "/v([23])/orders/(\\d+)(.*)");

    /** What the case produced. */
    record Result(JsonNode documents, List<ParkedRecord> parked, JsonNode finalOrder, JsonNode finalRefunds) {}

    private final Path folder;

    GoldenCase(Path folder) {
        this.folder = folder;
    }

    String name() {
        return folder.getFileName().toString();
    }

    Path expectedFile() {
        return folder.resolve("expected.json");
    }

    Result run() throws Exception {
        List<String[]> script = Files.readAllLines(folder.resolve("script")).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.split("\\s+")).toList();
        ConnectorConfig config = Files.exists(folder.resolve("config.yaml"))
                ? ConfigLoader.load(folder.resolve("config.yaml")) : ConnectorConfig.defaults();
        Set<String> missing = Files.exists(folder.resolve("missing-items"))
                ? new LinkedHashSet<>(Files.readAllLines(folder.resolve("missing-items")).stream().map(String::trim)
                        .filter(s -> !s.isEmpty()).toList()) : Set.of();
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
        StubStore store = new StubStore();
        AcumaticaSandbox erp = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults());
        try {
            skus(script).stream().filter(sku -> !missing.contains(sku)).forEach(sku -> erp.addItem(sku, BigDecimal.ZERO));
            if (Files.exists(folder.resolve("customers"))) {
                for (String line : Files.readAllLines(folder.resolve("customers"))) {
                    String[] f = (line + "|||").split("\\|", -1);
                    if (!f[0].isBlank()) {
                        erp.addCustomer(f[0], f[1], f[2].isBlank() ? null : f[2], f[3].isBlank() ? null : f[3]);
                    }
                }
            }
            AcumaticaSettings settings = AcumaticaSettings.defaults(URI.create(erp.baseUrl()), "golden/acumatica")
                    .withRequestTimeout(Duration.ofSeconds(10));
            BackOffice backOffice = AcumaticaType.backOffice("acumatica", AcumaticaConnection.create(settings,
                    secrets(erp)), 1, "USD", null, false);
            BigCommerceStorefront storefront = BigCommerceStorefront.create(new BigCommerceSettings(
                    URI.create(store.baseUrl()), STORE, "golden-token"));
            InMemorySyncState state = new InMemorySyncState(clock);
            OrderFlows flows = OrderFlows.wire(storefront, backOffice, state, state, config, clock, Duration.ofMinutes(5));
            for (String[] line : script) {
                store.serve(folder.resolve(line[1]));
                flows.events().handle(event(line, store.orderId(), clock));
            }
            ObjectNode out = JSON.createObjectNode();
            ArrayNode requests = out.putArray("requests");
            for (CallLog.Exchange e : erp.calls().exchanges()) {
                if (!e.method().equals("GET")) {
                    ObjectNode r = requests.addObject();
                    r.put("request", e.method() + " " + e.path().replaceFirst(".*/24\\.200\\.001/", "/"));
                    r.put("status", e.status());
                    r.set("body", normalise(JSON.readTree(e.requestBody())));
                }
            }
            ArrayNode parked = out.putArray("parked");
            state.parked().forEach(p -> parked.addObject().put("record", p.recordKey()).put("reason", p.reason()));
            ArrayNode orders = out.putArray("back_office_orders");
            for (JsonNode so : erp.salesOrders()) {
                orders.addObject().put("order", so.at("/OrderType/value").asText() + "/" + so.at("/OrderNbr/value").asText())
                        .put("external_ref", so.at("/ExternalRef/value").asText())
                        .put("status", so.at("/Status/value").asText())
                        .put("total", so.at("/OrderTotal/value").decimalValue().toPlainString())
                        .put("tax_total", so.at("/TaxTotal/value").decimalValue().toPlainString());
            }
            ArrayNode payments = out.putArray("back_office_payments");
            for (JsonNode p : erp.payments()) {
                payments.addObject().put("payment", p.at("/Type/value").asText() + "/" + p.at("/ReferenceNbr/value").asText())
                        .put("external_ref", p.at("/ExternalRef/value").asText())
                        .put("status", p.at("/Status/value").asText())
                        .put("amount", p.at("/PaymentAmount/value").decimalValue().toPlainString());
            }
            return new Result(out, state.parked(), store.current("order.json"), store.current("refunds.json"));
        } finally {
            // the JDK's HttpServer takes up to a second to stop; nothing waits for these two
            Thread.ofVirtual().start(() -> {
                store.close();
                erp.close();
            });
        }
    }

    /** The event a script line stands for, as the receiver would have queued it. */
    private static StoreEvent event(String[] line, long orderId, Clock clock) {
        String scope = line[0];
        Map<String, Object> data = new LinkedHashMap<>();
        String type = "order";
        String id = Long.toString(orderId);
        if (scope.startsWith("store/order/transaction/")) {
            type = StoreEvent.TRANSACTION;
            data.put("order_id", id);
            data.put("transaction_id", "0");
            id = "0";
        } else {
            data.put("type", "order");
            data.put("id", orderId);
        }
        if (scope.equals("store/order/statusUpdated")) {
            data.put("status", Map.of("previous_status_id", 11, "new_status_id", Integer.parseInt(line[2])));
        }
        return new StoreEvent(STORE, scope, type, id, clock.instant().getEpochSecond(), "golden-" + line[1], data);
    }

    /** Every SKU the case's orders sell from the catalogue. */
    private Set<String> skus(List<String[]> script) throws IOException {
        Set<String> skus = new LinkedHashSet<>();
        for (String[] line : script) {
            JsonNode order = JSON.readTree(folder.resolve(line[1]).resolve("order.json").toFile());
            order.findValues("line_items").forEach(items -> items.forEach(item -> {
                if (item.path("product_id").asLong(0) != 0 && !item.path("sku").asText("").isBlank()) {
                    skus.add(item.path("sku").asText());
                }
            }));
        }
        return skus;
    }

    /** GUIDs the sandbox made up (row ids) are not part of what the adapter decided. */
    private static JsonNode normalise(JsonNode node) {
        if (node.isTextual() && GUID.matcher(node.asText()).matches()) {
            return TextNode.valueOf("<guid>");
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), normalise(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(n -> copy.add(normalise(n)));
            return copy;
        }
        return node;
    }

    private static SecretSource secrets(AcumaticaSandbox erp) {
        Map<String, Map<String, String>> secrets = new HashMap<>();
        secrets.put("golden/acumatica", Map.of("username", erp.settings().username(), "password",
                erp.settings().password(), "client_id", erp.settings().clientId(), "client_secret",
                erp.settings().clientSecret()));
        return new SecretSource() {
            @Override
            public Map<String, String> get(String name) {
                return secrets.get(name);
            }

            @Override
            public void put(String name, Map<String, String> value) {
                secrets.put(name, Map.copyOf(value));
            }
        };
    }

    static Stream<Path> all(Path corpus) throws IOException {
        try (Stream<Path> dirs = Files.list(corpus)) {
            return dirs.filter(d -> Files.exists(d.resolve("script"))).sorted().toList().stream();
        }
    }

    static ObjectMapper json() {
        return JSON;
    }

    /** Answers the store API from one step folder of the case. */
    private static final class StubStore implements AutoCloseable {
        private final HttpServer server;
        private volatile Path step;

        StubStore() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::answer);
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void serve(Path folder) {
            step = folder;
        }

        long orderId() {
            return current("order.json").path("id").asLong();
        }

        JsonNode current(String file) {
            try {
                Path path = step.resolve(file);
                return Files.exists(path) ? JSON.readTree(path.toFile()) : JSON.createArrayNode();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void answer(HttpExchange exchange) throws IOException {
            try (exchange) {
                Matcher m = ORDER_PATH.matcher(exchange.getRequestURI().getPath());
                String body = null;
                int status = 404;
                if (m.matches() && Long.parseLong(m.group(2)) == orderId()) {
                    String rest = m.group(3);
                    String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
                    if (m.group(1).equals("2") && rest.isEmpty()) {
                        status = 200;
                        body = current("order.json").toString();
                    } else if (rest.equals("/taxes")) {
                        JsonNode taxes = current("taxes.json");
                        status = taxes.isEmpty() || !query.contains("page=1") ? 204 : 200;
                        body = status == 200 ? taxes.toString() : null;
                    } else if (rest.equals("/transactions") || rest.equals("/payment_actions/refunds")) {
                        JsonNode list = current(rest.equals("/transactions") ? "transactions.json" : "refunds.json");
                        status = list.isEmpty() && rest.equals("/transactions") ? 204 : 200;
                        body = status == 200 ? "{\"data\":" + list + ",\"meta\":{}}" : null;
                    }
                }
                byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                // as BigCommerce answers every call: without them the client paces itself as for an unknown quota
                exchange.getResponseHeaders().set("X-Rate-Limit-Time-Window-Ms", "30000");
                exchange.getResponseHeaders().set("X-Rate-Limit-Time-Reset-Ms", "15000");
                exchange.getResponseHeaders().set("X-Rate-Limit-Requests-Quota", "10000");
                exchange.getResponseHeaders().set("X-Rate-Limit-Requests-Left", "9999");
                exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    exchange.getResponseBody().write(bytes);
                }
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
