package com.bcerp.sandbox.acumatica;

import static com.bcerp.sandbox.acumatica.Bodies.entity;
import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.sandbox.calls.CallLog;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stock items, templates, warehouses, item-warehouse records, kits and the two inquiries, as a client sees them over
 * HTTP; and every one of those exchanges, refusals included, conforms to the vendor's OpenAPI file.
 */
class ItemBookTest {

    private static AcumaticaSandbox sandbox;
    private static SandboxHttp http;

    @BeforeAll
    static void start() {
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
        sandbox.items().addWarehouse("EAST", "East");
        sandbox.items().setQuantities("SKU-0100", "EAST", new BigDecimal("7"), new BigDecimal("5"), new BigDecimal("4"));
        sandbox.items().setSafetyStock("SKU-0100", "EAST", BigDecimal.ONE);
        sandbox.items().addKit("KIT-1", "Kit", Map.of("SKU-0101", new BigDecimal("2")));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void the_inventory_summary_answers_one_row_per_warehouse_and_needs_a_known_item() {
        JsonNode answer = http.put("InventorySummaryInquiry", entity("InventoryID", "SKU-0100"), "$expand", "Results").json();
        List<String> rows = new ArrayList<>();
        answer.get("Results").forEach(r -> rows.add(r.at("/WarehouseID/value").asText() + " "
                + r.at("/QtyOnHand/value").decimalValue() + "/" + r.at("/QtyAvailable/value").decimalValue() + "/"
                + r.at("/QtyAvailableForShipment/value").decimalValue()));
        assertThat(rows).containsExactly("EAST 7/5/4", "MAIN 25/25/25");

        SandboxHttp.Response unknown = http.put("InventorySummaryInquiry", entity("InventoryID", "NOPE"), "$expand", "Results");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().at("/InventoryID/error").asText()).contains("cannot be found");
        assertThat(http.put("InventorySummaryInquiry", entity("WarehouseID", "MAIN")).json().at("/InventoryID/error").asText())
                .contains("cannot be empty");
    }

    @Test
    void available_quantities_come_for_items_changed_since_the_time_given() throws InterruptedException {
        Instant before = Instant.now();
        Thread.sleep(5);
        sandbox.items().setQuantities("SKU-0102", "MAIN", BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE);

        JsonNode answer = http.put("InventoryQuantityAvailable", entity("LastModifiedDateTime", before.toString()),
                "$expand", "Results").json();

        assertThat(answer.get("Results")).hasSize(1);
        assertThat(answer.at("/Results/0/InventoryID/value").asText()).isEqualTo("SKU-0102");
        assertThat(answer.at("/Results/0/QtyAvailable/value").decimalValue()).isEqualByComparingTo("1");
    }

    @Test
    void lists_filter_page_and_expand_as_asked() {
        JsonNode page = http.get("StockItem", "$select", "InventoryID", "$top", "5", "$skip", "5").json();
        assertThat(page).hasSize(5);
        assertThat(page.get(0).has("Description")).isFalse();

        JsonNode two = http.get("ItemWarehouse", "$filter", "InventoryID eq 'SKU-0100' or InventoryID eq 'SKU-0101'").json();
        List<String> records = new ArrayList<>();
        two.forEach(r -> records.add(r.at("/InventoryID/value").asText() + "@" + r.at("/WarehouseID/value").asText()
                + " " + r.at("/SafetyStock/value").decimalValue()));
        assertThat(records).containsExactly("SKU-0100@EAST 1", "SKU-0100@MAIN 0", "SKU-0101@MAIN 0");

        JsonNode tee = http.get("TemplateItems/TEE-200", "$expand", "Matrix,Attributes").json();
        assertThat(tee.get("Matrix")).hasSize(9);
        assertThat(tee.at("/Attributes/0/AttributeID/value").asText()).isEqualTo("COLOR");
        JsonNode variant = http.get("StockItem/TEE-200-RED-S", "$expand", "Attributes,WarehouseDetails").json();
        assertThat(variant.at("/TemplateItemID/value").asText()).isEqualTo("TEE-200");
        assertThat(variant.at("/Attributes/0/ValueDescription/value").asText()).isEqualTo("Red");

        JsonNode kits = http.get("KitSpecification", "$expand", "StockComponents").json();
        assertThat(kits.at("/0/StockComponents/0/StockInventoryID/value").asText()).isEqualTo("SKU-0101");
        assertThat(http.get("Warehouse", "$filter", "Active eq true").json()).hasSize(2);
    }

    @Test
    void stock_and_catalogue_exchanges_conform() {
        AcumaticaSpec spec = AcumaticaSpec.load();
        sandbox.calls().reset();
        http.get("StockItem", "$expand", "Attributes,WarehouseDetails", "$filter", "LastModifiedDateTime gt datetimeoffset'2020-01-01T00:00:00Z'", "$top", "3");
        http.get("StockItem/SKU-0100", "$expand", "WarehouseDetails");
        http.get("TemplateItems", "$expand", "Matrix,Attributes", "$top", "1");
        http.get("Warehouse");
        http.get("ItemWarehouse", "$select", "InventoryID,WarehouseID,SafetyStock", "$filter", "InventoryID eq 'SKU-0100'");
        http.get("KitSpecification", "$expand", "StockComponents");
        http.put("InventorySummaryInquiry", entity("InventoryID", "SKU-0100"), "$expand", "Results");
        http.put("InventorySummaryInquiry", entity("InventoryID", "NOPE"), "$expand", "Results");
        http.put("InventoryQuantityAvailable", entity("LastModifiedDateTime", "2020-01-01T00:00:00Z"), "$expand", "Results");

        assertThat(sandbox.calls().exchanges()).extracting(CallLog.Exchange::status).contains(200, 422);
        assertThat(sandbox.calls().exchanges()).allSatisfy(spec::assertConforms);
    }
}
