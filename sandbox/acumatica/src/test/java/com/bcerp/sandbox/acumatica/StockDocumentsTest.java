package com.bcerp.sandbox.acumatica;

import static com.bcerp.sandbox.acumatica.Bodies.entity;
import static com.bcerp.sandbox.acumatica.Bodies.line;
import static com.bcerp.sandbox.acumatica.Bodies.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.sandbox.calls.CallLog;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Quantities move through documents, as in Acumatica: released receipts, issues, adjustments and transfers, and
 * confirmed shipments; the documents read over HTTP on their modification time; the two readings of GI640590; every
 * exchange conforms to the vendor's OpenAPI file.
 */
class StockDocumentsTest {

    private AcumaticaSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
        sandbox.items().addWarehouse("EAST", "East");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private BigDecimal available(String item, String warehouse) {
        return sandbox.items().stockOf(item).get(warehouse)[1];
    }

    @Test
    void released_documents_move_quantities_and_are_read_on_their_modification_time() throws InterruptedException {
        sandbox.receiveStock("MAIN", Map.of("SKU-0100", new BigDecimal("5")));
        Instant before = Instant.now();
        Thread.sleep(5);
        String receipt = sandbox.receiveStock("MAIN", Map.of("SKU-0101", new BigDecimal("10")));
        sandbox.issueStock("MAIN", Map.of("SKU-0102", new BigDecimal("3")));
        sandbox.adjustStock("MAIN", Map.of("SKU-0103", new BigDecimal("-2")));
        sandbox.transferStock("MAIN", "EAST", Map.of("SKU-0104", new BigDecimal("4")));

        assertThat(available("SKU-0100", "MAIN")).isEqualByComparingTo("30");
        assertThat(available("SKU-0101", "MAIN")).isEqualByComparingTo("35");
        assertThat(available("SKU-0102", "MAIN")).isEqualByComparingTo("22");
        assertThat(available("SKU-0103", "MAIN")).isEqualByComparingTo("23");
        assertThat(available("SKU-0104", "MAIN")).isEqualByComparingTo("21");
        assertThat(available("SKU-0104", "EAST")).isEqualByComparingTo("4");

        String since = "LastModifiedDateTime gt datetimeoffset'" + before + "'";
        JsonNode receipts = http.get("InventoryReceipt", "$filter", since, "$expand", "Details",
                "$select", "LastModifiedDateTime,Details/InventoryID").json();
        assertThat(receipts).hasSize(1);
        assertThat(receipts.at("/0/Details/0/InventoryID/value").asText()).isEqualTo("SKU-0101");
        JsonNode all = http.get("InventoryReceipt", "$expand", "Details").json();
        assertThat(all).hasSize(2);
        assertThat(all.at("/1/ReferenceNbr/value").asText()).isEqualTo(receipt);
        assertThat(all.at("/1/Status/value").asText()).isEqualTo("Released");
        assertThat(all.at("/1/Details/0/WarehouseID/value").asText()).isEqualTo("MAIN");
        assertThat(all.at("/1/Details/0/Qty/value").decimalValue()).isEqualByComparingTo("10");
        List<String> moved = new ArrayList<>();
        for (String entity : List.of("InventoryIssue", "InventoryAdjustment", "TransferOrder")) {
            http.get(entity, "$filter", since, "$expand", "Details").json()
                    .forEach(d -> moved.add(entity + " " + d.at("/Details/0/InventoryID/value").asText()
                            + " " + d.at("/Details/0/Qty/value").decimalValue().toPlainString()));
        }
        assertThat(moved).containsExactly("InventoryIssue SKU-0102 3", "InventoryAdjustment SKU-0103 -2",
                "TransferOrder SKU-0104 4");
    }

    @Test
    void a_kit_assembly_takes_its_components_out_and_puts_the_kits_in() throws InterruptedException {
        sandbox.items().addKit("KIT-1", "Kit", Map.of("SKU-0105", new BigDecimal("2")));
        Instant before = Instant.now();
        Thread.sleep(5);

        String nbr = sandbox.assembleKits("KIT-1", "MAIN", new BigDecimal("3"));

        assertThat(available("SKU-0105", "MAIN")).isEqualByComparingTo("19");
        assertThat(available("KIT-1", "MAIN")).isEqualByComparingTo("3");
        JsonNode assemblies = http.get("KitAssembly", "$filter", "LastModifiedDateTime gt datetimeoffset'" + before + "'",
                "$expand", "StockComponents").json();
        assertThat(assemblies).hasSize(1);
        assertThat(assemblies.at("/0/ReferenceNbr/value").asText()).isEqualTo(nbr);
        assertThat(assemblies.at("/0/StockComponents/0/StockInventoryID/value").asText()).isEqualTo("SKU-0105");
        assertThat(assemblies.at("/0/StockComponents/0/Qty/value").decimalValue()).isEqualByComparingTo("6");
    }

