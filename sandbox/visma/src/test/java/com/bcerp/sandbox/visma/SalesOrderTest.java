package com.bcerp.sandbox.visma;

import static com.bcerp.sandbox.visma.Dto.line;
import static com.bcerp.sandbox.visma.Dto.plain;
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

/**
 * /v1/salesorder: 201 + Location, VAT from the customer's VAT zone and the lines' categories, caller-given numbers with
 * overrideNumberSeries, the list's real filters (and none on customerRefNo), PUT of lines, cancelSalesOrder.
 */
class SalesOrderTest {

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

    /** Ada (10002, DOMESTIC): 2 x SKU-0100 at 100 less 10 %, 1 x SKU-0101 at 50 in the MEDIUM VAT category. */
    static ObjectNode order(String customer, String customerRefNo) {
        ObjectNode body = wrapped("orderType", "SO", "customer", customer, "customerRefNo", customerRefNo,
                "description", "Store order " + customerRefNo);
        ObjectNode first = line("SKU-0100", 2, 100);
        first.set("discountPercent", SandboxHttp.JSON.createObjectNode().put("value", 10));
        ObjectNode second = line("SKU-0101", 1, 50);
        second.set("taxCategory", SandboxHttp.JSON.createObjectNode().put("value", "MEDIUM"));
        second.set("warehouse", SandboxHttp.JSON.createObjectNode().put("value", "WEST"));
        body.set("lines", rows(first, second));
        return body;
    }

    @Test
    void a_vat_the_merchant_sets_up_is_listed_and_computed_on_lines_of_its_category_in_its_zone() {
        sandbox.addVat("T825", "Sales tax 8.25 %", new java.math.BigDecimal("8.25"), "US825", "DOMESTIC");
        ObjectNode body = wrapped("orderType", "SO", "customer", "10002", "customerRefNo", "BC-vat");
        ObjectNode only = line("SKU-0100", 1, 78.96);
        only.set("taxCategory", SandboxHttp.JSON.createObjectNode().put("value", "US825"));
        body.set("lines", rows(only));

        SandboxHttp.Response created = http.post("/v1/salesorder", body);

        JsonNode o = http.get("/v1/salesorder/SO/" + created.createdKey()).json();
        assertThat(o.get("taxTotal").decimalValue()).isEqualByComparingTo("6.51");
        assertThat(o.get("orderTotal").decimalValue()).isEqualByComparingTo("85.47");
        assertThat(http.get("/v1/vat/T825").json().path("zones").findValuesAsText("id")).containsExactly("DOMESTIC");
    }

    @Test
    void a_created_order_answers_201_with_location_and_no_body_and_visma_computes_the_vat() {
        SandboxHttp.Response created = http.post("/v1/salesorder", order("10002", "BC-100"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).isEmpty();
        assertThat(created.header("Location")).isEqualTo(sandbox.baseUrl() + "/v1/salesorder/000001");

        JsonNode o = http.get("/v1/salesorder/SO/" + created.createdKey()).json();
        assertThat(o.get("orderType").asText()).isEqualTo("SO");
        assertThat(o.get("orderNo").asText()).isEqualTo("000001");
        assertThat(o.get("status").asText()).isEqualTo("Open");
        assertThat(o.get("customerRefNo").asText()).isEqualTo("BC-100");
        assertThat(o.get("customer").get("number").asText()).isEqualTo("10002");
        assertThat(o.get("customerVATZone").get("id").asText()).isEqualTo("DOMESTIC");
        JsonNode first = o.get("lines").get(0);
        assertThat(first.get("lineNbr").asInt()).isEqualTo(1);
        assertThat(first.get("inventory").get("number").asText()).isEqualTo("SKU-0100");
        assertThat(first.get("warehouse").get("id").asText()).isEqualTo("MAIN");
        assertThat(first.get("uom").asText()).isEqualTo("PCS");
        assertThat(first.get("taxCategory").asText()).isEqualTo("HIGH"); // the item's
        assertThat(first.get("extPrice").decimalValue()).isEqualByComparingTo("200");
        assertThat(first.get("discountAmount").decimalValue()).isEqualByComparingTo("20");
        assertThat(first.get("openQty").decimalValue()).isEqualByComparingTo("2");
        JsonNode second = o.get("lines").get(1);
        assertThat(second.get("warehouse").get("id").asText()).isEqualTo("WEST");
        assertThat(second.get("taxCategory").asText()).isEqualTo("MEDIUM");
        // 180 at 25 % and 50 at 15 %: 45 + 7.50 VAT
        assertThat(o.get("taxTotal").decimalValue()).isEqualByComparingTo("52.50");
        assertThat(o.get("vatTaxableTotal").decimalValue()).isEqualByComparingTo("230");
        assertThat(o.get("orderTotal").decimalValue()).isEqualByComparingTo("282.50");
        assertThat(o.get("currency").asText()).isEqualTo("NOK");
        assertThat(http.get("/v1/salesorder/" + created.createdKey()).json().get("orderTotal").decimalValue())
                .isEqualByComparingTo("282.50");
    }

    @Test
    void an_export_customer_pays_no_vat_unless_the_order_names_a_domestic_zone() {
        String export = http.post("/v1/salesorder", order("10003", "BC-101")).createdKey();
        JsonNode o = http.get("/v1/salesorder/SO/" + export).json();
        assertThat(o.get("customerVATZone").get("id").asText()).isEqualTo("EXPORT");
        assertThat(o.get("taxTotal").decimalValue()).isEqualByComparingTo("0");
        assertThat(o.get("orderTotal").decimalValue()).isEqualByComparingTo("230");

        ObjectNode domestic = order("10003", "BC-102");
        domestic.set("customerVATZone", SandboxHttp.JSON.createObjectNode().put("value", "DOMESTIC"));
        JsonNode d = http.get("/v1/salesorder/SO/" + http.post("/v1/salesorder", domestic).createdKey()).json();
        assertThat(d.get("taxTotal").decimalValue()).isEqualByComparingTo("52.50");
    }

    @Test
    void override_number_series_honours_the_callers_number_and_refuses_it_twice() {
        ObjectNode body = order("10002", "BC-200");
        body.setAll(wrapped("orderNumber", "BC200", "overrideNumberSeries", true));
        assertThat(http.post("/v1/salesorder", body).createdKey()).isEqualTo("BC200");
        SandboxHttp.Response again = http.post("/v1/salesorder", body);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("message").asText()).contains("BC200").contains("already exists");
        assertThat(http.get("/v1/salesorder/SO/BC200").status()).isEqualTo(200);
        assertThat(http.get("/v1/salesorder/SO/BC201").status()).isEqualTo(404);

        ObjectNode without = order("10002", "BC-201");
        without.setAll(wrapped("orderNumber", "BC201"));
        assertThat(http.post("/v1/salesorder", without).createdKey()).isEqualTo("000001");

        sandbox.faults().orderNumberOverrideIgnored(true);
        ObjectNode ignored = order("10002", "BC-202");
        ignored.setAll(wrapped("orderNumber", "BC202", "overrideNumberSeries", true));
        assertThat(http.post("/v1/salesorder", ignored).createdKey()).isEqualTo("000002");
    }

