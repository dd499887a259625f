package com.bcerp.sandbox.visma;

import static com.bcerp.sandbox.visma.Dto.plain;
import static com.bcerp.sandbox.visma.Dto.rows;
import static com.bcerp.sandbox.visma.Dto.wrapped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.sandbox.ManualClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Order → shipment → confirm → invoice: createShipment, packages with tracking by PUT (If-Match), confirmShipment, the
 * stock and availability times that move with them, the merchant's {@code ship(...)}, prepareInvoice and the invoice.
 */
class ShipmentTest {

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

    static ObjectNode createShipment(String warehouse) {
        return plain("orderType", "SO", "shipmentDate", "2026-03-02T00:00:00Z", "shipmentWarehouse", warehouse,
                "returnShipmentDto", true);
    }

    static ObjectNode tracking(String trackingNumber) {
        ObjectNode box = wrapped("boxId", "BOX", "trackingNumber", trackingNumber, "weight", 1.5);
        box.put("operation", "Insert");
        ObjectNode body = SandboxHttp.JSON.createObjectNode();
        body.set("shipmentPackageLines", rows(box));
        return body;
    }

    private SandboxHttp.Response putWithIfMatch(String path, ObjectNode body, String etag) {
        return http.send(http.authorised(path).header("Content-Type", "application/json").header("If-Match", etag)
                .PUT(BodyPublishers.ofString(body.toString())).build());
    }

    @Test
    void an_order_is_shipped_tracked_confirmed_and_its_status_and_stock_follow() {
        String order = http.post("/v1/salesorder", SalesOrderTest.order("10002", "BC-700")).createdKey();
        clock.advance(Duration.ofMinutes(1));
        SandboxHttp.Response created = http.post("/v1/salesorder/" + order + "/action/createShipment", createShipment("MAIN"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().get("actionResult").asText()).isEqualTo("Done");
        String shipment = created.json().get("referenceNumber").asText();
        assertThat(shipment).isEqualTo("000001");
        JsonNode dto = created.json().get("shipmentDto");
        assertThat(dto.get("status").asText()).isEqualTo("Open");
        assertThat(dto.get("shipmentDetailLines")).hasSize(1); // the MAIN line only
        assertThat(dto.get("shipmentDetailLines").get(0).get("inventoryNumber").asText()).isEqualTo("SKU-0100");
        assertThat(dto.get("shipmentOrderLines").get(0).get("orderNbr").asText()).isEqualTo(order);
        assertThat(http.get("/v1/salesorder/SO/" + order).json().get("status").asText()).isEqualTo("Shipping");
        JsonNode main = http.get("/v1/inventorysummary/SKU-0100", "warehouse", "MAIN").json().get(0);
        assertThat(main.get("soBooked").decimalValue()).isEqualByComparingTo("0");
        assertThat(main.get("soAllocated").decimalValue()).isEqualByComparingTo("2");

        SandboxHttp.Response read = http.get("/v1/shipment/" + shipment);
        String etag = read.header("ETag");
        assertThat(putWithIfMatch("/v1/shipment/" + shipment, tracking("TRACK-1"), "\"stale\"").status()).isEqualTo(412);
        assertThat(putWithIfMatch("/v1/shipment/" + shipment, tracking("TRACK-1"), etag).status()).isEqualTo(204);
        JsonNode tracked = http.get("/v1/shipment/" + shipment).json();
        assertThat(tracked.get("packages").asInt()).isEqualTo(1);
        assertThat(tracked.get("shipmentPackageLines").get(0).get("trackingNumber").asText()).isEqualTo("TRACK-1");

        clock.advance(Duration.ofMinutes(1));
        SandboxHttp.Response confirmed = http.post("/v1/shipment/" + shipment + "/action/confirmShipment");
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.json().get("actionResult").asText()).isEqualTo("Done");
        assertThat(http.get("/v1/shipment/" + shipment).json().get("status").asText()).isEqualTo("Confirmed");
        assertThat(http.get("/v1/salesorder/SO/" + order).json().get("status").asText()).isEqualTo("BackOrder");
        JsonNode item = http.get("/v1/inventory/SKU-0100").json();
        assertThat(item.get("warehouseDetails").get(0).get("warehouse").asText()).isEqualTo("MAIN");
        assertThat(item.get("warehouseDetails").get(0).get("quantityOnHand").decimalValue()).isEqualByComparingTo("98");
        assertThat(http.post("/v1/shipment/" + shipment + "/action/confirmShipment").status()).isEqualTo(400);

        String west = sandbox.ship(order, "WEST", null, "TRACK-2");
        assertThat(http.get("/v1/shipment/" + west).json().get("shipmentPackageLines").get(0).get("trackingNumber").asText())
                .isEqualTo("TRACK-2");
        JsonNode completed = http.get("/v1/salesorder/SO/" + order).json();
        assertThat(completed.get("status").asText()).isEqualTo("Completed");
        assertThat(completed.get("shipments")).extracting(s -> s.get("shipmentNo").asText()).containsExactly(shipment, west);
        assertThat(http.get("/v1/shipment", "customerNumber", "10002", "status", "Confirmed").json()).hasSize(2);
        assertThat(http.get("/v1/shipment", "customerNumber", "10001").json()).isEmpty();
    }

