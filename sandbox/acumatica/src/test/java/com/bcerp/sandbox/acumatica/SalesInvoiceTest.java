package com.bcerp.sandbox.acumatica;

import static com.bcerp.sandbox.acumatica.Bodies.entity;
import static com.bcerp.sandbox.acumatica.Bodies.line;
import static com.bcerp.sandbox.acumatica.Bodies.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SO invoices over the sandbox's HTTP API: PrepareSalesInvoice on an order of a type invoiced without a shipment
 * (IN) makes an invoice of its lines that totals the order and takes over its payment's application; an SO order
 * with nothing shipped is refused; ReleaseSalesInvoice and ReleasePayment bring the balance to zero (Closed); a
 * credit memo names the invoice it credits.
 */
class SalesInvoiceTest {

    private AcumaticaSandbox sandbox;
    private SandboxHttp http;
    private String customer;

    @BeforeEach
    void start() {
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
        customer = value(http.put("Customer", Bodies.customer("Ada Lovelace", "ada@example.com")).json(), "CustomerID");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static String value(JsonNode entity, String field) {
        return entity.get(field).get("value").asText();
    }

    private String order(String type) {
        return value(http.put("SalesOrder", entity("OrderType", type, "CustomerID", customer, "ExternalRef", "BC-x-7",
                "Details", rows(line("SKU-0100", 2, 25)))).json(), "OrderNbr"); // 50.00
    }

    private String pay(String type, String orderNbr) {
        return value(http.put("Payment", entity("Type", "Payment", "CustomerID", customer, "PaymentMethod", "CARD",
                "CashAccount", "10200", "PaymentAmount", "50.00", "Hold", false, "ExternalRef", "BC-x-7-T1",
                "OrdersToApply", rows(entity("OrderType", type, "OrderNbr", orderNbr, "AppliedToOrder", "50.00")))).json(),
                "ReferenceNbr");
    }

    private SandboxHttp.Response post(String action, ObjectNode keys) {
        ObjectNode body = SandboxHttp.JSON.createObjectNode();
        body.set("entity", keys);
        return http.send(http.authorised(action).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private JsonNode invoice(String nbr) {
        return http.get("SalesInvoice/Invoice/" + nbr, "$expand", "Details,TaxDetails,ApplicationsInvoice").json();
    }

    @Test
    void an_order_invoiced_without_a_shipment_is_invoiced_released_and_closed_by_its_payment() {
        String orderNbr = order("IN");
        String payment = pay("IN", orderNbr);

        assertThat(post("SalesOrder/PrepareSalesInvoice", entity("OrderType", "IN", "OrderNbr", orderNbr)).status())
                .isEqualTo(204);
        JsonNode order = http.get("SalesOrder/IN/" + orderNbr, "$expand", "Shipments").json();
        assertThat(value(order, "Status")).isEqualTo("Invoiced");
        String invoiceNbr = value(order.get("Shipments").get(0), "InvoiceNbr");
        JsonNode prepared = invoice(invoiceNbr);
        assertThat(value(prepared, "Status")).isEqualTo("Balanced");
        assertThat(prepared.at("/Amount/value").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(value(prepared, "ExternalRef")).isEqualTo("BC-x-7");
        assertThat(prepared.get("Details")).singleElement().satisfies(l -> {
            assertThat(value(l, "InventoryID")).isEqualTo("SKU-0100");
            assertThat(l.at("/Qty/value").decimalValue()).isEqualByComparingTo("2");
            assertThat(value(l, "OrderNbr")).isEqualTo(orderNbr);
        });
        JsonNode moved = http.get("Payment/Payment/" + payment, "$expand", "OrdersToApply,DocumentsToApply").json();
        assertThat(moved.at("/OrdersToApply/0/AppliedToOrder/value").decimalValue()).isZero();
        assertThat(value(moved.get("DocumentsToApply").get(0), "ReferenceNbr")).isEqualTo(invoiceNbr);

        assertThat(post("SalesInvoice/ReleaseSalesInvoice", entity("Type", "Invoice", "ReferenceNbr", invoiceNbr)).status())
                .isEqualTo(204);
        assertThat(value(invoice(invoiceNbr), "Status")).isEqualTo("Open");
        assertThat(post("Payment/ReleasePayment", entity("Type", "Payment", "ReferenceNbr", payment)).status()).isEqualTo(204);

        JsonNode paid = invoice(invoiceNbr);
        assertThat(value(paid, "Status")).isEqualTo("Closed");
        assertThat(paid.at("/Balance/value").decimalValue()).isZero();
        assertThat(paid.get("ApplicationsInvoice")).singleElement()
                .satisfies(a -> assertThat(value(a, "AdjustingDocReferenceNbr")).isEqualTo(payment));
        assertThat(value(http.get("Payment/Payment/" + payment).json(), "Status")).isEqualTo("Closed");
        assertThat(post("SalesOrder/PrepareSalesInvoice", entity("OrderType", "IN", "OrderNbr", orderNbr)).status())
                .as("an invoiced order is not invoiced again").isEqualTo(500);
    }

    @Test
    void an_so_order_whose_stock_items_have_not_shipped_is_not_invoiced() {
        String orderNbr = order("SO");

        SandboxHttp.Response refused = post("SalesOrder/PrepareSalesInvoice", entity("OrderType", "SO", "OrderNbr", orderNbr));

        assertThat(refused.status()).isEqualTo(500);
        assertThat(refused.body()).contains("require a shipment");
        assertThat(sandbox.salesInvoices()).isEmpty();
    }

    @Test
    void a_credit_memo_names_the_invoice_it_credits_and_is_open_once_released() {
        String orderNbr = order("IN");
        post("SalesOrder/PrepareSalesInvoice", entity("OrderType", "IN", "OrderNbr", orderNbr));
        String invoiceNbr = value(sandbox.salesInvoices().get(0), "ReferenceNbr");

        SandboxHttp.Response memo = http.put("SalesInvoice", entity("Type", "Credit Memo", "CustomerID", customer,
                "ExternalRef", "BC-x-7-R1", "Details", rows(entity("InventoryID", "SKU-0100", "Qty", 1, "UnitPrice", 25,
                        "OrigInvType", "Invoice", "OrigInvNbr", invoiceNbr)),
                "TaxDetails", rows(entity("TaxID", "BCTAX", "TaxableAmount", 25, "TaxAmount", "2.50"))), "$expand", "Details");
        assertThat(memo.status()).isEqualTo(200);
        String memoNbr = value(memo.json(), "ReferenceNbr");
        assertThat(memo.json().at("/Amount/value").decimalValue()).isEqualByComparingTo("27.50");
        assertThat(value(memo.json(), "Status")).isEqualTo("Balanced");

        assertThat(post("SalesInvoice/ReleaseSalesInvoice", entity("Type", "Credit Memo", "ReferenceNbr", memoNbr)).status())
                .isEqualTo(204);
        JsonNode released = http.get("SalesInvoice", "$filter", "Type eq 'Credit Memo' and ReferenceNbr eq '" + memoNbr + "'",
                "$expand", "Details").json().get(0);
        assertThat(value(released, "Status")).isEqualTo("Open");
        assertThat(value(released.get("Details").get(0), "OrigInvNbr")).isEqualTo(invoiceNbr);

        SandboxHttp.Response unknown = http.put("SalesInvoice", entity("Type", "Credit Memo", "CustomerID", customer,
                "Details", rows(entity("InventoryID", "SKU-0100", "Qty", 1, "UnitPrice", 25, "OrigInvNbr", "NOPE"))));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).contains("Orig. Inv. Nbr.");
    }
}