    @Test
    void the_list_filters_by_type_status_number_and_modification_time_but_not_by_customer_ref_no() {
        String first = http.post("/v1/salesorder", order("10002", "BC-300")).createdKey();
        clock.advance(Duration.ofMinutes(10));
        ObjectNode held = order("10001", "BC-301");
        held.setAll(wrapped("hold", true));
        String second = http.post("/v1/salesorder", held).createdKey();

        assertThat(http.get("/v1/salesorder", "status", "Hold").json()).extracting(o -> o.get("orderNo").asText())
                .containsExactly(second);
        assertThat(http.get("/v1/salesorder", "orderType", "SO", "pageSize", "1").json().get(0).get("metadata")
                .get("totalCount").asLong()).isEqualTo(2);
        assertThat(http.get("/v1/salesorder", "greaterThanValue", first).json()).extracting(o -> o.get("orderNo").asText())
                .containsExactly(second);
        assertThat(http.get("/v1/salesorder", "lastModifiedDateTime", "2026-03-02 08:05:00",
                "lastModifiedDateTimeCondition", ">").json()).extracting(o -> o.get("orderNo").asText()).containsExactly(second);
        // Visma cannot search sales orders by reference: the parameter is not the operation's, so it filters nothing
        assertThat(http.get("/v1/salesorder", "customerRefNo", "BC-300").json()).hasSize(2);
        assertThat(http.get("/v1/customer/10001/salesorder").json()).extracting(o -> o.get("orderNo").asText())
                .containsExactly(second);
        assertThat(http.get("/v1/customer/NOBODY/salesorder").status()).isEqualTo(404);
        assertThat(http.get("/v1/salesorder", "lastModifiedDateTime", "2026-03-02").status()).isEqualTo(400);
    }

    @Test
    void the_v2_paths_take_the_same_dto_and_answer_the_same_way() {
        SandboxHttp.Response created = http.post("/v2/salesorder", order("10002", "BC-320"));
        assertThat(created.header("Location")).isEqualTo(sandbox.baseUrl() + "/v2/salesorder/000001");
        assertThat(http.get("/v2/salesorder/000001").json().get("orderTotal").decimalValue()).isEqualByComparingTo("282.50");
        assertThat(http.get("/v2/salesorder", "status", "Open").json()).hasSize(1);
        assertThat(http.post("/v2/salesorder/000001/action/cancelSalesOrder", plain("orderType", "SO")).json()
                .get("actionResult").asText()).isEqualTo("Done");
        assertThat(http.get("/v1/salesorder/SO/000001").json().get("status").asText()).isEqualTo("Cancelled");
    }

    @Test
    void notes_are_listed_only_with_show_notes() {
        ObjectNode body = order("10002", "BC-310");
        body.setAll(wrapped("note", "Leave at the door"));
        String number = http.post("/v1/salesorder", body).createdKey();
        assertThat(http.get("/v1/salesorder").json().get(0).has("note")).isFalse();
        assertThat(http.get("/v1/salesorder", "showNotes", "true").json().get(0).get("note").asText()).isEqualTo("Leave at the door");
        assertThat(http.get("/v1/salesorder/SO/" + number).json().get("note").asText()).isEqualTo("Leave at the door");
    }

