package com.bcerp.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.bigcommerce.webhook.WebhookRegistrar;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every request the adapter sends and every answer the sandbox gives, on the endpoints the connector uses, checked
 * against BigCommerce's OpenAPI files (orders.v2.oas2.yml, orders.v3.yml, webhooks.v3.yml).
 */
class SpecConformanceIT {

    BigCommerceSandbox sandbox;
    BigCommerceSpecs specs;
    StoreAdmin admin;
    final List<BigCommerceSandbox.Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        sandbox = BigCommerceSandbox.start(BigCommerceSandbox.Settings.defaults().withWebhookRetryTimeScale(0.001));
        specs = BigCommerceSpecs.forStore(sandbox.storeHash());
        admin = new StoreAdmin(sandbox);
        sandbox.onExchange(exchanges::add);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void theAdaptersRequestsAndTheSandboxsAnswersConform() {
        BigCommerceClient client = BigCommerceClient.create(new BigCommerceSettings(URI.create(sandbox.baseUrl()),
                sandbox.storeHash(), sandbox.connectorAccessToken()));
        BigCommerceStorefront storefront = new BigCommerceStorefront(client);
        WebhookRegistrar registrar = new WebhookRegistrar(client);

        long paid = admin.createOrder(StoreAdmin.richOrder(sandbox, "ada@example.com")).path("id").asLong();
        long digital = admin.createOrder(Map.of("billing_address", StoreAdmin.address("G", "H", "g@example.com"),
                "products", List.of(Map.of("product_id", sandbox.catalog().simpleItems().get(1).productId(),
                        "quantity", 2)))).path("id").asLong();
        admin.setStatus(paid, 9);

        storefront.order(paid);
        storefront.order(digital);
        storefront.order(424_242);
        storefront.transactions(paid);
        storefront.transactions(digital);
        storefront.ordersModifiedSince(java.time.Instant.parse("2017-04-20T15:32:00Z"), 1, 250);
        storefront.ordersModifiedSince(java.time.Instant.parse("2099-01-01T00:00:00Z"), 1, 250);
        registrar.ensureDeliveryExceptionHook("https://connector.example.com/webhooks/delivery-exceptions",
                Map.of("X-Connector-Secret", "s3cret"));
        registrar.list("https://connector.example.com/webhooks");
        registrar.ensure(List.of("store/order/created", "store/order/updated"), "https://connector.example.com/webhooks",
                Map.of("X-Connector-Secret", "s3cret"));
        registrar.ensure(List.of("store/order/created"), "https://connector.example.com/webhooks",
                Map.of("X-Connector-Secret", "changed"));
        long hookId = registrar.list("https://connector.example.com/webhooks").get(0).id();
        registrar.blockedDomains();

        String token = sandbox.connectorAccessToken();
        for (String path : List.of(
                "/v2/orders?min_date_modified=" + enc("Thu, 20 Apr 2017 11:32:00 -0400") + "&sort=date_modified:asc&limit=250",
                "/v2/orders?min_date_modified=2017-04-20T11:32:00Z&status_id=9&page=1&limit=50",
                "/v2/orders?min_id=" + digital + "&sort=id:desc&include=consignments.line_items&consignment_structure=object",
                "/v2/orders?status_id=13",
                "/v2/orders/" + paid,
                "/v2/orders/" + paid + "?include=consignments&consignment_structure=object",
                "/v2/orders/" + paid + "/shipping_addresses",
                "/v2/orders/" + digital + "/shipping_addresses",
                "/v2/orders/" + paid + "/coupons",
                "/v3/hooks?is_active=true&scope=store/order/created",
                "/v3/hooks/" + hookId,
                "/v3/hooks/admin?is_active=true")) {
            admin.send("GET", path, null, token);
        }
        // the spec makes Content-Type a required header of this GET
        sendWithContentType("/v2/orders/" + paid + "/products?page=1&limit=2", token);
        admin.send("PUT", "/v3/hooks/" + hookId, "{\"is_active\":false}", token);
        admin.send("DELETE", "/v3/hooks/" + hookId, null, token);

        List<BigCommerceSandbox.Exchange> checked = List.copyOf(exchanges);
        assertThat(checked).extracting(BigCommerceSandbox.Exchange::status)
                .contains(200, 201, 204, 404);
        assertThat(specs.problems(checked)).as("exchanges that do not conform").isEmpty();
    }

