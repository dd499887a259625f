package com.bcerp.sandbox.acumatica;

import static com.bcerp.sandbox.acumatica.Bodies.entity;
import static com.bcerp.sandbox.acumatica.Bodies.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The endpoint's pinned version and the {@code {"value": ...}} rule, enforced more strictly than documented. */
class RequestShapeTest {

    private static AcumaticaSandbox sandbox;
    private static SandboxHttp http;

    @BeforeAll
    static void start() {
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private SandboxHttp.Response getAt(String path) {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Authorization", "Bearer " + http.token()).GET().build());
    }

    @Test
    void only_the_pinned_endpoint_version_answers() {
        assertThat(getAt("/entity/Default/24.200.001/SalesOrder").status()).isEqualTo(200);

        var otherVersion = getAt("/entity/Default/23.200.001/SalesOrder");
        assertThat(otherVersion.status()).isEqualTo(404);
        assertThat(otherVersion.json().get("message").asText()).isNotBlank();
        assertThat(getAt("/entity/eCommerce/24.200.001/SalesOrder").status()).isEqualTo(404);
        assertThat(getAt("/entity/Default/24.200.001/Vendor").status()).isEqualTo(404); // an entity not simulated
    }

    @Test
    void a_flat_value_is_a_400_naming_the_field() {
        var body = entity("CustomerID", "C000001").put("CustomerOrder", "250");

        var r = http.put("SalesOrder", body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).startsWith("CustomerOrder: ").contains("{\"value\": ...}");
        assertThat(r.json().get("modelState").has("CustomerOrder")).isTrue();
        assertThat(sandbox.salesOrders()).isEmpty();
    }

    @Test
    void a_flat_value_in_a_detail_line_is_named_with_its_index() {
        var line = entity("InventoryID", "SKU-0100").put("OrderQty", 2);
        var body = entity("CustomerID", "C000001", "Details", rows(entity("InventoryID", "SKU-0101"), line));

        var r = http.put("SalesOrder", body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("modelState").has("Details[1].OrderQty")).isTrue();
    }

    @Test
    void unknown_fields_are_a_400_naming_them() {
        var body = entity("CustomerID", "C000001", "CustomerOrdr", "250", "ShipToAddress", entity("Street", "1 Main St"));

        var r = http.put("SalesOrder", body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("modelState").has("CustomerOrdr")).isTrue();
        assertThat(r.json().get("modelState").has("ShipToAddress.Street")).isTrue();
    }

    @Test
    void a_value_of_the_wrong_type_is_a_400() {
        var r = http.put("SalesOrder", entity("CustomerID", "C000001", "Details", rows(entity("InventoryID", "SKU-0100",
                "OrderQty", "two"))));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("modelState").get("Details[0].OrderQty").get(0).asText()).contains("'two'");
    }

    @Test
    void a_body_that_is_not_json_is_a_400() {
        assertThat(http.put("Customer", "{not json").status()).isEqualTo(400);
        assertThat(http.put("Customer", "[1,2]").status()).isEqualTo(400);
    }

    @Test
    void numbers_sent_as_text_are_accepted_as_the_official_examples_do() {
        var customer = http.put("Customer", Bodies.customer("Text Numbers", "text.numbers@example.com"));
        String customerId = customer.json().get("CustomerID").get("value").asText();

        var r = http.put("SalesOrder", entity("CustomerID", customerId, "Details",
                rows(entity("InventoryID", "SKU-0100", "OrderQty", "3", "UnitPrice", "2.50"))), "$expand", "Details");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("Details").get(0).get("ExtendedPrice").get("value").decimalValue()).isEqualByComparingTo("7.50");
    }

    @Test
    void dispatch_answers_without_a_socket_with_the_same_rules() {
        var noToken = sandbox.dispatch("GET", "/entity/Default/24.200.001/Customer", null, java.util.Map.of(), new byte[0]);
        var withToken = sandbox.dispatch("GET", "/entity/Default/24.200.001/Customer", "$top=1",
                java.util.Map.of("authorization", "Bearer " + http.token()), new byte[0]);
        var otherVersion = sandbox.dispatch("GET", "/entity/Default/23.200.001/Customer", null,
                java.util.Map.of("authorization", "Bearer " + http.token()), new byte[0]);

        assertThat(noToken.status()).isEqualTo(401);
        assertThat(withToken.status()).isEqualTo(200);
        assertThat(otherVersion.status()).isEqualTo(404);
    }
}
