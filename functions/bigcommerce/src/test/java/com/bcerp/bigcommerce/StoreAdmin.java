package com.bcerp.bigcommerce;

import com.bcerp.http.JsonSupport;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Talks to the sandbox store directly, as a merchant's other tools would: seeding orders, changing statuses. */
final class StoreAdmin {

    private final BigCommerceSandbox sandbox;
    private final HttpClient http = HttpClient.newHttpClient();

    StoreAdmin(BigCommerceSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** POST /v2/orders with the admin token; returns the created order. */
    JsonNode createOrder(Object order) {
        HttpResponse<String> response = send("POST", "/v2/orders", JsonSupport.write(order), sandbox.adminAccessToken());
        if (response.statusCode() != 201) {
            throw new AssertionError("create order answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    JsonNode setStatus(long orderId, int statusId) {
        HttpResponse<String> response = send("PUT", "/v2/orders/" + orderId,
                JsonSupport.write(Map.of("status_id", statusId)), sandbox.adminAccessToken());
        if (response.statusCode() != 200) {
            throw new AssertionError("update order answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    HttpResponse<String> send(String method, String pathAndQuery, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(sandbox.baseUrl() + "/stores/" + sandbox.storeHash() + pathAndQuery))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static JsonNode json(String body) {
        try {
            return JsonSupport.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** A representative order: catalogue products (one by its options), a custom product, every charge. */
    static Map<String, Object> richOrder(BigCommerceSandbox sandbox, String email) {
        var catalog = sandbox.catalog();
        var simple = catalog.simpleItems();
        var variant = catalog.variantItems().get(4);
        return Map.of(
                "customer_id", 7,
                "status_id", 11,
                "payment_method", "Credit Card",
                "billing_address", address("Ada", "Lovelace", email),
                "shipping_addresses", java.util.List.of(
                        Map.of("first_name", "Ada", "last_name", "Lovelace", "street_1", "1 Analytical Way",
                                "city", "London", "zip", "N1 9GU", "country", "United Kingdom", "country_iso2", "GB",
                                "email", email, "shipping_method", "Flat Rate")),
                "products", java.util.List.of(
                        Map.of("product_id", simple.get(0).productId(), "quantity", 3),
                        Map.of("product_id", simple.get(7).productId(), "quantity", 1),
                        Map.of("product_id", variant.productId(), "quantity", 2, "product_options", variant.options()
                                .stream().map(o -> Map.of("id", o.optionId(), "value", Long.toString(o.valueId())))
                                .toList()),
                        Map.of("name", "Engraving", "sku", "SKU-0101", "quantity", 1, "price_ex_tax", 4.5,
                                "price_inc_tax", 4.95)),
                "discount_amount", "7.33",
                "shipping_cost_ex_tax", "9.50",
                "handling_cost_ex_tax", "2.00",
                "wrapping_cost_ex_tax", "1.25");
    }

    static Map<String, Object> address(String first, String last, String email) {
        return Map.of("first_name", first, "last_name", last, "street_1", "12 Main Street", "city", "Austin",
                "state", "Texas", "zip", "78701", "country", "United States", "country_iso2", "US", "email", email,
                "phone", "555-0100");
    }
}
