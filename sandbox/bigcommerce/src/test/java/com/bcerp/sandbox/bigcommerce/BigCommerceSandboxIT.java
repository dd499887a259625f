package com.bcerp.sandbox.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox store over real HTTP: its arithmetic, queries, hook rules and gateway answers. */
class BigCommerceSandboxIT {

    static BigCommerceSandbox sandbox;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sandbox = BigCommerceSandbox.start(BigCommerceSandbox.Settings.defaults().withStoreHash("itstore1"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void aDiscountIsSpreadOverTheLinesToTheCentAndTheTotalsAddUp() throws Exception {
        List<SandboxCatalog.Item> items = sandbox.catalog().simpleItems();
        JsonNode order = created(Map.of(
                "billing_address", address(),
                "shipping_addresses", List.of(address()),
                "products", List.of(Map.of("product_id", items.get(0).productId(), "quantity", 3),
                        Map.of("product_id", items.get(1).productId(), "quantity", 1),
                        Map.of("product_id", items.get(2).productId(), "quantity", 7)),
                "discount_amount", "10.01",
                "shipping_cost_ex_tax", "4.99"));

        JsonNode lines = order.path("consignments").path("shipping").get(0).path("line_items");
        BigDecimal discounts = BigDecimal.ZERO;
        BigDecimal subtotal = BigDecimal.ZERO;
        BigDecimal lineTax = BigDecimal.ZERO;
        for (JsonNode line : lines) {
            BigDecimal share = new BigDecimal(line.path("applied_discounts").get(0).path("amount").asText());
            assertThat(share.scale() <= 4 && share.stripTrailingZeros().scale() <= 2).isTrue();
            discounts = discounts.add(share);
            BigDecimal totalEx = new BigDecimal(line.path("total_ex_tax").asText());
            subtotal = subtotal.add(totalEx);
            BigDecimal discounted = new BigDecimal(line.path("discounted_total_inc_tax").asText());
            lineTax = lineTax.add(discounted.subtract(totalEx).add(share));
            assertThat(new BigDecimal(line.path("price_tax").asText()))
                    .isEqualByComparingTo(new BigDecimal(line.path("price_ex_tax").asText()).multiply(new BigDecimal("0.10")));
        }
        assertThat(discounts).isEqualByComparingTo("10.01");
        assertThat(amount(order, "subtotal_ex_tax")).isEqualByComparingTo(subtotal);
        assertThat(amount(order, "total_ex_tax")).isEqualByComparingTo(subtotal.add(new BigDecimal("4.99"))
                .subtract(new BigDecimal("10.01")));
        assertThat(amount(order, "shipping_cost_tax")).isEqualByComparingTo("0.50");
        assertThat(amount(order, "total_tax")).isEqualByComparingTo(lineTax.add(new BigDecimal("0.50")));
        assertThat(amount(order, "total_inc_tax"))
                .isEqualByComparingTo(amount(order, "total_ex_tax").add(amount(order, "total_tax")));
        assertThat(order.path("total_inc_tax").asText()).matches("\\d+\\.\\d{4}");
    }

    @Test
    void aVariantIsChosenByItsOptionsAndAnOptionProductNeedsThem() throws Exception {
        SandboxCatalog.Item variant = sandbox.catalog().variantItems().get(5);
        JsonNode order = created(Map.of("billing_address", address(), "shipping_addresses", List.of(address()),
                "products", List.of(Map.of("product_id", variant.productId(), "quantity", 1, "product_options",
                        variant.options().stream().map(o -> Map.of("id", o.optionId(), "value",
                                Long.toString(o.valueId()))).toList()))));
        JsonNode line = order.path("consignments").path("shipping").get(0).path("line_items").get(0);
        assertThat(line.path("sku").asText()).isEqualTo(variant.sku());
        assertThat(line.path("variant_id").asLong()).isEqualTo(variant.variantId());
        assertThat(line.path("product_options")).hasSize(2);

        HttpResponse<String> missing = send("POST", "/v2/orders", Json.write(Map.of("billing_address", address(),
                "products", List.of(Map.of("product_id", variant.productId(), "quantity", 1)))), admin());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("product_options");
        assertThat(send("POST", "/v2/orders", Json.write(Map.of("products", List.of(Map.of("product_id",
                variant.productId(), "quantity", 1)))), admin()).body()).contains("billing_address");
    }

    @Test
    void listsFilterSortAndPageAndAnEmptyPageIs204() throws Exception {
        long first = created(simpleOrder()).path("id").asLong();
        long second = created(simpleOrder()).path("id").asLong();
        JsonNode updated = json(send("PUT", "/v2/orders/" + first, "{\"status_id\":13}", admin()).body());
        JsonNode again = json(send("PUT", "/v2/orders/" + first, "{\"status_id\":14}", admin()).body());
        assertThat(date(again)).isAfter(date(updated)); // date_modified moves on with every change

        JsonNode disputed = json(get("/v2/orders?status_id=14&sort=id:desc").body());
        assertThat(disputed).extracting(n -> n.path("id").asLong()).containsExactly(first);
        String since = URLEncoder.encode(again.path("date_modified").asText(), StandardCharsets.UTF_8);
        JsonNode modifiedSince = json(get("/v2/orders?min_date_modified=" + since + "&sort=date_modified:asc").body());
        assertThat(modifiedSince).extracting(n -> n.path("id").asLong()).contains(first).doesNotContain(second);
        JsonNode page = json(get("/v2/orders?min_id=" + first + "&limit=1&page=2").body());
        assertThat(page).extracting(n -> n.path("id").asLong()).containsExactly(second);
        assertThat(get("/v2/orders?min_id=" + first + "&limit=1&page=3").statusCode()).isEqualTo(204);
        assertThat(get("/v2/orders?min_date_modified=yesterday").statusCode()).isEqualTo(400);
        assertThat(get("/v2/orders/999999").statusCode()).isEqualTo(404);
        assertThat(get("/v2/orders/" + first + "/coupons").statusCode()).isEqualTo(204);
        assertThat(json(get("/v2/orders/" + first + "/products?limit=1").body())).hasSize(1);
        assertThat(get("/v3/orders/" + first + "/transactions").statusCode()).isEqualTo(204);
    }

    @Test
    void eachAppSeesOnlyItsOwnHooksAndDuplicatesAre422() throws Exception {
        String hook = "{\"scope\":\"store/order/*\",\"destination\":\"https://example.com/hooks\",\"is_active\":true}";
        assertThat(send("POST", "/v3/hooks", hook, admin()).statusCode()).isEqualTo(200);
        HttpResponse<String> duplicate = send("POST", "/v3/hooks", hook, admin());
        assertThat(duplicate.statusCode()).isEqualTo(422);
        assertThat(json(duplicate.body()).path("errors").has("destination")).isTrue();
        assertThat(send("POST", "/v3/hooks", "{\"scope\":\"store/order/*\"}", admin()).statusCode()).isEqualTo(422);

        assertThat(json(get("/v3/hooks").body()).path("data")).isEmpty(); // the connector's token
        JsonNode mine = json(send("GET", "/v3/hooks", null, admin()).body()).path("data");
        assertThat(mine).hasSize(1);
        long id = mine.get(0).path("id").asLong();
        assertThat(get("/v3/hooks/" + id).statusCode()).isEqualTo(404);
        assertThat(json(send("PUT", "/v3/hooks/" + id, "{\"is_active\":false}", admin()).body())
                .path("data").path("is_active").asBoolean()).isFalse();
        assertThat(send("DELETE", "/v3/hooks/" + id, null, admin()).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/v3/hooks/" + id, null, admin()).statusCode()).isEqualTo(404);
    }

    @Test
    void theGatewayRefusesUnknownTokensAndStoresAndCountsCallsPerAccount() throws Exception {
        assertThat(send("GET", "/v2/orders", null, "nope").statusCode()).isEqualTo(401);
        HttpResponse<String> otherStore = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                + "/stores/otherstore/v2/orders")).header("X-Auth-Token", admin()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(otherStore.statusCode()).isEqualTo(404);

        long before = sandbox.calls().byEndpoint(sandbox.connectorAccessToken())
                .getOrDefault("GET /v2/orders/{order_id}", 0L);
        get("/v2/orders/424242");
        get("/v2/orders/424243");
        assertThat(sandbox.calls().byEndpoint(sandbox.connectorAccessToken()))
                .containsEntry("GET /v2/orders/{order_id}", before + 2);
    }

    private static Map<String, Object> simpleOrder() {
        return Map.of("billing_address", address(), "products",
                List.of(Map.of("product_id", sandbox.catalog().simpleItems().get(3).productId(), "quantity", 2)));
    }

    private static Map<String, Object> address() {
        return Map.of("first_name", "Ada", "last_name", "Lovelace", "street_1", "1 Main St", "city", "Austin",
                "zip", "78701", "country_iso2", "US", "email", "ada@example.com");
    }

    private static JsonNode created(Map<String, Object> order) throws Exception {
        HttpResponse<String> response = send("POST", "/v2/orders?include=consignments.line_items"
                + "&consignment_structure=object", Json.write(order), admin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response.body());
    }

    private static BigDecimal amount(JsonNode order, String field) {
        return new BigDecimal(order.path(field).asText());
    }

    private static ZonedDateTime date(JsonNode order) {
        return ZonedDateTime.parse(order.path("date_modified").asText(), DateTimeFormatter.RFC_1123_DATE_TIME);
    }

    private static String admin() {
        return sandbox.adminAccessToken();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null, sandbox.connectorAccessToken());
    }

    private static HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/stores/"
                + sandbox.storeHash() + path)).header("X-Auth-Token", token).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String body) throws Exception {
        return Json.MAPPER.readTree(body);
    }
}