    @Test
    void put_updates_inserts_and_deletes_lines_by_line_number_and_recomputes_the_totals() {
        String number = http.post("/v1/salesorder", order("10002", "BC-400")).createdKey();
        ObjectNode update = line("SKU-0100", 3, 100);
        update.put("operation", "Update");
        update.set("lineNbr", SandboxHttp.JSON.createObjectNode().put("value", 1));
        ObjectNode delete = wrapped("inventoryNumber", "SKU-0101", "lineNbr", 2);
        delete.put("operation", "Delete");
        ObjectNode body = wrapped("orderType", "SO");
        body.set("lines", rows(update, delete, line("SKU-0102", 1, 10)));
        assertThat(http.put("/v1/salesorder/" + number, body).status()).isEqualTo(204);

        JsonNode o = http.get("/v1/salesorder/SO/" + number).json();
        assertThat(o.get("lines")).extracting(l -> l.get("lineNbr").asInt() + " " + l.get("inventory").get("number").asText())
                .containsExactly("1 SKU-0100", "2 SKU-0102"); // GUESS of the sandbox: the highest number + 1
        // 300 less 10 % = 270, plus 10: 280 at 25 %
        assertThat(o.get("taxTotal").decimalValue()).isEqualByComparingTo("70");
        assertThat(o.get("orderTotal").decimalValue()).isEqualByComparingTo("350");
        assertThat(http.put("/v1/salesorder/999999", body).status()).isEqualTo(404);
    }

    @Test
    void cancel_sales_order_answers_done_cancels_and_releases_the_booked_stock() {
        String number = http.post("/v1/salesorder", order("10002", "BC-500")).createdKey();
        assertThat(summary("SKU-0100", "MAIN").get("soBooked").decimalValue()).isEqualByComparingTo("2");

        assertThat(http.post("/v1/salesorder/" + number + "/action/cancelSalesOrder", wrapped("orderType", "SO")).status())
                .isEqualTo(400); // the action body is plain, not wrapped
        SandboxHttp.Response cancelled = http.post("/v1/salesorder/" + number + "/action/cancelSalesOrder",
                plain("orderType", "SO"));
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("actionResult").asText()).isEqualTo("Done");
        assertThat(cancelled.json().get("actionId").asText()).hasSize(36);
        JsonNode o = http.get("/v1/salesorder/SO/" + number).json();
        assertThat(o.get("status").asText()).isEqualTo("Cancelled");
        assertThat(o.get("canceled").asBoolean()).isTrue();
        assertThat(summary("SKU-0100", "MAIN").get("soBooked").decimalValue()).isEqualByComparingTo("0");

        assertThat(http.post("/v1/salesorder/" + number + "/action/cancelSalesOrder", plain("orderType", "SO")).status())
                .isEqualTo(400);
        assertThat(http.post("/v1/salesorder/" + number + "/action/cancelSalesOrder", plain()).status()).isEqualTo(400);
        assertThat(http.post("/v1/salesorder/999999/action/cancelSalesOrder", plain("orderType", "SO")).status())
                .isEqualTo(404);
        assertThat(http.put("/v1/salesorder/" + number, wrapped("orderType", "SO", "description", "x")).status())
                .isEqualTo(400);
    }

    @Test
    void unknown_items_customers_types_flat_values_and_empty_quantities_are_refused_and_nothing_is_stored() {
        ObjectNode unknownItem = order("10002", "BC-600");
        unknownItem.set("lines", rows(line("NO-SUCH-SKU", 1, 10)));
        assertThat(http.post("/v1/salesorder", unknownItem).json().get("message").asText())
                .contains("'Inventory ID' cannot be found in the system: NO-SUCH-SKU");
        assertThat(http.post("/v1/salesorder", order("99999", "BC-601")).json().get("message").asText())
                .contains("'Customer' cannot be found");
        ObjectNode type = order("10002", "BC-602");
        type.setAll(wrapped("orderType", "XX"));
        assertThat(http.post("/v1/salesorder", type).status()).isEqualTo(400);
        ObjectNode flat = order("10002", "BC-603");
        flat.put("customer", "10002");
        assertThat(http.post("/v1/salesorder", flat).json().get("message").asText())
                .contains("Data received not recognized as SalesOrderUpdateDto").contains("'customer'");
        ObjectNode zero = order("10002", "BC-604");
        zero.set("lines", rows(line("SKU-0100", 0, 10)));
        assertThat(http.post("/v1/salesorder", zero).json().get("message").asText()).contains("'Quantity'");
        assertThat(http.get("/v1/salesorder").json()).isEmpty();
        assertThat(summary("SKU-0100", "MAIN").get("soBooked").decimalValue()).isEqualByComparingTo("0");
    }

    private JsonNode summary(String item, String warehouse) {
        JsonNode rows = http.get("/v1/inventorysummary/" + item, "warehouse", warehouse).json();
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}
