package com.bcerp.sandbox.acumatica;

import static com.bcerp.sandbox.acumatica.Bodies.entity;
import static com.bcerp.sandbox.acumatica.Bodies.line;
import static com.bcerp.sandbox.acumatica.Bodies.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Shipments with packages and SO invoices, made as the warehouse makes them, read over HTTP as the connector reads
 * them; what they do to the sales order; every exchange conforms to the vendor's OpenAPI file.
 */
class ShipmentTest {

    private AcumaticaSandbox sandbox;
    private SandboxHttp http;
    private String nbr;

    @BeforeEach
    void order() {
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
        String customer = http.put("Customer", Bodies.customer("Ada", "ada@example.com")).json().get("CustomerID")
                .get("value").asText();
        ObjectNode tee = line("SKU-0100", 3, new BigDecimal("10"));
        tee.set("ExternalRef", entity().put("value", "100"));
        ObjectNode mug = line("SKU-0101", 1, new BigDecimal("5"));
        mug.set("ExternalRef", entity().put("value", "101"));
        nbr = http.put("SalesOrder", entity("OrderType", "SO", "CustomerID", customer, "ExternalRef", "BC-abc-250",
                "CustomerOrder", "250", "Details", rows(tee, mug, line("HANDLING", 1, 4)))).json().get("OrderNbr")
                .get("value").asText();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void a_partial_then_a_final_shipment_move_the_order_to_back_order_then_completed_and_invoiced() {
        String first = sandbox.createShipment("SO", nbr, "UPSGROUND", Map.of(1, new BigDecimal("2")), List.of("1Z111"));
        assertThat(status()).as("an open shipment does not move the order").isEqualTo("Open");
        sandbox.confirmShipment(first);
        assertThat(status()).isEqualTo("Back Order");
        assertThat(orderLine(1).get("OpenQty").get("value").decimalValue()).isEqualByComparingTo("1");

        Map<Integer, BigDecimal> rest = new LinkedHashMap<>();
        rest.put(1, BigDecimal.ONE);
        rest.put(2, BigDecimal.ONE);
        String second = sandbox.createShipment("SO", nbr, "DHL", rest, List.of("JD2", "JD3"));
        sandbox.calls().reset();
        http.send(http.authorised("Shipment/ConfirmShipment").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"entity\":{\"ShipmentNbr\":{\"value\":\""
                        + second + "\"}}}")).build());
        assertThat(status()).as("the handling charge does not ship").isEqualTo("Completed");

        String invoice = sandbox.invoiceOrder("SO", nbr);
        assertThat(status()).isEqualTo("Invoiced");

