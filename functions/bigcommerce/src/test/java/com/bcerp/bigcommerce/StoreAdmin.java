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

    /** The sandbox's checkout: orders only a storefront makes (coupons, currencies, bundles, gift certificates, ...). */
    JsonNode checkout(Object order) {
        return expect(send("POST", "/sandbox/checkouts", JsonSupport.write(order), sandbox.adminAccessToken()), 201);
    }

    /** PUT /v2/orders/{id}, e.g. with products to edit the order. */
    JsonNode update(long orderId, Object change) {
        return expect(send("PUT", "/v2/orders/" + orderId, JsonSupport.write(change), sandbox.adminAccessToken()), 200);
    }

    /** A refund of these items, paid back as a quote for them says. */
    JsonNode refund(long orderId, java.util.List<Map<String, Object>> items) {
        JsonNode quote = expect(send("POST", "/v3/orders/" + orderId + "/payment_actions/refund_quotes",
                JsonSupport.write(Map.of("items", items)), sandbox.adminAccessToken()), 201).path("data");
        JsonNode method = quote.path("refund_methods").get(0).get(0);
        return expect(send("POST", "/v3/orders/" + orderId + "/payment_actions/refunds", JsonSupport.write(Map.of(
                "items", items, "payments", java.util.List.of(Map.of("provider_id", method.path("provider_id").asText(),
                        "amount", method.path("amount").decimalValue(), "offline", false)))), sandbox.adminAccessToken()), 201)
                .path("data");
    }

    void paymentAction(long orderId, String action) {
        expect(send("POST", "/v3/orders/" + orderId + "/payment_actions/" + action, null, sandbox.adminAccessToken()), 201);
    }

    private static JsonNode expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError(response.request().method() + " " + response.request().uri().getPath() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    /** A checkout with every shape: a coupon, a bundle, a gift certificate, a download, two addresses, an authorised card. */
    static Map<String, Object> everyShapeCheckout(BigCommerceSandbox sandbox, String email, String currency) {
        var simple = sandbox.catalog().simpleItems();
        Map<String, Object> second = new java.util.LinkedHashMap<>(address("Ada", "Lovelace", email));
        second.put("street_1", "7 Dock Road");
        second.put("shipping_method", "Express");
        second.put("shipping_cost_ex_tax", "6.00");
        Map<String, Object> first = new java.util.LinkedHashMap<>(address("Ada", "Lovelace", email));
        first.put("shipping_method", "Flat Rate");
        first.put("shipping_cost_ex_tax", "9.00");
        Map<String, Object> order = new java.util.LinkedHashMap<>();
        order.put("customer_id", 7);
        order.put("currency", currency);
        order.put("billing_address", address("Ada", "Lovelace", email));
        order.put("shipping_addresses", java.util.List.of(first, second));
        order.put("products", java.util.List.of(
                Map.of("product_id", simple.get(0).productId(), "quantity", 3),
                Map.of("product_id", simple.get(1).productId(), "quantity", 1, "shipping_address_index", 1,
                        "bundle", java.util.List.of(Map.of("product_id", simple.get(2).productId(), "quantity", 2))),
                Map.of("product_id", simple.get(3).productId(), "quantity", 1, "digital", true)));
        order.put("gift_certificates", java.util.List.of(Map.of("amount", "25.00", "to_email", "friend@example.com")));
        order.put("coupons", java.util.List.of("SAVE10"));
        order.put("handling_cost_ex_tax", "1.50");
        order.put("wrapping_cost_ex_tax", "2.00");
        order.put("fees", java.util.List.of(Map.of("type", "custom_fee", "display_name_customer", "Eco fee",
                "cost_ex_tax", "1.00", "tax_class_id", 0)));
        order.put("payment", Map.of("gift_certificate", Map.of("code", "GC-7", "amount", "10.00"), "gateway", "braintree",
                "method", "credit_card", "action", "authorize"));
        return order;
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
        if (body != null || method.equals("POST")) {
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
