package com.bcerp.sandbox.visma;

import static com.bcerp.sandbox.visma.Dto.rows;
import static com.bcerp.sandbox.visma.Dto.wrapped;
import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.sandbox.ManualClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /v1/customer: create with double-wrapped addresses, 201 + Location, find by email and attribute, PUT, paging. */
class CustomerTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    private VismaSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = VismaSandbox.start(VismaSandbox.Settings.defaults(), clock);
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    static ObjectNode grace() {
        ObjectNode body = wrapped("name", "Grace Hopper", "customerClassId", "1", "currencyId", "NOK");
        body.put("overrideWithClassValues", true);
        body.set("mainAddress", wrapped("value", "").deepCopy().set("value",
                wrapped("addressLine1", "Storgata 1", "postalCode", "0155", "city", "Oslo", "countryId", "NO")));
        body.set("mainContact", SandboxHttp.JSON.createObjectNode().set("value",
                wrapped("name", "Grace Hopper", "email", "Grace@Example.com", "phone1", "+47 22 00 00 00")));
        body.set("deliveryAddress", SandboxHttp.JSON.createObjectNode().set("value",
                wrapped("addressLine1", "Kaigata 2", "postalCode", "5016", "city", "Bergen", "countryId", "NO")));
        body.set("attributeLines", rows(wrapped("attributeId", "BCID", "attributeValue", "42")));
        return body;
    }

    @Test
    void a_created_customer_answers_201_with_its_location_and_no_body_and_reads_back_flat() {
        SandboxHttp.Response created = http.post("/v1/customer", grace());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).isEmpty();
        assertThat(created.header("Location")).isEqualTo(sandbox.baseUrl() + "/v1/customer/10004");

        JsonNode c = http.get("/v1/customer/" + created.createdKey()).json();
        assertThat(c.get("number").asText()).isEqualTo("10004");
        assertThat(c.get("name").asText()).isEqualTo("Grace Hopper");
        assertThat(c.get("status").asText()).isEqualTo("Active");
        assertThat(c.get("mainAddress").get("country").get("id").asText()).isEqualTo("NO");
        assertThat(c.get("mainAddress").get("country").get("name").asText()).isEqualTo("Norway");
        assertThat(c.get("deliveryAddress").get("city").asText()).isEqualTo("Bergen");
        assertThat(c.get("invoiceAddress").get("city").asText()).isEqualTo("Oslo"); // not sent: the main address
        assertThat(c.get("vatZone").get("id").asText()).isEqualTo("DOMESTIC");
        assertThat(c.get("attributes").get(0).get("value").asText()).isEqualTo("42");
        assertThat(c.get("createdDateTime").asText()).isEqualTo("2026-03-02T08:00:00.000Z");
    }

    @Test
    void customers_are_found_by_email_ignoring_case_and_by_attribute_with_metadata_in_every_element() {
        String number = http.post("/v1/customer", grace()).createdKey();
        JsonNode byEmail = http.get("/v1/customer", "email", "grace@example.com", "pageNumber", "1", "pageSize", "10").json();
        assertThat(byEmail).hasSize(1);
        assertThat(byEmail.get(0).get("number").asText()).isEqualTo(number);
        assertThat(byEmail.get(0).get("metadata").get("totalCount").asLong()).isEqualTo(1);
        assertThat(byEmail.get(0).get("metadata").get("maxPageSize").asLong()).isEqualTo(1000);

        JsonNode byAttribute = http.get("/v1/customer", "attributes", "{\"BCID\":\"42\"}").json();
        assertThat(byAttribute).extracting(n -> n.get("number").asText()).containsExactly(number);
        assertThat(http.get("/v1/customer", "email", "nobody@example.com").json()).isEmpty();
    }

    @Test
    void a_flat_value_makes_the_body_unreadable_and_nothing_is_stored() {
        ObjectNode flat = grace();
        flat.put("name", "Grace Hopper");
        SandboxHttp.Response refused = http.post("/v1/customer", flat);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).contains("Data received not recognized as CustomerUpdateDto")
                .contains("'name'");
        ObjectNode singleWrapped = grace();
        singleWrapped.set("mainAddress", wrapped("addressLine1", "Storgata 1"));
        assertThat(http.post("/v1/customer", singleWrapped).json().get("message").asText()).contains("'mainAddress'");
        ObjectNode flatInside = grace();
        flatInside.set("mainAddress", SandboxHttp.JSON.createObjectNode().set("value",
                SandboxHttp.JSON.createObjectNode().put("addressLine1", "Storgata 1")));
        assertThat(http.post("/v1/customer", flatInside).json().get("message").asText())
                .contains("AddressUpdateDto").contains("'addressLine1'");
        assertThat(sandbox.customers()).hasSize(3);
    }

    @Test
    void a_missing_name_unknown_class_or_taken_number_is_refused_in_the_message_shape() {
        assertThat(http.post("/v1/customer", wrapped("currencyId", "NOK")).json().get("message").asText())
                .matches("(?s)VismaId: [0-9a-f-]{36}\\. Error inserting the customer\\. Error: .*'Customer name' cannot be empty\\.\\s*");
        assertThat(http.post("/v1/customer", wrapped("name", "X", "customerClassId", "NOPE")).json().get("message").asText())
                .contains("'Customer class' cannot be found");
        assertThat(http.post("/v1/customer", wrapped("name", "X", "number", "10001")).status()).isEqualTo(400);
        assertThat(http.post("/v1/customer", wrapped("name", "X", "number", "BC-77")).createdKey()).isEqualTo("BC-77");
    }

    @Test
    void with_manual_numbering_a_customer_without_number_is_refused() {
        sandbox.faults().customerNumberingManual(true);
        assertThat(http.post("/v1/customer", wrapped("name", "X")).json().get("message").asText())
                .contains("'Customer ID' cannot be empty.");
    }

    @Test
    void put_changes_only_what_is_sent_answers_204_and_moves_last_modified() {
        String number = http.post("/v1/customer", grace()).createdKey();
        clock.advance(Duration.ofMinutes(5));
        SandboxHttp.Response put = http.put("/v1/customer/" + number, wrapped("name", "Grace B. Hopper"));
        assertThat(put.status()).isEqualTo(204);
        JsonNode c = http.get("/v1/customer/" + number).json();
        assertThat(c.get("name").asText()).isEqualTo("Grace B. Hopper");
        assertThat(c.get("mainContact").get("email").asText()).isEqualTo("Grace@Example.com");
        assertThat(c.get("lastModifiedDateTime").asText()).isEqualTo("2026-03-02T08:05:00.000Z");

        JsonNode changed = http.get("/v1/customer", "lastModifiedDateTime", "2026-03-02 08:01:00",
                "lastModifiedDateTimeCondition", ">").json();
        assertThat(changed).extracting(n -> n.get("number").asText()).containsExactly(number);
        assertThat(http.get("/v1/customer", "lastModifiedDateTime", "2026-03-02").status()).isEqualTo(400);
        assertThat(http.put("/v1/customer/NOBODY", wrapped("name", "X")).status()).isEqualTo(404);
    }

    @Test
    void pages_are_numbered_from_one_and_capped_at_the_max_page_size() {
        for (int i = 0; i < 5; i++) {
            http.post("/v1/customer", wrapped("name", "Customer " + i));
        }
        JsonNode second = http.get("/v1/customer", "pageNumber", "2", "pageSize", "3").json();
        assertThat(second).hasSize(3);
        assertThat(second.get(0).get("metadata").get("totalCount").asLong()).isEqualTo(8);
        assertThat(http.get("/v1/customer", "pageNumber", "4", "pageSize", "3").json()).isEmpty();
        assertThat(http.get("/v1/customer", "pageSize", "5000").json().get(0).get("metadata").get("maxPageSize").asLong())
                .isEqualTo(1000);
    }
}
