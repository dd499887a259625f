package com.bcerp.local.golden;

import com.bcerp.aws.Environment;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.bigcommerce.BigCommerceStorefront;
import com.bcerp.config.ConfigLoader;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.model.StoreEvent;
import com.bcerp.core.order.OrderFlows;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.RequestBudget;
import com.bcerp.core.port.SecretSource;
import com.bcerp.core.sync.ParkedRecord;
import com.bcerp.handlers.worker.BackOfficeRegistry;
import com.bcerp.local.runtime.LocalBackOffice;
import com.bcerp.local.runtime.LocalRuntime;
import com.bcerp.sandbox.SandboxCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One case of the golden corpus, run through the real adapters on one back office: a small HTTP server plays the
 * store, answering with the case's JSON (the order as {@code GET /v2/orders/{id}?include=consignments.line_items,fees}
 * returns it, and its taxes, transactions and refunds), the connector's order flows handle the case's events, and a
 * fresh sandbox of the back office (the local runtime's, with its merchant set-up), reached through the adapter the
 * registry builds from the local runtime's variables, receives what the adapter sends. The result is what
 * {@link BackOfficeView} reads back from the sandbox's own records, and the records parked.
 *
 * <p>A case folder holds {@code script} (one event per line: {@code <scope> <step folder> [new status id]}; the step
 * folder is what the store answers from then on), one folder per step ({@code order.json}, and where the order has
 * them {@code taxes.json}, {@code transactions.json}, {@code refunds.json}), optionally {@code config.yaml} (the
 * merchant config, defaults otherwise), {@code missing-items} (SKUs the back office does not carry; every other
 * SKU of the case is added to the sandbox as the merchant's catalogue would have it), {@code customers} (customers
 * the back office already has, one per line: {@code id|name|email|account ref}, empty fields left out),
 * {@code skip} (back office types the case does not apply to, one per line: {@code <type>: <reason>}), a one-line
 * {@code description}, and one {@code expected-<type>.json} per back office type it applies to.
 */
final class GoldenCase {

    static final String STORE = "golden";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The local runtime's timeouts and token lifetimes. */
    private static final LocalRuntime.Timing TIMING = LocalRuntime.Timing.defaults();
    private static final Pattern ORDER_PATH = Pattern.compile("/stores/" + STORE + "/v([23])/orders/(\\d+)(.*)");

    /** What the case produced on one back office: its view (the expectation) and its documents' amounts. */
    record Result(JsonNode documents, List<ParkedRecord> parked, List<BackOfficeView.Entry> ledger, JsonNode finalOrder,
            JsonNode finalRefunds) {}

    private final Path folder;

    GoldenCase(Path folder) {
        this.folder = folder;
    }

    String name() {
        return folder.getFileName().toString();
    }

    /** The expectation for one back office type, e.g. {@code expected-uniconta.json}. */
    Path expectedFile(String type) {
        return folder.resolve("expected-" + type + ".json");
    }

    /**
     * Why the case does not apply to a back office type, where its {@code skip} file says so (one line each:
     * {@code <type>: <reason>}, e.g. a feature the back office lacks).
     */
    Optional<String> skipped(String type) throws IOException {
        Path skip = folder.resolve("skip");
        if (!Files.exists(skip)) {
            return Optional.empty();
        }
        return Files.readAllLines(skip).stream().map(String::trim).filter(l -> l.startsWith(type + ":"))
                .map(l -> l.substring(type.length() + 1).trim()).findFirst();
    }

    Result run(String type) throws Exception {
        List<String[]> script = Files.readAllLines(folder.resolve("script")).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.split("\\s+")).toList();
        ConnectorConfig config = Files.exists(folder.resolve("config.yaml"))
                ? ConfigLoader.load(folder.resolve("config.yaml")) : ConnectorConfig.defaults();
        Set<String> missing = Files.exists(folder.resolve("missing-items"))
                ? new LinkedHashSet<>(Files.readAllLines(folder.resolve("missing-items")).stream().map(String::trim)
                        .filter(s -> !s.isEmpty()).toList()) : Set.of();
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
        StubStore store = new StubStore();
        LocalBackOffice local = LocalBackOffice.start(type, TIMING);
        try {
            BackOfficeView view = BackOfficeView.of(local);
            Set<String> carried = new LinkedHashSet<>();
            view.catalog().items().stream().filter(SandboxCatalog.Item::inBackOffice).forEach(i -> carried.add(i.sku()));
            skus(script).forEach((sku, name) -> {
                if (!missing.contains(sku) && !carried.contains(sku)) {
                    view.addItem(sku, name);
                }
            });
            if (Files.exists(folder.resolve("customers"))) {
                for (String line : Files.readAllLines(folder.resolve("customers"))) {
                    String[] f = (line + "|||").split("\\|", -1);
                    if (!f[0].isBlank()) {
                        view.addCustomer(f[0], f[1], f[2].isBlank() ? null : f[2], f[3].isBlank() ? null : f[3]);
                    }
                }
            }
            BackOffice backOffice = backOffice(local, config);
            BigCommerceStorefront storefront = BigCommerceStorefront.create(new BigCommerceSettings(
                    URI.create(store.baseUrl()), STORE, "golden-token"));
            InMemorySyncState state = new InMemorySyncState(clock);
            OrderFlows flows = OrderFlows.wire(storefront, backOffice, state, state, config, clock, Duration.ofMinutes(5));
            for (String[] line : script) {
                store.serve(folder.resolve(line[1]));
                flows.events().handle(event(line, store.orderId(), clock));
            }
            ObjectNode out = view.documents();
            ArrayNode parked = JSON.createArrayNode();
            state.parked().forEach(p -> parked.addObject().put("record", p.recordKey()).put("reason", p.reason()));
            // the parked records first, as a merchant's screen of what needs a hand
            ObjectNode shown = JSON.createObjectNode();
            if (out.has("requests")) {
                shown.set("requests", out.remove("requests"));
            }
            shown.set("parked", parked);
            shown.setAll(out);
            return new Result(shown, state.parked(), view.ledger(), store.current("order.json"),
                    store.current("refunds.json"));
        } finally {
            // the JDK's HttpServer takes up to a second to stop; nothing waits for these two
            Thread.ofVirtual().start(() -> {
                store.close();
                local.close();
            });
        }
    }

    /**
     * The back office as a deployment builds it: the local runtime's variables and secret for its sandbox, through
     * the registry the worker uses.
     */
    private static BackOffice backOffice(LocalBackOffice local, ConnectorConfig config) {
        String name = local.type();
        Map<String, String> env = new HashMap<>(local.environment(name, TIMING));
        Map<String, Map<String, String>> secrets = new HashMap<>();
        secrets.put(new BackOfficeRegistry.Variables(name, new Environment(env)).secretName(), local.secret());
        SecretSource source = new SecretSource() {
            @Override
            public Map<String, String> get(String secret) {
                return secrets.get(secret);
            }

            @Override
            public void put(String secret, Map<String, String> value) {
                secrets.put(secret, Map.copyOf(value));
            }
        };
        // one test process: no quota shared with anyone
        return BackOfficeRegistry.standard().create(name, name, new Environment(env),
                new BackOfficeRegistry.Shared(source, RequestBudget.UNSHARED, config, Clock.systemUTC()));
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

    /** Every SKU the case's orders sell from the catalogue, with its name. */
    private Map<String, String> skus(List<String[]> script) throws IOException {
        Map<String, String> skus = new LinkedHashMap<>();
        for (String[] line : script) {
            JsonNode order = JSON.readTree(folder.resolve(line[1]).resolve("order.json").toFile());
            order.findValues("line_items").forEach(items -> items.forEach(item -> {
                if (item.path("product_id").asLong(0) != 0 && !item.path("sku").asText("").isBlank()) {
                    skus.putIfAbsent(item.path("sku").asText(), item.path("name").asText());
                }
            }));
        }
        return skus;
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