    @Test
    void theLifecycleEndpointsConform() {
        BigCommerceStorefront storefront = new BigCommerceStorefront(BigCommerceClient.create(new BigCommerceSettings(
                URI.create(sandbox.baseUrl()), sandbox.storeHash(), sandbox.connectorAccessToken())));
        sandbox.store().productTaxClass(sandbox.catalog().simpleItems().get(1).productId(), 4);
        JsonNode placed = admin.checkout(StoreAdmin.everyShapeCheckout(sandbox, "lin@example.com", "EUR"));
        long id = placed.path("id").asLong();
        long lineId = placed.path("consignments").path("shipping").get(0).path("line_items").get(0).path("id").asLong();
        admin.paymentAction(id, "capture");
        admin.update(id, Map.of("products", List.of(Map.of("id", lineId, "quantity", 2),
                Map.of("product_id", sandbox.catalog().simpleItems().get(5).productId(), "quantity", 1))));
        admin.refund(id, List.of(Map.of("item_type", "PRODUCT", "item_id", lineId, "quantity", 1)));
        long authorised = admin.checkout(StoreAdmin.everyShapeCheckout(sandbox, "void@example.com", "USD")).path("id").asLong();
        admin.paymentAction(authorised, "void");

        readThroughTheAdapter(storefront, id);
        String token = sandbox.connectorAccessToken();
        for (String path : List.of(
                "/v2/orders/" + id + "?include=consignments.line_items,fees&consignment_structure=object",
                "/v2/orders/" + id + "/taxes?details=true&page=1&limit=250",
                "/v2/orders/" + id + "/coupons",
                "/v3/orders/" + id + "/transactions",
                "/v3/orders/" + authorised + "/transactions",
                "/v3/orders/" + id + "/payment_actions/refunds")) {
            admin.send("GET", path, null, token);
        }

        List<BigCommerceSandbox.Exchange> checked = exchanges.stream().filter(e -> !e.path().contains("/sandbox/")).toList();
        assertThat(checked).extracting(e -> e.method() + " " + e.path().replaceAll("/stores/[^/]+", "").replaceAll("\\d+", "{id}"))
                .contains("PUT /v{id}/orders/{id}", "POST /v{id}/orders/{id}/payment_actions/refund_quotes",
                        "POST /v{id}/orders/{id}/payment_actions/refunds", "POST /v{id}/orders/{id}/payment_actions/capture",
                        "POST /v{id}/orders/{id}/payment_actions/void", "GET /v{id}/orders/{id}/taxes");
        assertThat(specs.problems(checked)).as("exchanges that do not conform").isEmpty();
    }

