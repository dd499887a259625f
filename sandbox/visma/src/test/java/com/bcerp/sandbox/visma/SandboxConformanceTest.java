package com.bcerp.sandbox.visma;

import static com.bcerp.sandbox.visma.Dto.wrapped;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every request these tests send and every answer the sandbox gives conforms to the vendor's OpenAPI file
 * ({@code visma/swagger.json}); error answers, which the file does not declare, have one of Visma's error shapes.
 */
class SandboxConformanceTest {

    private static VismaSpec spec;
    private static VismaSandbox sandbox;
    private static SandboxHttp http;

    @BeforeAll
    static void start() {
        spec = VismaSpec.load();
        sandbox = VismaSandbox.start(VismaSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @BeforeEach
    void reset() {
        sandbox.calls().reset();
    }

    private void assertEveryExchangeConforms() {
        assertThat(sandbox.calls().exchanges()).isNotEmpty().allSatisfy(spec::assertConforms);
    }

    @Test
    void customer_and_reference_data_exchanges_conform() {
        String number = http.post("/v1/customer", CustomerTest.grace()).createdKey();
        http.put("/v1/customer/" + number, wrapped("name", "Grace B. Hopper", "status", "OnHold"));
        http.get("/v1/customer/" + number);
        http.get("/v1/customer", "email", "grace@example.com", "pageNumber", "1", "pageSize", "100");
        http.get("/v1/customer", "attributes", "{\"BCID\":\"42\"}", "lastModifiedDateTime", "2020-01-01 00:00:00",
                "lastModifiedDateTimeCondition", ">=");
        http.get("/v1/vat");
        http.get("/v1/vat/3");
        http.get("/v1/vatCategory");
        http.get("/v1/vatCategory/HIGH");
        http.get("/v1/vatZone", "pageNumber", "1", "pageSize", "10");
        http.get("/v1/vatZone/DOMESTIC");
        assertEveryExchangeConforms();
    }

    @Test
    void sales_order_exchanges_conform() {
        com.fasterxml.jackson.databind.node.ObjectNode body = SalesOrderTest.order("10002", "BC-C1");
        body.setAll(wrapped("overrideNumberSeries", true, "orderNumber", "BCC1", "hold", false, "currency", "NOK"));
        body.set("soShippingAddress", SandboxHttp.JSON.createObjectNode().set("value",
                wrapped("overrideAddress", true, "addressLine1", "Kaigata 2", "postalCode", "5016", "city", "Bergen",
                        "countryId", "NO")));
        String number = http.post("/v1/salesorder", body).createdKey();
        String second = http.post("/v1/salesorder", SalesOrderTest.order("10001", "BC-C2")).createdKey();
        com.fasterxml.jackson.databind.node.ObjectNode put = wrapped("orderType", "SO", "description", "changed");
        put.set("lines", Dto.rows(Dto.line("SKU-0102", 1, 10)));
        http.put("/v1/salesorder/" + number, put);
        http.get("/v1/salesorder/SO/" + number);
        http.get("/v1/salesorder/" + second);
        http.get("/v1/salesorder", "orderType", "SO", "status", "Open", "greaterThanValue", "000000", "showNotes", "true",
                "lastModifiedDateTime", "2020-01-01", "lastModifiedDateTimeCondition", ">", "pageNumber", "1", "pageSize", "50");
        http.get("/v1/customer/10002/salesorder", "status", "Open");
        http.post("/v1/salesorder/" + second + "/action/cancelSalesOrder", Dto.plain("orderType", "SO"));
        String v2 = http.post("/v2/salesorder", SalesOrderTest.order("10001", "BC-C9")).createdKey();
        http.get("/v2/salesorder/" + v2);
        http.get("/v2/salesorder", "orderType", "SO", "showNotes", "false");
        http.post("/v2/salesorder/" + v2 + "/action/cancelSalesOrder", Dto.plain("orderType", "SO"));
        http.post("/v1/salesorder", SalesOrderTest.order("99999", "BC-C3"));     // 400: no such customer
        http.get("/v1/salesorder/SO/NOPE");                                      // 404
        assertEveryExchangeConforms();
    }

    @Test
    void inventory_exchanges_conform() {
        http.post("/v1/salesorder", SalesOrderTest.order("10002", "BC-C4"));
        http.get("/v1/inventory", "availabilityLastModifiedDateTime", "2020-01-01 00:00:00",
                "availabilityLastModifiedDateTimeCondition", ">", "expandWarehouseDetail", "true", "pageNumber", "1",
                "pageSize", "5000");
        http.get("/v1/inventory", "inventoryTypes", "NonStockItem", "status", "Active");
        http.get("/v1/inventory/SKU-0100");
        http.get("/v1/inventorysummary/SKU-0100");
        http.get("/v1/inventorysummary/SKU-0100", "warehouse", "WEST");
        http.get("/v1/warehouse");
        http.get("/v1/warehouse/MAIN");
        http.get("/v1/inventory", "greaterThanValue", "SKU-0120", "expandWarehouseDetail", "false");
        http.get("/v1/customerSalesPrice", "priceType", "CustomerPriceClass", "priceCode", "WHOLESALE", "inventoryId",
                "SKU-0100", "effectiveAsOf", "2026-01-01T00:00:00Z", "pageNumber", "1", "pageSize", "10");
        http.get("/v1/customerSalesPrice", "lastModifiedDateTime", "2020-01-01", "lastModifiedDateTimeCondition", ">");
        // the catalogue's read and a merchant's item edit
        http.put("/v1/inventory/SKU-0101", com.bcerp.sandbox.http.Json.MAPPER.valueToTree(java.util.Map.of("description", java.util.Map.of("value", "Renamed"),
                "defaultPrice", java.util.Map.of("value", 44.5), "status", java.util.Map.of("value", "Active"),
                "packaging", java.util.Map.of("baseItemWeight", java.util.Map.of("value", 0.5)),
                "attributeLines", java.util.List.of(java.util.Map.of("attributeId", java.util.Map.of("value", "SALEPRICE"),
                        "attributeValue", java.util.Map.of("value", "40.00"))))));
        http.get("/v1/inventory", "expandWarehouseDetail", "true", "expandAttribute", "true", "addCostPriceStatistics",
                "true", "lastModifiedDateTime", "2020-01-01 00:00:00.000", "lastModifiedDateTimeCondition", ">",
                "pageNumber", "1", "pageSize", "500");
        assertEveryExchangeConforms();
    }

    @Test
    void shipment_and_invoice_exchanges_conform() {
        String order = http.post("/v1/salesorder", SalesOrderTest.order("10002", "BC-C5")).createdKey();
        String shipment = http.post("/v1/salesorder/" + order + "/action/createShipment", ShipmentTest.createShipment("MAIN"))
                .json().get("referenceNumber").asText();
        http.put("/v1/shipment/" + shipment, ShipmentTest.tracking("TRACK-C5"));
        http.post("/v1/shipment/" + shipment + "/action/confirmShipment");
        http.get("/v1/shipment/" + shipment);
        http.get("/v1/shipment", "customerNumber", "10002", "status", "Confirmed", "shipmentType", "Issue",
                "shipmentDate", "2020-01-01", "shipmentDateCondition", ">=", "pageNumber", "1", "pageSize", "10");
        sandbox.ship(order, "WEST", null, null);
        http.post("/v2/salesorder/SO/" + order + "/action/prepareInvoice");
        String invoice = http.get("/v1/salesorder/SO/" + order).json().get("invoiceNbr").asText();
        http.get("/v1/customerinvoice", "customerRefNumber", "BC-C5", "documentType", "Invoice");
        http.get("/v1/customerinvoice/" + invoice);
        http.post("/v1/customerinvoice/" + invoice + "/action/release");
        http.post("/v1/shipment/" + shipment + "/action/confirmShipment");   // 400: confirmed already
        assertEveryExchangeConforms();
    }

    @Test
    void credit_note_exchanges_conform() {
        String order = http.post("/v1/salesorder", SalesOrderTest.order("10002", "BC-C6")).createdKey();
        sandbox.ship(order, "MAIN", null, "T-C6");
        String invoice = sandbox.invoice(order);
        String note = http.post("/v2/customerCreditNote", CreditNoteTest.refund(invoice, "RF-C6", 125)).createdKey();
        http.get("/v1/customerCreditNote/" + note);
        http.get("/v1/customerCreditNote", "externalReference", "RF-C6", "customer", "10002", "status", "Balanced",
                "documentDate", "2020-01-01T00:00:00Z", "documentDateCondition", ">", "pageNumber", "1", "pageSize", "10");
        http.post("/v1/customerCreditNote/" + note + "/action/release");
        http.post("/v1/customerCreditNote/" + note + "/action/release");                  // 400: released already
        http.post("/v2/customerCreditNote", CreditNoteTest.refund("999999", "RF-C7", 1));  // 400: no such invoice
        assertEveryExchangeConforms();
    }

    @Test
    void payment_exchanges_conform() {
        String order = http.post("/v1/salesorder", SalesOrderTest.order("10002", "BC-C8")).createdKey();
        com.fasterxml.jackson.databind.node.ObjectNode body = PaymentTest.payment(282.50);
        body.setAll(wrapped("invoiceText", "Store order BC-C8", "currency", "NOK", "hold", false));
        body.set("ordersToApply", Dto.rows(PaymentTest.toOrder(order, 282.50)));
        String payment = http.post("/v1/customerPayment", body).createdKey();
        http.get("/v1/customerPayment/" + payment);
        http.post("/v1/customerPayment/" + payment + "/action/release", PaymentTest.release());
        sandbox.ship(order, "MAIN", null, null);
        sandbox.ship(order, "WEST", null, null);
        sandbox.invoice(order);
        http.get("/v1/customerPayment", "customer", "10002", "paymentType", "Payment", "status", "Closed",
                "docDate", "2020-01-01T00:00:00Z", "docDateCondition", ">", "pageNumber", "1", "pageSize", "10");
        http.post("/v1/customerPayment/" + payment + "/action/void", Dto.plain("type", "Payment"));
        http.post("/v1/customerPayment", PaymentTest.payment(-1));                      // 400
        assertEveryExchangeConforms();
    }

    @Test
    void error_answers_have_visma_shapes() {
        http.post("/v1/customer", wrapped("currencyId", "NOK"));          // 400 message: no name
        http.get("/v1/customer/NOBODY");                                   // 404 message
        http.get("/v1/customer", "lastModifiedDateTime", "2020-01-01");     // 400: condition missing
        assertThat(sandbox.calls().exchanges()).extracting(e -> e.status()).containsExactly(400, 404, 400);
        assertEveryExchangeConforms();
    }
}