    @Test
    void availability_last_modified_moves_with_bookings_and_issues_and_only_with_on_hand_under_the_knob() {
        String since = "2026-03-02 08:00:30";
        clock.advance(Duration.ofMinutes(1));
        String order = http.post("/v1/salesorder", SalesOrderTest.order("10002", "BC-710")).createdKey();
        assertThat(changedSince(since)).containsExactly("SKU-0100", "SKU-0101");

        sandbox.faults().availabilityOnHandOnly(true);
        clock.advance(Duration.ofMinutes(1));
        String later = "2026-03-02 08:01:30";
        http.post("/v1/salesorder", SalesOrderTest.order("10002", "BC-711"));
        assertThat(changedSince(later)).isEmpty();
        sandbox.ship(order, null);
        assertThat(changedSince(later)).containsExactly("SKU-0100");
        sandbox.setStock("SKU-0102", "WEST", new BigDecimal("7"));
        assertThat(changedSince(later)).containsExactly("SKU-0100", "SKU-0102");
        assertThat(http.get("/v1/inventorysummary/SKU-0102", "warehouse", "WEST").json().get(0).get("onHand").decimalValue())
                .isEqualByComparingTo("7");
    }

    private java.util.List<String> changedSince(String since) {
        java.util.List<String> numbers = new java.util.ArrayList<>();
        http.get("/v1/inventory", "availabilityLastModifiedDateTime", since, "availabilityLastModifiedDateTimeCondition", ">",
                "expandWarehouseDetail", "true").json().forEach(i -> numbers.add(i.get("inventoryNumber").asText()));
        return numbers;
    }

    @Test
    void create_shipment_needs_its_three_fields_an_open_order_and_something_to_ship() {
        String order = http.post("/v1/salesorder", SalesOrderTest.order("10002", "BC-720")).createdKey();
        assertThat(http.post("/v1/salesorder/" + order + "/action/createShipment", plain("orderType", "SO")).status())
                .isEqualTo(400);
        assertThat(http.post("/v1/salesorder/999999/action/createShipment", createShipment("MAIN")).status()).isEqualTo(404);
        assertThat(http.post("/v1/salesorder/" + order + "/action/createShipment", createShipment("NOWHERE")).status())
                .isEqualTo(400);
        sandbox.ship(order, "MAIN", Map.of(1, BigDecimal.ONE), null);
        assertThat(http.get("/v1/salesorder/SO/" + order).json().get("lines").get(0).get("openQty").decimalValue())
                .isEqualByComparingTo("1");
        assertThatThrownBy(() -> sandbox.ship(order, "MAIN", Map.of(1, new BigDecimal("5")), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only 1");
        assertThat(http.post("/v1/salesorder/" + order + "/action/cancelSalesOrder", plain("orderType", "SO")).status())
                .isEqualTo(400); // it has shipments
        String cancelled = http.post("/v1/salesorder", SalesOrderTest.order("10002", "BC-721")).createdKey();
        http.post("/v1/salesorder/" + cancelled + "/action/cancelSalesOrder", plain("orderType", "SO"));
        assertThat(http.post("/v1/salesorder/" + cancelled + "/action/createShipment", createShipment("MAIN")).json()
                .get("message").asText()).contains("Cancelled");
    }

    @Test
    void prepare_invoice_bills_the_confirmed_shipments_and_the_invoice_names_the_order() {
        String order = http.post("/v1/salesorder", SalesOrderTest.order("10002", "BC-730")).createdKey();
        assertThat(http.post("/v2/salesorder/SO/" + order + "/action/prepareInvoice").status()).isEqualTo(400);
        sandbox.ship(order, "MAIN", null, "T1");
        sandbox.ship(order, "WEST", null, "T2");
        SandboxHttp.Response prepared = http.post("/v2/salesorder/SO/" + order + "/action/prepareInvoice");
        assertThat(prepared.status()).isEqualTo(204);
        assertThat(prepared.body()).isEmpty();

        JsonNode o = http.get("/v1/salesorder/SO/" + order).json();
        assertThat(o.get("status").asText()).isEqualTo("Invoiced");
        String invoiceNbr = o.get("invoiceNbr").asText();
        JsonNode found = http.get("/v1/customerinvoice", "customerRefNumber", "BC-730").json();
        assertThat(found).extracting(i -> i.get("referenceNumber").asText()).containsExactly(invoiceNbr);
        JsonNode invoice = http.get("/v1/customerinvoice/" + invoiceNbr).json();
        assertThat(invoice.get("status").asText()).isEqualTo("Balanced");
        assertThat(invoice.get("amountInCurrency").decimalValue()).isEqualByComparingTo(o.get("orderTotal").decimalValue());
        assertThat(invoice.get("vatTotalInCurrency").decimalValue()).isEqualByComparingTo("52.50");
        assertThat(invoice.get("invoiceLines")).hasSize(2);
        SandboxHttp.Response released = http.post("/v1/customerinvoice/" + invoiceNbr + "/action/release");
        assertThat(released.json().get("actionResult").asText()).isEqualTo("Done");
        assertThat(http.get("/v1/customerinvoice/" + invoiceNbr).json().get("status").asText()).isEqualTo("Open");
        assertThat(http.post("/v1/customerinvoice/" + invoiceNbr + "/action/release").status()).isEqualTo(400);
        assertThat(http.get("/v1/shipment/000001").json().get("shipmentOrderLines").get(0).get("invoiceNbr").asText())
                .isEqualTo(invoiceNbr);
        assertThat(sandbox.shipments()).hasSize(2).allSatisfy(sh -> assertThat(sh.get("status").asText()).isEqualTo("Invoiced"));
        assertThat(sandbox.invoices()).extracting(i -> i.get("referenceNumber").asText()).containsExactly(invoiceNbr);
    }
}