    @Test
    void theCustomerEndpointsConformAndTheAdapterReadsACustomerWithItsAddresses() {
        BigCommerceStorefront storefront = new BigCommerceStorefront(BigCommerceClient.create(new BigCommerceSettings(
                URI.create(sandbox.baseUrl()), sandbox.storeHash(), sandbox.connectorAccessToken())));
        String token = sandbox.adminAccessToken();
        JsonNode created = StoreAdmin.json(admin.send("POST", "/v3/customers", "[{\"email\":\"kim@example.com\","
                + "\"first_name\":\"Kim\",\"last_name\":\"Lee\",\"customer_group_id\":2,\"addresses\":[{"
                + "\"first_name\":\"Kim\",\"last_name\":\"Lee\",\"address1\":\"1 Main St\",\"city\":\"Austin\","
                + "\"state_or_province\":\"Texas\",\"postal_code\":\"78701\",\"country_code\":\"US\"}]}]", token).body());
        long id = created.path("data").get(0).path("id").asLong();
        admin.send("PUT", "/v3/customers", "[{\"id\":" + id + ",\"last_name\":\"Lee-Park\",\"company\":\"Park Ltd\"}]",
                token);
        JsonNode added = StoreAdmin.json(admin.send("POST", "/v3/customers/addresses", "[{\"customer_id\":" + id
                + ",\"first_name\":\"Kim\",\"last_name\":\"Lee\",\"address1\":\"2 Side St\",\"city\":\"Dallas\","
                + "\"state_or_province\":\"Texas\",\"postal_code\":\"75201\",\"country_code\":\"US\"}]", token).body());
        long second = added.path("data").get(0).path("id").asLong();
        admin.send("PUT", "/v3/customers/addresses", "[{\"id\":" + second + ",\"address1\":\"3 Side St\"}]", token);
        admin.send("GET", "/v3/customers/addresses?customer_id:in=" + id, null, token);
        admin.send("GET", "/v3/customers?email:in=kim@example.com&include=addresses", null, token);
        admin.send("DELETE", "/v3/customers/addresses?id:in=" + second, null, token);

        var kim = storefront.customer(id).orElseThrow();
        assertThat(storefront.customer(424_242)).isEmpty();

        assertThat(kim.lastName()).isEqualTo("Lee-Park");
        assertThat(kim.company()).isEqualTo("Park Ltd");
        assertThat(kim.customerGroupId()).isEqualTo(2);
        assertThat(kim.dateModified()).isNotNull();
        assertThat(kim.addresses()).singleElement().satisfies(a -> {
            assertThat(a.street1()).isEqualTo("1 Main St");
            assertThat(a.countryIso2()).isEqualTo("US");
            assertThat(a.postalCode()).isEqualTo("78701");
        });
        List<BigCommerceSandbox.Exchange> checked = List.copyOf(exchanges);
        assertThat(checked).extracting(e -> e.method() + " " + e.path().replaceAll("/stores/[^/]+", ""))
                .contains("POST /v3/customers", "PUT /v3/customers", "POST /v3/customers/addresses",
                        "PUT /v3/customers/addresses", "DELETE /v3/customers/addresses", "GET /v3/customers");
        assertThat(specs.problems(checked)).as("exchanges that do not conform").isEmpty();
    }

    /** Reads the order, its taxes, transactions and refunds through the adapter (those requests are checked too). */
    private static void readThroughTheAdapter(BigCommerceStorefront storefront, long id) {
        var order = storefront.order(id).orElseThrow();
        storefront.taxes(order);
        storefront.transactions(id);
        storefront.refunds(order);
    }

    @Test
    void theCheckCatchesAnAnswerThatDeviates() {
        long id = admin.createOrder(StoreAdmin.richOrder(sandbox, "x@example.com")).path("id").asLong();
        admin.send("GET", "/v2/orders/" + id + "?include=consignments.line_items&consignment_structure=object", null,
                sandbox.connectorAccessToken());
        BigCommerceSandbox.Exchange good = exchanges.get(exchanges.size() - 1);
        assertThat(specs.validate(good).hasErrors()).isFalse();

        String body = new String(good.responseBody(), java.nio.charset.StandardCharsets.UTF_8);
        for (String deviation : List.of(
                body.replaceFirst("\"total_inc_tax\":\"[0-9.]+\"", "\"total_inc_tax\":12.5"),
                body.replaceFirst("\"price_ex_tax\":", "\"unit_price\":\"1.0000\",\"price_ex_tax\":"))) {
            BigCommerceSandbox.Exchange bad = new BigCommerceSandbox.Exchange(good.method(), good.path(), good.query(),
                    good.requestHeaders(), good.requestBody(), good.status(), good.responseHeaders(),
                    deviation.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(deviation).isNotEqualTo(body);
            assertThat(specs.validate(bad).hasErrors()).as(deviation).isTrue();
        }
    }

    private void sendWithContentType(String path, String token) {
        var http = java.net.http.HttpClient.newHttpClient();
        try {
            http.send(java.net.http.HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/stores/" + sandbox.storeHash()
                    + path)).header("X-Auth-Token", token).header("Accept", "application/json")
                    .header("Content-Type", "application/json").GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