        JsonNode shipments = http.get("Shipment", "$filter", "LastModifiedDateTime gt datetimeoffset'2000-01-01T00:00:00Z'",
                "$expand", "Details,Packages,Orders").json();
        assertThat(shipments).hasSize(2);
        JsonNode shipped = http.get("Shipment/" + second, "$expand", "Details,Packages").json();
        assertThat(shipped.get("Status").get("value").asText()).isEqualTo("Invoiced");
        assertThat(shipped.get("ShipVia").get("value").asText()).isEqualTo("DHL");
        assertThat(shipped.get("Packages")).extracting(p -> p.get("TrackingNbr").get("value").asText())
                .containsExactly("JD2", "JD3");
        assertThat(shipped.get("Details")).extracting(d -> d.get("OrderLineNbr").get("value").asInt(),
                d -> d.get("ShippedQty").get("value").decimalValue().intValue()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, 1), org.assertj.core.groups.Tuple.tuple(2, 1));
        JsonNode order = http.get("SalesOrder/SO/" + nbr, "$expand", "Details,Shipments").json();
        assertThat(order.get("Shipments")).extracting(s -> s.get("ShipmentNbr").get("value").asText(),
                s -> s.get("InvoiceNbr").get("value").asText()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(first, invoice), org.assertj.core.groups.Tuple.tuple(second, invoice));
        JsonNode invoiceRecord = http.get("SalesInvoice/Invoice/" + invoice, "$expand", "Details").json();
        assertThat(invoiceRecord.get("Details")).hasSize(3);
        http.get("SalesInvoice", "$filter", "ExternalRef eq 'BC-abc-250'");

        assertThat(sandbox.calls().exchanges()).isNotEmpty().allSatisfy(AcumaticaSpec.load()::assertConforms);
    }

    @Test
    void a_shipments_lines_follow_the_orders_line_order_whatever_order_they_were_asked_in() {
        Map<Integer, BigDecimal> reversed = new LinkedHashMap<>();
        reversed.put(2, BigDecimal.ONE);
        reversed.put(1, new BigDecimal("3"));
        String shipment = sandbox.createShipment("SO", nbr, "UPSGROUND", reversed, List.of());
        JsonNode shipped = http.get("Shipment/" + shipment, "$expand", "Details").json();
        assertThat(shipped.get("Details")).extracting(d -> d.get("LineNbr").get("value").asInt(),
                d -> d.get("OrderLineNbr").get("value").asInt(), d -> d.get("InventoryID").get("value").asText())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 1, "SKU-0100"),
                        org.assertj.core.groups.Tuple.tuple(2, 2, "SKU-0101"));
    }

    @Test
    void a_released_invoice_takes_payments_until_it_is_closed_and_lists_them_on_its_applications_tab() {
        sandbox.confirmShipment(sandbox.createShipment("SO", nbr, "UPSGROUND", Map.of(1, new BigDecimal("3"), 2, BigDecimal.ONE),
                List.of("1Z1")));
        String invoice = sandbox.invoiceOrder("SO", nbr);
        assertThatThrownBy(() -> sandbox.payInvoice("Invoice", invoice, "WIRE", "BT-1", BigDecimal.ONE))
                .as("a prepared invoice is not in AR yet").hasMessageContaining("only a released (Open) invoice");
        sandbox.calls().reset();
        String release = "{\"entity\":{\"Type\":{\"value\":\"Invoice\"},\"ReferenceNbr\":{\"value\":\"" + invoice + "\"}}}";
        assertThat(http.send(http.authorised("SalesInvoice/ReleaseSalesInvoice").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(release)).build()).status()).isEqualTo(204);
        assertThat(http.send(http.authorised("SalesInvoice/ReleaseSalesInvoice").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(release)).build()).status())
                .as("released already: the action is off").isEqualTo(500);

        String part = sandbox.payInvoice("Invoice", invoice, "WIRE", "BT-2026-118", new BigDecimal("10.00"));
        assertThatThrownBy(() -> sandbox.payInvoice("Invoice", invoice, "WIRE", "BT-2", new BigDecimal("30.00")))
                .hasMessageContaining("owes 25.00");
        JsonNode open = http.get("SalesInvoice/Invoice/" + invoice, "$expand", "ApplicationsInvoice").json();
        assertThat(open.get("Status").get("value").asText()).isEqualTo("Open");
        assertThat(open.get("Balance").get("value").decimalValue()).isEqualByComparingTo("25.00");
        String rest = sandbox.payInvoice("Invoice", invoice, "CHECK", "5521", new BigDecimal("25.00"));

        JsonNode closed = http.get("SalesInvoice/Invoice/" + invoice, "$expand", "ApplicationsInvoice").json();
        assertThat(closed.get("Status").get("value").asText()).isEqualTo("Closed");
        assertThat(closed.get("Balance").get("value").decimalValue()).isEqualByComparingTo("0");
        assertThat(closed.get("ApplicationsInvoice")).extracting(a -> a.get("DocType").get("value").asText(),
                a -> a.get("AdjustingDocReferenceNbr").get("value").asText(), a -> a.get("PaymentRef").get("value").asText(),
                a -> a.get("AmountPaid").get("value").decimalValue().stripTrailingZeros().toPlainString()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Payment", part, "BT-2026-118", "10"),
                org.assertj.core.groups.Tuple.tuple("Payment", rest, "5521", "25"));
        JsonNode payment = http.get("Payment/Payment/" + rest, "$expand", "DocumentsToApply").json();
        assertThat(payment.get("Status").get("value").asText()).isEqualTo("Closed");
        assertThat(payment.get("DocumentsToApply")).extracting(d -> d.get("ReferenceNbr").get("value").asText(),
                d -> d.get("AmountPaid").get("value").decimalValue().stripTrailingZeros().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(invoice, "25"));
        assertThatThrownBy(() -> sandbox.payInvoice("Invoice", invoice, "WIRE", "BT-3", BigDecimal.ONE))
                .hasMessageContaining("is Closed");
        assertThat(status()).as("paying the invoice leaves the sales order as it was").isEqualTo("Invoiced");

        assertThat(sandbox.calls().exchanges()).isNotEmpty().allSatisfy(AcumaticaSpec.load()::assertConforms);
    }

    @Test
    void shipping_more_than_is_open_a_charge_or_a_cancelled_order_is_refused_and_hold_shows() {
        assertThatThrownBy(() -> sandbox.createShipment("SO", nbr, "UPSGROUND", Map.of(1, new BigDecimal("4")), List.of()))
                .hasMessageContaining("has 3 left to ship");
        assertThatThrownBy(() -> sandbox.createShipment("SO", nbr, "UPSGROUND", Map.of(3, BigDecimal.ONE), List.of()))
                .hasMessageContaining("non-stock charge");
        sandbox.createShipment("SO", nbr, "UPSGROUND", Map.of(1, new BigDecimal("2")), List.of());
        assertThatThrownBy(() -> sandbox.createShipment("SO", nbr, "UPSGROUND", Map.of(1, new BigDecimal("2")), List.of()))
                .as("an open shipment holds its quantity").hasMessageContaining("has 1 left to ship");

        sandbox.holdOrder("SO", nbr);
        assertThat(status()).isEqualTo("On Hold");
        sandbox.cancelOrder("SO", nbr);
        assertThat(status()).isEqualTo("Cancelled");
        assertThatThrownBy(() -> sandbox.createShipment("SO", nbr, "UPSGROUND", Map.of(2, BigDecimal.ONE), List.of()))
                .hasMessageContaining("only an open order ships");
    }

    @Test
    void an_edit_of_a_partly_shipped_order_keeps_its_status_and_shipped_quantities() {
        sandbox.confirmShipment(sandbox.createShipment("SO", nbr, "UPSGROUND", Map.of(1, new BigDecimal("2")), List.of()));
        http.put("SalesOrder", entity("OrderType", "SO", "OrderNbr", nbr, "Description", "edited"));
        assertThat(status()).isEqualTo("Back Order");
        assertThat(orderLine(1).get("OpenQty").get("value").decimalValue()).isEqualByComparingTo("1");
    }

    private String status() {
        return http.get("SalesOrder/SO/" + nbr).json().get("Status").get("value").asText();
    }

    private JsonNode orderLine(int lineNbr) {
        for (JsonNode line : http.get("SalesOrder/SO/" + nbr, "$expand", "Details").json().get("Details")) {
            if (line.get("LineNbr").get("value").asInt() == lineNbr) {
                return line;
            }
        }
        throw new AssertionError("no line " + lineNbr);
    }
}
