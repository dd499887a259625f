package com.bcerp.sandbox.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store sandbox's catalogue and inventory as any client sees them over HTTP: the documented rules and refusals. */
class CatalogAndInventorySandboxIT {

    static BigCommerceSandbox sandbox;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sandbox = BigCommerceSandbox.start(BigCommerceSandbox.Settings.defaults().withStoreHash("itstore2")
                .withQuota(10_000, 30_000));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    record Answer(int status, JsonNode json, String contentType) {}

    static Answer send(String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/stores/"
                + sandbox.storeHash() + path)).header("X-Auth-Token", sandbox.connectorAccessToken())
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().isEmpty() ? null : Json.MAPPER.readTree(r.body()),
                r.headers().firstValue("Content-Type").orElse(""));
    }

    static Map<String, Object> item(long location, String key, Object id, int quantity) {
        return Map.of("location_id", location, key, id, "quantity", quantity);
    }

    @Test
    void a_relative_adjustment_needs_an_absolute_one_first_and_never_goes_below_zero() throws Exception {
        SandboxCatalog.Item mug = sandbox.catalog().simpleItems().get(2);
        Answer first = send("POST", "/v3/inventory/adjustments/relative",
                Map.of("items", List.of(item(1, "product_id", mug.productId(), 3))));
        assertThat(first.status()).isEqualTo(422);
        assertThat(first.contentType()).isEqualTo("application/problem+json");
        assertThat(first.json().path("title").asText()).isEqualTo("Items with identity: [product_id " + mug.productId()
                + "] requires absolute adjustment before relative");

        assertThat(send("PUT", "/v3/inventory/adjustments/absolute",
                Map.of("items", List.of(item(1, "product_id", mug.productId(), 10)))).status()).isEqualTo(200);
        assertThat(send("POST", "/v3/inventory/adjustments/relative",
                Map.of("items", List.of(item(1, "product_id", mug.productId(), -4)))).status()).isEqualTo(200);
        assertThat(sandbox.inventory().quantity(mug.sku(), 1)).contains(6);
        assertThat(send("POST", "/v3/inventory/adjustments/relative",
                Map.of("items", List.of(item(1, "product_id", mug.productId(), -7)))).status()).isEqualTo(422);
        assertThat(sandbox.inventory().quantity(mug.sku(), 1)).contains(6);
    }

    @Test
    void an_adjustment_is_all_or_nothing_and_at_most_2000_items() throws Exception {
        SandboxCatalog.Item a = sandbox.catalog().simpleItems().get(5);
        SandboxCatalog.Item tee = sandbox.catalog().variantItems().get(3);
        Answer mixed = send("PUT", "/v3/inventory/adjustments/absolute", Map.of("items", List.of(
                item(1, "product_id", a.productId(), 8), item(1, "sku", tee.sku(), 2), item(1, "product_id", tee.productId(), 1))));
        assertThat(mixed.status()).isEqualTo(422);
        assertThat(mixed.json().path("title").asText()).contains("is tracked by variant");
        assertThat(sandbox.inventory().quantity(a.sku(), 1)).isEmpty();

        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 2001; i++) {
            many.add(item(1, "product_id", a.productId(), i));
        }
        assertThat(send("PUT", "/v3/inventory/adjustments/absolute", Map.of("items", many)).status()).isEqualTo(422);
        assertThat(send("PUT", "/v3/inventory/adjustments/absolute", Map.of("items", many.subList(0, 2000))).status())
                .isEqualTo(200);
        assertThat(send("PUT", "/v3/inventory/adjustments/absolute", Map.of("items", List.of(
                item(42, "product_id", a.productId(), 1)))).json().path("title").asText()).contains("Location with id 42");
    }

    @Test
    void batches_stay_within_10_products_and_50_variants_and_names_and_skus_are_unique() throws Exception {
        List<Map<String, Object>> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(Map.of("id", 100 + i, "price", 5));
        }
        assertThat(send("PUT", "/v3/catalog/products", eleven).status()).isEqualTo(413);
        List<Map<String, Object>> variants = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            variants.add(Map.of("id", 1000 + i, "price", 5));
        }
        assertThat(send("PUT", "/v3/catalog/variants", variants).status()).isEqualTo(413);

        String takenName = sandbox.catalog().simpleItems().get(0).name();
        Answer duplicate = send("POST", "/v3/catalog/products", Map.of("name", takenName, "type", "physical",
                "weight", 1, "price", 5, "sku", "NEW-1"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(send("POST", "/v3/catalog/products", Map.of("name", "Brand new", "type", "physical", "weight", 1,
                "price", 5, "sku", sandbox.catalog().simpleItems().get(0).sku().toLowerCase())).status())
                .as("SKUs are unique whatever their case").isEqualTo(409);
    }

    @Test
    void a_variant_batch_with_one_bad_item_creates_none_and_options_make_the_variants() throws Exception {
        JsonNode product = send("POST", "/v3/catalog/products", Map.of("name", "Rain Jacket", "type", "physical",
                "weight", 1, "price", 80, "sku", "JACKET", "inventory_tracking", "variant")).json().path("data");
        long id = product.path("id").asLong();
        assertThat(product.path("base_variant_id").asLong()).isPositive();
        JsonNode size = send("POST", "/v3/catalog/products/" + id + "/options", Map.of("display_name", "Size",
                "type", "rectangles", "option_values", List.of(Map.of("label", "S"), Map.of("label", "M")))).json()
                .path("data");
        long sizeId = size.path("id").asLong();
        long small = size.path("option_values").get(0).path("id").asLong();
        long medium = size.path("option_values").get(1).path("id").asLong();

        Answer refused = send("PUT", "/v3/catalog/variants", List.of(
                Map.of("product_id", id, "sku", "JACKET-S", "option_values", List.of(Map.of("option_id", sizeId, "id", small))),
                Map.of("product_id", id, "sku", "JACKET-X", "option_values", List.of(Map.of("option_id", sizeId, "id", 999)))));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("batch_errors").get(0).path("title").asText()).contains("does not belong");
        assertThat(sandbox.products().productIdOf("JACKET-S")).isEmpty();

        Answer made = send("PUT", "/v3/catalog/variants", List.of(
                Map.of("product_id", id, "sku", "JACKET-S", "price", 79, "option_values",
                        List.of(Map.of("option_id", sizeId, "id", small))),
                Map.of("product_id", id, "sku", "JACKET-M", "option_values", List.of(Map.of("option_id", sizeId, "id", medium)))));
        assertThat(made.status()).isEqualTo(200);
        JsonNode jacket = sandbox.products().view("JACKET", sandbox.inventory()).orElseThrow();
        assertThat(jacket.has("base_variant_id")).as("the first variant replaces the base variant").isFalse();
        assertThat(jacket.path("variants")).hasSize(2);
        assertThat(jacket.path("variants").get(0).path("price").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(79));
        assertThat(send("PUT", "/v3/inventory/adjustments/absolute", Map.of("items", List.of(
                item(1, "sku", "JACKET-M", 4)))).status()).isEqualTo(200);
        assertThat(sandbox.inventory().quantity("JACKET-M", 1)).contains(4);
    }
}
