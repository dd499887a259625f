package com.bcerp.sandbox.acumatica;

import static com.bcerp.sandbox.acumatica.Bodies.entity;
import static com.bcerp.sandbox.acumatica.Bodies.line;
import static com.bcerp.sandbox.acumatica.Bodies.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SalesOrderTest {

    private AcumaticaSandbox sandbox;
    private SandboxHttp http;
    private String customerId;

    @BeforeEach
    void start() {
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
        ObjectNode customer = Bodies.customer("Ada Lovelace", "ada@example.com");
        customer.set("MainContact", entity("Attention", "Ada Lovelace", "Phone1", "555-0100",
                "Address", entity("AddressLine1", "12 Analytical Way", "City", "London", "Country", "GB")));
        customerId = value(http.put("Customer", customer).json(), "CustomerID").asText();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static JsonNode value(JsonNode entity, String field) {
        return entity.get(field).get("value");
    }

    private static BigDecimal decimal(JsonNode entity, String field) {
        return value(entity, field).decimalValue();
    }

    private ObjectNode order(String customerOrder, ObjectNode... lines) {
        return entity("OrderType", "SO", "CustomerID", customerId, "CustomerOrder", customerOrder,
                "ExternalRef", "BC-store-" + customerOrder, "Details", rows(lines));
    }

    @Test
    void new_orders_are_numbered_per_order_type() {
        var first = http.put("SalesOrder", order("1", line("SKU-0100", 1, 10)));
        var second = http.put("SalesOrder", order("2", line("SKU-0100", 1, 10)));
        var quote = http.put("SalesOrder", order("3", line("SKU-0100", 1, 10)).set("OrderType", entity().put("value", "QT")));

        assertThat(first.status()).isEqualTo(200);
        assertThat(value(first.json(), "OrderNbr").asText()).isEqualTo("SO000001");
        assertThat(value(second.json(), "OrderNbr").asText()).isEqualTo("SO000002");
        assertThat(value(quote.json(), "OrderNbr").asText()).isEqualTo("QT000001");
        assertThat(first.json().get("id").asText()).isNotBlank();
        assertThat(value(first.json(), "Status").asText()).isEqualTo("Open");
        assertThat(value(first.json(), "LastModified").asText()).isNotBlank();
    }

    @Test
    void a_deleted_order_answers_as_a_missing_record_and_a_completed_one_cannot_be_deleted() {
        String nbr = value(http.put("SalesOrder", order("30", line("SKU-0100", 1, 10))).json(), "OrderNbr").asText();

        assertThat(http.send(http.authorised("SalesOrder/SO/" + nbr).DELETE().build()).status()).isEqualTo(204);
        var read = http.get("SalesOrder/SO/" + nbr);
        assertThat(read.status()).isEqualTo(500);
        assertThat(read.json().get("exceptionType").asText()).isEqualTo("PX.Api.ContractBased.NoEntitySatisfiesTheConditionException");
        assertThat(http.send(http.authorised("SalesOrder/SO/" + nbr).DELETE().build()).status()).isEqualTo(500);

        String done = value(http.put("SalesOrder", order("31", line("SKU-0100", 1, 10))).json(), "OrderNbr").asText();
        sandbox.confirmShipment(sandbox.createShipment("SO", done, "UPSGROUND", java.util.Map.of(1, BigDecimal.ONE),
                java.util.List.of("1Z1")));
        assertThat(value(http.get("SalesOrder/SO/" + done).json(), "Status").asText()).isEqualTo("Completed");
        var refused = http.send(http.authorised("SalesOrder/SO/" + done).DELETE().build());
        assertThat(refused.status()).isEqualTo(500);
        assertThat(refused.json().get("exceptionMessage").asText()).contains("cannot be deleted");
        assertThat(http.get("SalesOrder/SO/" + done).status()).isEqualTo(200);
    }

    @Test
    void a_put_with_the_keys_updates_the_order_in_place() {
        var created = http.put("SalesOrder", order("10", line("SKU-0100", 1, 10), line("SKU-0101", 2, 5)), "$expand", "Details");
        String nbr = value(created.json(), "OrderNbr").asText();
        String secondLineId = created.json().get("Details").get(1).get("id").asText();

        ObjectNode update = entity("OrderType", "SO", "OrderNbr", nbr, "Description", "changed", "Hold", true);
        ObjectNode deleted = SandboxHttp.JSON.createObjectNode().put("id", secondLineId).put("delete", true);
        update.set("Details", rows(deleted, line("SKU-0102", 3, 1)));
        var updated = http.put("SalesOrder", update, "$expand", "Details");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(value(updated.json(), "OrderNbr").asText()).isEqualTo(nbr);
        assertThat(value(updated.json(), "Description").asText()).isEqualTo("changed");
        assertThat(value(updated.json(), "Status").asText()).isEqualTo("On Hold");
        assertThat(updated.json().get("Details")).extracting(d -> value(d, "InventoryID").asText())
                .containsExactly("SKU-0100", "SKU-0102");
        assertThat(updated.json().get("Details")).extracting(d -> value(d, "LineNbr").asInt()).containsExactly(1, 3);
        assertThat(decimal(updated.json(), "OrderTotal")).isEqualByComparingTo("13.00");
        assertThat(sandbox.salesOrders()).hasSize(1);
    }

    @Test
    void totals_are_computed_from_lines_discounts_freight_and_the_carried_taxes() {
        ObjectNode discounted = line("SKU-0100", 3, new BigDecimal("16.6583"));
        discounted.set("DiscountAmount", entity().put("value", new BigDecimal("2.50")));
        discounted.set("ManualDiscount", entity().put("value", true));
        ObjectNode body = order("20", discounted, line("HANDLING", 1, new BigDecimal("4.00")));
        body.set("ShippingSettings", entity("FreightPrice", new BigDecimal("7.5"), "OverrideFreightPrice", true));
        body.set("IsTaxValid", entity().put("value", true));
        body.set("TaxDetails", rows(entity("TaxID", "BCTAX", "TaxableAmount", new BigDecimal("58.97"), "TaxAmount",
                new BigDecimal("4.8651"))));

        var r = http.put("SalesOrder", body, "$expand", "Details,TaxDetails,ShippingSettings");

        assertThat(r.status()).isEqualTo(200);
        JsonNode first = r.json().get("Details").get(0);
        assertThat(decimal(first, "ExtendedPrice")).isEqualByComparingTo("49.97");  // 3 x 16.6583 = 49.9749
        assertThat(decimal(first, "Amount")).isEqualByComparingTo("47.47");
        assertThat(decimal(r.json().get("ShippingSettings"), "FreightPrice")).isEqualByComparingTo("7.50");
        assertThat(decimal(r.json(), "TaxTotal")).isEqualByComparingTo("4.87");
        assertThat(decimal(r.json(), "OrderTotal")).isEqualByComparingTo("63.84"); // 47.47 + 4.00 + 7.50 + 4.87
        assertThat(value(r.json(), "OrderTotal").toString()).isEqualTo("63.84");
    }

    @Test
    void an_internal_tax_zone_keeps_the_sent_taxes_only_when_it_applies_them_and_otherwise_calculates_its_own() {
        sandbox.taxZones().branchZone("NY"); // NYSTATETAX at 8.875 %
        ObjectNode own = order("22", line("SKU-0100", 2, 10));
        own.set("IsTaxValid", entity().put("value", true));
        own.set("TaxDetails", rows(entity("TaxID", "NYSTATETAX", "TaxableAmount", 20, "TaxAmount", new BigDecimal("1.78"))));
        ObjectNode foreign = order("23", line("SKU-0100", 2, 10));
        foreign.set("IsTaxValid", entity().put("value", true));
        foreign.set("TaxDetails", rows(entity("TaxID", "BCTAX", "TaxableAmount", 20, "TaxAmount", 2)));
        ObjectNode overridden = order("24", line("SKU-0100", 2, 10));
        overridden.set("IsTaxValid", entity().put("value", true));
        overridden.set("TaxDetails", rows(entity("TaxID", "BCTAX", "TaxableAmount", 20, "TaxAmount", 2)));
        overridden.set("FinancialSettings", entity("OverrideTaxZone", true, "CustomerTaxZone", "ECOMMERCE"));

        JsonNode kept = http.put("SalesOrder", own, "$expand", "TaxDetails,FinancialSettings").json();
        JsonNode recalculated = http.put("SalesOrder", foreign, "$expand", "TaxDetails,FinancialSettings").json();
        JsonNode zoned = http.put("SalesOrder", overridden, "$expand", "TaxDetails,FinancialSettings").json();

        assertThat(decimal(kept, "TaxTotal")).isEqualByComparingTo("1.78");
        assertThat(value(kept.get("FinancialSettings"), "CustomerTaxZone").asText()).isEqualTo("NY");
        // BCTAX is not among NY's taxes: the zone's NYSTATETAX replaces it, 8.875 % of 20.00
        assertThat(recalculated.get("TaxDetails")).extracting(t -> value(t, "TaxID").asText()).containsExactly("NYSTATETAX");
        assertThat(decimal(recalculated, "TaxTotal")).isEqualByComparingTo("1.78");
        assertThat(decimal(recalculated, "OrderTotal")).isEqualByComparingTo("21.78");
        assertThat(decimal(zoned, "TaxTotal")).isEqualByComparingTo("2.00");
        assertThat(value(zoned.get("FinancialSettings"), "CustomerTaxZone").asText()).isEqualTo("ECOMMERCE");
    }

    @Test
    void with_no_zone_the_sent_taxes_stand_unless_the_harsher_reading_is_on() {
        ObjectNode body = order("26", line("SKU-0100", 2, 10));
        body.set("IsTaxValid", entity().put("value", true));
        body.set("TaxDetails", rows(entity("TaxID", "BCTAX", "TaxableAmount", 20, "TaxAmount", 2)));

        JsonNode kept = http.put("SalesOrder", body, "$expand", "TaxDetails").json();
        sandbox.taxZones().noZoneDropsSentTaxes(true);
        body.set("CustomerOrder", entity().put("value", "27"));
        JsonNode dropped = http.put("SalesOrder", body, "$expand", "TaxDetails").json();

        assertThat(decimal(kept, "TaxTotal")).isEqualByComparingTo("2.00");
        assertThat(decimal(dropped, "TaxTotal")).isEqualByComparingTo("0");
        assertThat(decimal(dropped, "OrderTotal")).isEqualByComparingTo("20.00");
    }

    @Test
    void an_unknown_tax_zone_is_refused_in_its_field_and_zones_read_with_their_taxes() {
        ObjectNode body = order("25", line("SKU-0100", 1, 10));
        body.set("FinancialSettings", entity("OverrideTaxZone", true, "CustomerTaxZone", "NOWHERE"));

        var r = http.put("SalesOrder", body, "$expand", "FinancialSettings");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("FinancialSettings").get("CustomerTaxZone").get("error").asText())
                .isEqualTo("'Customer Tax Zone' cannot be found in the system.");
        JsonNode ny = http.get("TaxZone/NY", "$expand", "ApplicableTaxes").json();
        assertThat(ny.get("ApplicableTaxes")).extracting(t -> value(t, "TaxID").asText()).containsExactly("NYSTATETAX");
    }

    @Test
    void without_is_tax_valid_the_sent_taxes_are_replaced_by_the_sandbox_calculation_of_none() {
        ObjectNode body = order("21", line("SKU-0100", 1, 10));
        body.set("TaxDetails", rows(entity("TaxID", "BCTAX", "TaxAmount", 1)));

        var r = http.put("SalesOrder", body, "$expand", "TaxDetails");

        assertThat(decimal(r.json(), "TaxTotal")).isEqualByComparingTo("0");
        assertThat(r.json().get("TaxDetails")).isEmpty();
        assertThat(decimal(r.json(), "OrderTotal")).isEqualByComparingTo("10");
    }

    @Test
    void freight_without_its_override_flag_is_not_charged() {
        ObjectNode body = order("22", line("SKU-0100", 1, 10));
        body.set("ShippingSettings", entity("FreightPrice", 5));

        assertThat(decimal(http.put("SalesOrder", body).json(), "OrderTotal")).isEqualByComparingTo("10");
    }

    @Test
    void an_unknown_inventory_id_is_a_422_with_the_error_inside_that_line() {
        var r = http.put("SalesOrder", order("30", line("SKU-0100", 1, 10), line("NO-SUCH-SKU", 1, 10), line("SKU-0101", 1, 1)));

        assertThat(r.status()).isEqualTo(422);
        JsonNode details = r.json().get("Details");
        assertThat(details.get(1).get("InventoryID").get("value").asText()).isEqualTo("NO-SUCH-SKU");
        assertThat(details.get(1).get("InventoryID").get("error").asText()).isEqualTo("'Inventory ID' cannot be found in the system.");
        assertThat(details.get(0).get("InventoryID").has("error")).isFalse();
        assertThat(r.json().get("error").asText()).contains("raised at least one error");
        assertThat(value(r.json(), "OrderNbr").asText()).isEqualTo("<NEW>");
        assertThat(sandbox.salesOrders()).isEmpty();
    }

    @Test
    void an_unknown_or_missing_customer_is_a_422_in_the_customer_field() {
        ObjectNode unknown = order("31", line("SKU-0100", 1, 10));
        unknown.set("CustomerID", entity().put("value", "NOBODY"));
        ObjectNode missing = order("32", line("SKU-0100", 1, 10));
        missing.remove("CustomerID");

        var r = http.put("SalesOrder", unknown);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("CustomerID").get("error").asText()).isEqualTo("'Customer' cannot be found in the system.");
        assertThat(http.put("SalesOrder", missing).json().get("CustomerID").get("error").asText()).contains("cannot be empty");
    }

    @Test
    void an_unknown_tax_id_is_a_422_in_that_tax_line() {
        ObjectNode body = order("33", line("SKU-0100", 1, 10));
        body.set("IsTaxValid", entity().put("value", true));
        body.set("TaxDetails", rows(entity("TaxID", "VAT99", "TaxAmount", 1)));

        var r = http.put("SalesOrder", body);

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("TaxDetails").get(0).get("TaxID").get("error").asText()).contains("cannot be found");
    }

    @Test
    void duplicate_customer_orders_are_stored_and_visible_as_in_acumatica() {
        http.put("SalesOrder", order("40", line("SKU-0100", 1, 10)));
        http.put("SalesOrder", order("40", line("SKU-0100", 1, 10)));

        var r = http.get("SalesOrder", "$filter", "CustomerOrder eq '40'");

        assertThat(r.json()).hasSize(2);
    }

    @Test
    void bill_to_and_ship_to_come_from_the_customer_unless_overridden() {
        ObjectNode body = order("50", line("SKU-0100", 1, 10));
        body.set("ShipToAddressOverride", entity().put("value", true));
        body.set("ShipToAddress", entity("AddressLine1", "1 Dock Rd", "City", "Leith", "Country", "GB"));
        body.set("BillToAddress", entity("AddressLine1", "ignored without the flag"));

        var r = http.put("SalesOrder", body, "$expand", "BillToAddress,ShipToAddress,BillToContact");

        assertThat(value(r.json().get("ShipToAddress"), "AddressLine1").asText()).isEqualTo("1 Dock Rd");
        assertThat(value(r.json().get("BillToAddress"), "AddressLine1").asText()).isEqualTo("12 Analytical Way");
        assertThat(value(r.json().get("BillToContact"), "Email").asText()).isEqualTo("ada@example.com");
        assertThat(value(r.json(), "BillToAddressOverride").asBoolean()).isFalse();
    }

    @Test
    void if_none_match_inserts_only_and_if_match_updates_only() {
        String nbr = value(http.put("SalesOrder", order("60", line("SKU-0100", 1, 10))).json(), "OrderNbr").asText();
        ObjectNode existing = entity("OrderType", "SO", "OrderNbr", nbr);
        ObjectNode absent = entity("OrderType", "SO", "OrderNbr", "SO999999", "CustomerID", customerId);

        var insertOnly = http.send(http.authorised("SalesOrder").header("Content-Type", "application/json")
                .header("If-None-Match", "*").PUT(HttpRequest.BodyPublishers.ofString(existing.toString())).build());
        var updateOnly = http.send(http.authorised("SalesOrder").header("Content-Type", "application/json")
                .header("If-Match", "*").PUT(HttpRequest.BodyPublishers.ofString(absent.toString())).build());

        assertThat(insertOnly.status()).isEqualTo(412);
        assertThat(updateOnly.status()).isEqualTo(412);
    }

    @Test
    void concurrent_creates_get_distinct_numbers() throws Exception {
        int n = 20;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<SandboxHttp.Response>>();
            for (int i = 0; i < n; i++) {
                String ref = "c" + i;
                futures.add(pool.submit(() -> http.put("SalesOrder", order(ref, line("SKU-0100", 1, 1)))));
            }
            for (var f : futures) {
                assertThat(f.get().status()).isEqualTo(200);
            }
        }
        assertThat(sandbox.salesOrders()).extracting(o -> value(o, "OrderNbr").asText()).doesNotHaveDuplicates().hasSize(n);
    }

    @Test
    void a_line_uom_must_be_one_of_the_items_units_and_a_line_without_one_takes_the_sales_unit() {
        sandbox.items().addUnitConversion("SKU-0101", "CASE", new BigDecimal("12"));
        sandbox.items().setSalesUnit("SKU-0101", "CASE");
        ObjectNode inCase = line("SKU-0101", 2, 60);
        inCase.set("UOM", entity().put("value", "CASE"));
        ObjectNode inBase = line("SKU-0100", 6, 1);
        inBase.set("UOM", entity().put("value", "EA"));

        var r = http.put("SalesOrder", order("uom-1", inCase, inBase, line("SKU-0101", 1, 60)), "$expand", "Details");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("Details")).extracting(l -> value(l, "UOM").asText()).containsExactly("CASE", "EA", "CASE");
        assertThat(decimal(sandbox.items().get("StockItem", "SKU-0101").orElseThrow()
                .get("UOMConversions").get(0), "ConversionFactor")).isEqualByComparingTo("12");

        ObjectNode inBox = line("SKU-0100", 1, 10);
        inBox.set("UOM", entity().put("value", "BOX"));
        var refused = http.put("SalesOrder", order("uom-2", line("SKU-0101", 1, 60), inBox), "$expand", "Details");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("Details").get(1).get("UOM").get("error").asText())
                .isEqualTo("'UOM' cannot be found in the system.");
        assertThat(refused.json().get("Details").get(0).path("UOM").has("error")).isFalse();
    }
}
