package com.bcerp.sandbox.acumatica;

import static com.bcerp.sandbox.acumatica.Bodies.entity;
import static com.bcerp.sandbox.acumatica.Bodies.line;
import static com.bcerp.sandbox.acumatica.Bodies.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.sandbox.ManualClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET by keys and lists with $filter, $expand, $select, $top and $skip, on a fixed set of records. */
class QueryTest {

    private static final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T10:00:00Z"));
    private static AcumaticaSandbox sandbox;
    private static SandboxHttp http;
    private static String ada;
    private static String brian;

    @BeforeAll
    static void seed() {
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults(), clock);
        http = new SandboxHttp(sandbox);
        ObjectNode adaBody = Bodies.customer("Ada Lovelace", "Ada@Example.com");
        adaBody.set("AccountRef", entity().put("value", "bc-1"));
        adaBody.set("MainContact", entity("Phone1", "555-0100", "Address", entity("City", "London")));
        ada = id(http.put("Customer", adaBody).json(), "CustomerID");
        clock.advance(Duration.ofMinutes(10));
        brian = id(http.put("Customer", Bodies.customer("Brian O'Neil", "brian.o'neil@example.com")).json(), "CustomerID");
        for (int i = 1; i <= 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            http.put("SalesOrder", entity("CustomerID", i % 2 == 0 ? brian : ada, "CustomerOrder", "10" + i,
                    "ExternalRef", "BC-s-10" + i, "Details", rows(line("SKU-0100", i, 2))));
        }
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static String id(JsonNode entity, String field) {
        return entity.get(field).get("value").asText();
    }

    private static java.util.List<String> orderNbrs(JsonNode list) {
        java.util.List<String> out = new java.util.ArrayList<>();
        list.forEach(o -> out.add(id(o, "OrderNbr")));
        return out;
    }

    @Test
    void get_by_keys_answers_one_record_and_500_no_entity_when_there_is_none() {
        var order = http.get("SalesOrder/SO/SO000003");
        var customer = http.get("Customer/" + ada);

        assertThat(order.status()).isEqualTo(200);
        assertThat(id(order.json(), "CustomerOrder")).isEqualTo("103");
        assertThat(id(customer.json(), "CustomerName")).isEqualTo("Ada Lovelace");
        for (var missing : java.util.List.of(http.get("SalesOrder/SO/SO999999"), http.get("Customer/C999999"))) {
            assertThat(missing.status()).isEqualTo(500);
            assertThat(missing.json().get("exceptionType").asText())
                    .isEqualTo("PX.Api.ContractBased.NoEntitySatisfiesTheConditionException");
            assertThat(missing.json().get("exceptionMessage").asText()).isEqualTo("No entity satisfies the condition.");
        }
    }

    @Test
    void get_by_record_id_finds_the_same_order() {
        String guid = http.get("SalesOrder/SO/SO000002").json().get("id").asText();

        assertThat(id(http.get("SalesOrder/" + guid).json(), "OrderNbr")).isEqualTo("SO000002");
    }

    @Test
    void details_and_linked_entities_are_absent_unless_expanded() {
        JsonNode plain = http.get("SalesOrder/SO/SO000001").json();
        JsonNode expanded = http.get("SalesOrder/SO/SO000001", "$expand", "Details,ShippingSettings").json();

        assertThat(plain.has("Details")).isFalse();
        assertThat(plain.has("ShippingSettings")).isFalse();
        assertThat(plain.has("OrderTotal")).isTrue();
        assertThat(expanded.get("Details")).hasSize(1);
        assertThat(expanded.get("Details").get(0).get("rowNumber").asInt()).isEqualTo(1);
        assertThat(expanded.has("ShippingSettings")).isTrue();
        assertThat(expanded.has("TaxDetails")).isFalse();
    }

    @Test
    void nested_expansion_names_each_level() {
        JsonNode contactOnly = http.get("Customer/" + ada, "$expand", "MainContact").json();
        JsonNode withAddress = http.get("Customer/" + ada, "$expand", "MainContact/Address").json();

        assertThat(contactOnly.get("MainContact").has("Address")).isFalse();
        assertThat(id(withAddress.get("MainContact").get("Address"), "City")).isEqualTo("London");
    }

    @Test
    void filter_eq_on_text_fields_joined_with_and() {
        var r = http.get("SalesOrder", "$filter", "OrderType eq 'SO' and ExternalRef eq 'BC-s-104'");
        var byCustomer = http.get("SalesOrder", "$filter", "CustomerID eq '" + brian + "'");

        assertThat(orderNbrs(r.json())).containsExactly("SO000004");
        assertThat(orderNbrs(byCustomer.json())).containsExactly("SO000002", "SO000004");
    }

