package com.bcerp.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.bcerp.core.sync.SyncProgress;
import com.bcerp.handlers.worker.CatalogSyncHandler;
import com.bcerp.http.JsonSupport;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A customer price class in Acumatica to a store price list, through the real catalog-sync handler in the local
 * runtime: prices entered in the Acumatica sandbox over its HTTP API (a worksheet, released), the store's records
 * read over the store sandbox's HTTP API. One changed price is one record written; a run over unchanged prices
 * writes nothing. The mapped customer group gets the list once.
 */
class PriceListsIT {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static LocalRuntime runtime;
    static CatalogSyncHandler handler;
    static StoreAdmin admin;
    static String erpToken;
    static long trade;
    static final AtomicInteger groupWrites = new AtomicInteger();
    /** Price-list records the connector sent the store (PUT bodies), and its price-list deletes. */
    static final AtomicInteger recordsSent = new AtomicInteger();
    static final AtomicInteger deletesSent = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("price-lists-it");
        Path config = dir.resolve("connector.yaml");
        Files.writeString(config, """
                catalog:
                  product_sync: false
                price_lists:
                  mappings:
                    - price_class: WHOLESALE
                      store_price_list: Wholesale
                      customer_group: Trade
                """);
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(dir).withConfigFile(config));
        handler = new CatalogSyncHandler(runtime.worker().catalogSync(), runtime.worker().priceListSync(),
                SyncProgress.NONE);
        admin = StoreAdmin.of(runtime);
        trade = admin.post("/v2/customer_groups", Map.of("name", "Trade")).path("id").asLong();
        erpToken = erpToken(runtime.acumatica());
        runtime.bigcommerce().onExchange(e -> {
            if (e.method().equals("PUT") && e.path().contains("/v2/customer_groups/")) {
                groupWrites.incrementAndGet();
            }
            if (!e.path().contains("/v3/pricelists/") || !e.path().endsWith("/records")
                    || !e.requestHeaders().getOrDefault("x-auth-token", "").equals(runtime.bigcommerce().connectorAccessToken())) {
                return;
            }
            if (e.method().equals("PUT")) {
                try {
                    recordsSent.addAndGet(JsonSupport.MAPPER.readTree(e.requestBody()).size());
                } catch (java.io.IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            } else if (e.method().equals("DELETE")) {
                deletesSent.incrementAndGet();
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        erp("POST", runtime.acumatica().baseUrl() + "/entity/auth/logout", null);
        runtime.close();
    }

    @Test
    void a_price_class_becomes_a_store_price_list_and_only_a_changed_price_is_written_again() throws Exception {
        enterPrices(Map.of("SKU-0100", "8.50", "SKU-0101", "12.00", "SKU-0102", "3.75", "TEE-200-RED-S", "14.20"));

        Map<String, Object> first = run();
        assertThat(first.get("price_records_written")).isEqualTo(4L);
        assertThat(storeRecords()).containsExactlyInAnyOrderEntriesOf(Map.of("SKU-0100/usd", "8.5",
                "SKU-0101/usd", "12", "SKU-0102/usd", "3.75", "TEE-200-RED-S/usd", "14.2"));
        assertThat(recordsSent).hasValue(4);
        assertThat(first.get("price_groups_assigned")).isEqualTo(1L);
        assertThat(admin.get("/v2/customer_groups/" + trade).path("discount_rules")).singleElement()
                .satisfies(rule -> {
                    assertThat(rule.path("type").asText()).isEqualTo("price_list");
                    assertThat(rule.path("price_list_id").asLong()).isEqualTo(
                            admin.get("/v3/pricelists?name=Wholesale").at("/data/0/id").asLong());
                });

        enterPrices(Map.of("SKU-0102", "3.95"));
        recordsSent.set(0);
        Map<String, Object> second = run();
        assertThat(recordsSent).as("records sent to the store").hasValue(1);
        assertThat(second.get("price_records_written")).isEqualTo(1L);
        assertThat(second.get("price_records_unchanged")).isEqualTo(3L);
        assertThat(storeRecords()).containsExactlyInAnyOrderEntriesOf(Map.of("SKU-0100/usd", "8.5",
                "SKU-0101/usd", "12", "SKU-0102/usd", "3.95", "TEE-200-RED-S/usd", "14.2"));

        recordsSent.set(0);
        Map<String, Object> third = run();
        assertThat(recordsSent).hasValue(0);
        assertThat(deletesSent).hasValue(0);
        assertThat(groupWrites).as("customer group writes").hasValue(1);
        assertThat(third.get("price_records_written")).isEqualTo(0L);
        assertThat(third.get("price_records_deleted")).isEqualTo(0L);
        assertThat(storeRecords()).hasSize(4);
    }

    static Map<String, Object> run() {
        ScheduledEvent event = new ScheduledEvent();
        event.setDetail(Map.of());
        return handler.handleRequest(event, new LocalLambdaContext("catalog-sync", Duration.ofMinutes(15)));
    }

    /** The store's Wholesale list as an outside client reads it: "SKU/currency" to price (plain, no trailing zeros). */
    static Map<String, String> storeRecords() {
        JsonNode lists = admin.get("/v3/pricelists?name=Wholesale").path("data");
        assertThat(lists).hasSize(1);
        long id = lists.get(0).path("id").asLong();
        Map<String, String> out = new TreeMap<>();
        for (JsonNode r : admin.get("/v3/pricelists/" + id + "/records?include=sku&limit=250").path("data")) {
            out.put(r.path("sku").asText() + "/" + r.path("currency").asText(), r.path("price").decimalValue().stripTrailingZeros().toPlainString());
        }
        return out;
    }

    /** What the price manager does in Acumatica: a worksheet of WHOLESALE prices in USD, taken off hold, released. */
    static void enterPrices(Map<String, String> prices) throws Exception {
        ObjectNode sheet = JsonSupport.MAPPER.createObjectNode();
        sheet.putObject("Hold").put("value", false);
        ArrayNode lines = sheet.putArray("SalesPrices");
        prices.forEach((item, price) -> {
            ObjectNode line = lines.addObject();
            line.putObject("PriceType").put("value", "Customer Price Class");
            line.putObject("PriceCode").put("value", "WHOLESALE");
            line.putObject("InventoryID").put("value", item);
            line.putObject("CurrencyID").put("value", "USD");
            line.putObject("PendingPrice").put("value", new BigDecimal(price));
        });
        String endpoint = runtime.acumatica().endpointUrl();
        HttpResponse<String> put = erp("PUT", endpoint + "/SalesPriceWorksheet", sheet);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        String nbr = JsonSupport.MAPPER.readTree(put.body()).path("ReferenceNbr").path("value").asText();
        ObjectNode release = JsonSupport.MAPPER.createObjectNode();
        release.putObject("entity").putObject("ReferenceNbr").put("value", nbr);
        HttpResponse<String> released = erp("POST", endpoint + "/SalesPriceWorksheet/ReleaseSalesPriceWorksheet", release);
        assertThat(released.statusCode()).as(released.body()).isEqualTo(204);
    }

    static HttpResponse<String> erp(String method, String url, JsonNode body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + erpToken)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String erpToken(AcumaticaSandbox sandbox) throws Exception {
        AcumaticaSandbox.Settings s = sandbox.settings();
        String form = "grant_type=password&scope=api&username=" + enc(s.username()) + "&password=" + enc(s.password())
                + "&client_id=" + enc(s.clientId()) + "&client_secret=" + enc(s.clientSecret());
        return JsonSupport.MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                + "/identity/connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).body())
                .get("access_token").asText();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
