package com.bcerp.sandbox.visma;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.sandbox.ManualClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /v1/inventory items with prices, costs and warehouse details, summaries per warehouse, /v1/customerSalesPrice. */
class InventoryTest {

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

    @Test
    void items_carry_price_cost_vat_code_and_stock_per_warehouse_and_filter_by_type_number_and_page() {
        JsonNode item = http.get("/v1/inventory/SKU-0101").json();
        assertThat(item.get("defaultPrice").decimalValue()).isEqualByComparingTo("42.99");
        assertThat(item.get("currentCost").decimalValue()).isPositive();
        assertThat(item.get("vatCode").get("id").asText()).isEqualTo("HIGH");
        assertThat(item.get("stockItem").asBoolean()).isTrue();
        assertThat(item.get("warehouseDetails")).extracting(w -> w.get("warehouse").asText() + " "
                + w.get("quantityOnHand").decimalValue().intValue()).containsExactly("MAIN 100", "WEST 25");
        assertThat(http.get("/v1/inventory/NO-SUCH").status()).isEqualTo(404);

        JsonNode charges = http.get("/v1/inventory", "inventoryTypes", "NonStockItem").json();
        assertThat(charges).extracting(i -> i.get("inventoryNumber").asText()).contains("REFUND", "SHIPPING", "HANDLING")
                .doesNotContain("SKU-0100");
        assertThat(charges.get(0).has("warehouseDetails")).isFalse();
        JsonNode page = http.get("/v1/inventory", "greaterThanValue", "SKU-0127", "inventoryTypes", "FinishedGoodItem",
                "expandWarehouseDetail", "false", "pageSize", "2").json();
        assertThat(page).extracting(i -> i.get("inventoryNumber").asText()).containsExactly("SKU-0128", "SKU-0129");
        assertThat(page.get(0).has("warehouseDetails")).isFalse();
        assertThat(page.get(0).get("metadata").get("maxPageSize").asInt()).isEqualTo(5000);
    }

    @Test
    void the_summary_answers_one_row_per_warehouse_and_follows_bookings() {
        http.post("/v1/salesorder", SalesOrderTest.order("10002", "BC-1100"));
        JsonNode rows = http.get("/v1/inventorysummary/SKU-0101").json();
        assertThat(rows).extracting(r -> r.get("warehouse").get("id").asText()).containsExactly("MAIN", "WEST");
        JsonNode west = rows.get(1);
        assertThat(west.get("onHand").decimalValue()).isEqualByComparingTo("25");
        assertThat(west.get("soBooked").decimalValue()).isEqualByComparingTo("1");
        assertThat(west.get("available").decimalValue()).isEqualByComparingTo("24");
        assertThat(http.get("/v1/inventorysummary/SHIPPING").json()).isEmpty();
        assertThat(http.get("/v1/inventorysummary/NO-SUCH").status()).isEqualTo(404);
    }

    @Test
    void sales_prices_filter_by_type_code_item_effective_date_and_modification() {
        JsonNode all = http.get("/v1/customerSalesPrice", "priceType", "All").json();
        assertThat(all).hasSize(10);
        JsonNode wholesale = http.get("/v1/customerSalesPrice", "priceType", "CustomerPriceClass", "priceCode", "WHOLESALE",
                "inventoryId", "SKU-0101").json();
        assertThat(wholesale).hasSize(1);
        assertThat(wholesale.get(0).get("price").decimalValue()).isEqualByComparingTo("34.39");
        assertThat(wholesale.get(0).get("breakQty").decimalValue()).isEqualByComparingTo("10");

        clock.advance(Duration.ofDays(1));
        http.forgetToken(); // the token has expired meanwhile
        int id = sandbox.addSalesPrice("Customer", "10001", "SKU-0100", BigDecimal.ZERO, new BigDecimal("4.50"));
        JsonNode changed = http.get("/v1/customerSalesPrice", "lastModifiedDateTime", "2026-03-02 12:00:00",
                "lastModifiedDateTimeCondition", ">").json();
        assertThat(changed).extracting(p -> p.get("recordId").asInt()).containsExactly(id);
        assertThat(changed.get(0).get("priceCode").asText()).isEqualTo("10001");
        assertThat(http.get("/v1/customerSalesPrice", "priceType", "Customer", "effectiveAsOf", "2026-03-02T09:00:00Z")
                .json()).isEmpty();
        assertThat(http.get("/v1/customerSalesPrice", "priceType", "Customer", "effectiveAsOf", "2026-03-04T00:00:00Z")
                .json()).hasSize(1);
    }

    @Test
    void a_put_renames_reprices_reweighs_and_deactivates_an_item_and_moves_its_modification_time() {
        clock.advance(Duration.ofMinutes(5));
        assertThat(http.put("/v1/inventory/SKU-0101", com.bcerp.sandbox.http.Json.MAPPER.valueToTree(java.util.Map.of("description", java.util.Map.of("value", "Renamed"),
                "defaultPrice", java.util.Map.of("value", 44.5), "status", java.util.Map.of("value", "Inactive"),
                "packaging", java.util.Map.of("baseItemWeight", java.util.Map.of("value", 0.5)),
                "attributeLines", java.util.List.of(java.util.Map.of("attributeId", java.util.Map.of("value", "SALEPRICE"),
                        "attributeValue", java.util.Map.of("value", "40.00")))))).status()).isEqualTo(204);

        JsonNode changed = http.get("/v1/inventory", "lastModifiedDateTime", "2026-03-02 08:01:00",
                "lastModifiedDateTimeCondition", ">", "expandAttribute", "true").json();
        assertThat(changed).extracting(i -> i.get("inventoryNumber").asText()).containsExactly("SKU-0101");
        JsonNode item = changed.get(0);
        assertThat(item.get("description").asText()).isEqualTo("Renamed");
        assertThat(item.get("defaultPrice").decimalValue()).isEqualByComparingTo("44.5");
        assertThat(item.get("status").asText()).isEqualTo("Inactive");
        assertThat(item.get("packaging").get("baseItemWeight").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(item.get("attributes").get(0).get("value").asText()).isEqualTo("40.00");
        assertThat(http.put("/v1/inventory/NO-SUCH", com.bcerp.sandbox.http.Json.MAPPER.valueToTree(java.util.Map.of("description", java.util.Map.of("value", "x"))))
                .status()).isEqualTo(404);
        assertThat(http.put("/v1/inventory/SKU-0101", com.bcerp.sandbox.http.Json.MAPPER.valueToTree(java.util.Map.of("description", "not wrapped"))).status())
                .isEqualTo(400);
    }
}