    @Test
    void a_confirmed_shipment_takes_its_quantities_out_of_the_warehouse() {
        String customer = http.put("Customer", Bodies.customer("Ada", "ada@example.com")).json().at("/CustomerID/value").asText();
        String nbr = http.put("SalesOrder", entity("OrderType", "SO", "CustomerID", customer, "ExternalRef", "BC-abc-1",
                "Details", rows(line("SKU-0100", 3, 10)))).json().at("/OrderNbr/value").asText();
        String shipment = sandbox.createShipment("SO", nbr, "UPSGROUND", Map.of(1, new BigDecimal("2")), List.of("1Z1"));
        assertThat(available("SKU-0100", "MAIN")).as("an open shipment moves nothing").isEqualByComparingTo("25");

        sandbox.confirmShipment(shipment);

        assertThat(available("SKU-0100", "MAIN")).isEqualByComparingTo("23");
        assertThat(sandbox.items().stockOf("SKU-0100").get("MAIN")[0]).as("on hand").isEqualByComparingTo("23");
        assertThat(http.get("Shipment/" + shipment, "$expand", "Details").json().at("/Details/0/WarehouseID/value").asText())
                .isEqualTo("MAIN");
    }

    @Test
    void the_available_quantity_inquiry_reads_its_date_as_the_knob_says() throws InterruptedException {
        Instant before = Instant.now();
        Thread.sleep(5);
        sandbox.receiveStock("MAIN", Map.of("SKU-0102", BigDecimal.ONE));

        JsonNode changed = http.put("InventoryQuantityAvailable", entity("LastModifiedDateTime", before.toString()),
                "$expand", "Results").json().get("Results");
        assertThat(changed).hasSize(1);
        assertThat(changed.at("/0/InventoryID/value").asText()).isEqualTo("SKU-0102");
        assertThat(changed.at("/0/LastModifiedDateTime/value").asText()).isNotEmpty();

        sandbox.faults().quantityInquiry(Faults.QuantityInquiry.AS_OF);
        JsonNode asOf = http.put("InventoryQuantityAvailable", entity("LastModifiedDateTime", before.toString()),
                "$expand", "Results").json().get("Results");
        assertThat(asOf).as("every item, as of the date").hasSize(sandbox.items().itemCount() - kitsWithoutStock());
        asOf.forEach(row -> assertThat(row.has("LastModifiedDateTime")).as("no row carries a time").isFalse());
        JsonNode one = http.put("InventoryQuantityAvailable", entity("InventoryID", "SKU-0102", "LastModifiedDateTime",
                before.toString()), "$expand", "Results").json().get("Results");
        assertThat(one).hasSize(1);
        assertThat(one.at("/0/QtyAvailable/value").decimalValue()).isEqualByComparingTo("26");
    }

    private int kitsWithoutStock() {
        return (int) sandbox.items().itemIds().stream().filter(i -> sandbox.items().stockOf(i).isEmpty()).count();
    }

    @Test
    void stock_document_exchanges_conform() {
        AcumaticaSpec spec = AcumaticaSpec.load();
        sandbox.receiveStock("MAIN", Map.of("SKU-0100", new BigDecimal("5")));
        sandbox.issueStock("MAIN", Map.of("SKU-0101", BigDecimal.ONE));
        sandbox.adjustStock("MAIN", Map.of("SKU-0102", new BigDecimal("-1")));
        sandbox.transferStock("MAIN", "EAST", Map.of("SKU-0103", BigDecimal.ONE));
        sandbox.items().addKit("KIT-1", "Kit", Map.of("SKU-0105", BigDecimal.ONE));
        sandbox.assembleKits("KIT-1", "MAIN", BigDecimal.ONE);
        sandbox.faults().strictNestedSelect(true);
        sandbox.calls().reset();
        String since = "LastModifiedDateTime gt datetimeoffset'2020-01-01T00:00:00Z'";
        for (String entity : List.of("InventoryReceipt", "InventoryIssue", "InventoryAdjustment", "TransferOrder")) {
            http.get(entity, "$filter", since, "$expand", "Details");
            http.get(entity, "$filter", since, "$expand", "Details", "$select", "LastModifiedDateTime,Details/InventoryID",
                    "$top", "1000", "$skip", "0");
        }
        http.get("KitAssembly", "$filter", since, "$expand", "StockComponents");
        http.get("KitAssembly", "$filter", since, "$expand", "StockComponents", "$select",
                "LastModifiedDateTime,StockComponents/StockInventoryID", "$top", "1000", "$skip", "0");
        sandbox.faults().quantityInquiry(Faults.QuantityInquiry.AS_OF);
        http.put("InventoryQuantityAvailable", entity("LastModifiedDateTime", "2020-01-01T00:00:00Z"), "$expand", "Results");

        assertThat(sandbox.calls().exchanges()).hasSize(11).extracting(CallLog.Exchange::status).containsOnly(200);
        assertThat(sandbox.calls().exchanges()).allSatisfy(spec::assertConforms);
    }
}