    @Test
    void filter_text_compares_case_insensitively_and_quotes_are_doubled() {
        assertThat(http.get("Customer", "$filter", "Email eq 'ada@example.com'").json()).hasSize(1);
        var quoted = http.get("Customer", "$filter", "Email eq 'brian.o''neil@example.com'");
        assertThat(quoted.status()).isEqualTo(200);
        assertThat(id(quoted.json().get(0), "CustomerID")).isEqualTo(brian);
        assertThat(http.get("Customer", "$filter", "AccountRef eq 'bc-1'").json()).hasSize(1);
    }

    @Test
    void filter_on_last_modified_after_a_moment() {
        // orders were stored at 10:11 .. 10:15; customers at 10:00 and 10:10
        var orders = http.get("SalesOrder", "$filter", "LastModified gt datetimeoffset'2026-03-02T12:13:30+02:00'");
        var customers = http.get("Customer", "$filter", "LastModifiedDateTime gt datetimeoffset'2026-03-02T10:05:00Z'");

        assertThat(orderNbrs(orders.json())).containsExactly("SO000004", "SO000005");
        assertThat(customers.json()).hasSize(1);
    }

    @Test
    void top_and_skip_page_through_the_list() {
        var page = http.get("SalesOrder", "$top", "2", "$skip", "2");

        assertThat(orderNbrs(page.json())).containsExactly("SO000003", "SO000004");
        assertThat(page.json().get(0).get("rowNumber").asInt()).isEqualTo(1);
        assertThat(http.get("SalesOrder", "$skip", "4").json()).hasSize(1);
        assertThat(http.get("SalesOrder", "$top", "-1").status()).isEqualTo(400);
    }

    @Test
    void select_narrows_the_general_fields() {
        JsonNode row = http.get("SalesOrder", "$select", "OrderNbr,OrderTotal", "$top", "1").json().get(0);

        assertThat(row.has("OrderNbr")).isTrue();
        assertThat(row.has("OrderTotal")).isTrue();
        assertThat(row.has("CustomerID")).isFalse();
        assertThat(row.has("id")).isTrue();
    }

    @Test
    void strict_nested_select_leaves_the_unnamed_fields_of_an_expanded_entity_out() {
        String[] query = {"$select", "OrderNbr,Details/InventoryID", "$expand", "Details", "$top", "1"};
        String[] unnamed = {"$select", "OrderNbr", "$expand", "Details", "$top", "1"};
        JsonNode lenient = http.get("SalesOrder", unnamed).json().get(0).get("Details").get(0);
        sandbox.faults().strictNestedSelect(true);
        try {
            JsonNode named = http.get("SalesOrder", query).json().get(0).get("Details").get(0);
            JsonNode left = http.get("SalesOrder", unnamed).json().get(0).get("Details").get(0);

            assertThat(lenient.has("InventoryID")).isTrue();
            assertThat(lenient.has("OrderQty")).isTrue();
            assertThat(id(named, "InventoryID")).isEqualTo("SKU-0100");
            assertThat(named.has("OrderQty")).isFalse();
            assertThat(left.has("InventoryID")).isFalse();
            assertThat(left.has("id")).isTrue();
        } finally {
            sandbox.faults().strictNestedSelect(false);
        }
    }

    @Test
    void an_invalid_query_is_a_400_naming_the_problem() {
        var unknownField = http.get("SalesOrder", "$filter", "Colour eq 'red'");
        var detailFilter = http.get("SalesOrder", "$filter", "Details/InventoryID eq 'SKU-0100'");
        var unencodedPlus = http.get("SalesOrder", "$filter", "LastModified gt datetimeoffset'2026-03-02T12:13:30 02:00'");
        var badExpand = http.get("SalesOrder", "$expand", "Lines");

        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("message").asText()).contains("Colour");
        assertThat(detailFilter.json().get("message").asText()).contains("detail");
        assertThat(unencodedPlus.status()).isEqualTo(400);
        assertThat(badExpand.json().get("message").asText()).contains("Lines");
    }

    @Test
    void the_call_log_counts_calls_per_route() {
        int before = sandbox.calls().count("GET /SalesOrder/{keys}");

        http.get("SalesOrder/SO/SO000001");

        assertThat(sandbox.calls().count("GET /SalesOrder/{keys}")).isEqualTo(before + 1);
        assertThat(sandbox.calls().count("PUT /SalesOrder")).isEqualTo(5);
        assertThat(sandbox.calls().byRoute()).containsKey("PUT /Customer");
    }
}
