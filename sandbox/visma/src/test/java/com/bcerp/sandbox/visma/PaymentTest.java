package com.bcerp.sandbox.visma;

import static com.bcerp.sandbox.visma.Dto.plain;
import static com.bcerp.sandbox.visma.Dto.rows;
import static com.bcerp.sandbox.visma.Dto.wrapped;
import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.sandbox.ManualClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /v1/customerPayment: ordersToApply reserved for the order and transferred to its invoice, paymentLines, release, void. */
class PaymentTest {

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

    static ObjectNode payment(Object amount) {
        return wrapped("type", "Payment", "customer", "10002", "cashAccount", "1920", "paymentMethod", "CARD",
                "applicationDate", "2026-03-02T00:00:00Z", "paymentAmount", amount, "paymentRef", "PSP-1");
    }

    static ObjectNode toOrder(String order, Object amount) {
        ObjectNode line = wrapped("orderType", "SO", "orderNumber", order, "appliedToOrder", amount);
        line.put("operation", "Insert");
        return line;
    }

    static ObjectNode toInvoice(String invoice, Object amount) {
        ObjectNode line = wrapped("documentType", "Invoice", "refNbr", invoice, "amountPaid", amount);
        line.put("operation", "Insert");
        return line;
    }

    static ObjectNode release() {
        return wrapped("type", "Payment");
    }

    @Test
    void a_payment_applied_to_an_order_is_released_and_settles_the_orders_invoice() {
        String order = http.post("/v1/salesorder", SalesOrderTest.order("10002", "BC-900")).createdKey();
        ObjectNode body = payment(282.50);
        body.set("ordersToApply", rows(toOrder(order, 282.50)));
        SandboxHttp.Response created = http.post("/v1/customerPayment", body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).isEmpty();
        String payment = created.createdKey();
        assertThat(created.header("Location")).isEqualTo(sandbox.baseUrl() + "/v1/customerPayment/300001");
        JsonNode p = http.get("/v1/customerPayment/" + payment).json();
        assertThat(p.get("refNbr").asText()).isEqualTo("300001");
        assertThat(p.get("status").asText()).isEqualTo("Balanced");
        assertThat(p.get("appliedToOrders").decimalValue()).isEqualByComparingTo("282.50");
        assertThat(p.get("availableBalance").decimalValue()).isEqualByComparingTo("0");

        assertThat(http.post("/v1/customerPayment/" + payment + "/action/release", plain("type", "Payment")).status())
                .isEqualTo(400); // the release body is wrapped
        SandboxHttp.Response released = http.post("/v1/customerPayment/" + payment + "/action/release", release());
        assertThat(released.json().get("actionResult").asText()).isEqualTo("Done");
        assertThat(http.get("/v1/customerPayment/" + payment).json().get("status").asText()).isEqualTo("Closed");

        sandbox.ship(order, "MAIN", null, null);
        sandbox.ship(order, "WEST", null, null);
        String invoice = sandbox.invoice(order);
        JsonNode inv = http.get("/v1/customerinvoice/" + invoice).json();
        assertThat(inv.get("balanceInCurrency").decimalValue()).isEqualByComparingTo("0");
        assertThat(inv.get("status").asText()).isEqualTo("Closed");
        JsonNode applied = http.get("/v1/customerPayment/" + payment).json().get("ordersToApply").get(0);
        assertThat(applied.get("transferredToInvoice").decimalValue()).isEqualByComparingTo("282.50");
        assertThat(applied.get("invoiceNbr").asText()).isEqualTo(invoice);
        assertThat(http.get("/v1/customerPayment", "invoiceRefNbr", invoice).json()).as("applied to the invoice at its release")
                .extracting(j -> j.get("refNbr").asText()).containsExactly(payment);

        ObjectNode again = payment(1);
        again.set("ordersToApply", rows(toOrder(order, 1)));
        assertThat(http.post("/v1/customerPayment", again).json().get("message").asText()).contains("unpaid 0");
    }

    @Test
    void a_payment_of_an_invoice_lowers_its_balance_on_release_and_a_void_gives_it_back() {
        String order = http.post("/v1/salesorder", SalesOrderTest.order("10002", "BC-910")).createdKey();
        sandbox.ship(order, "MAIN", null, null);
        sandbox.ship(order, "WEST", null, null);
        String invoice = sandbox.invoice(order);
        ObjectNode body = payment(100);
        body.set("paymentLines", rows(toInvoice(invoice, 100)));
        String payment = http.post("/v1/customerPayment", body).createdKey();
        assertThat(http.post("/v1/customerPayment/" + payment + "/action/void", plain("type", "Payment")).status())
                .isEqualTo(400); // not released
        http.post("/v1/customerPayment/" + payment + "/action/release", release());
        assertThat(http.get("/v1/customerinvoice/" + invoice).json().get("balanceInCurrency").decimalValue())
                .isEqualByComparingTo("182.50");
        assertThat(http.get("/v1/customerPayment", "invoiceRefNbr", invoice).json()).hasSize(1);
        assertThat(http.get("/v1/customerPayment", "invoiceRefNbr", "100999").json()).isEmpty();

        SandboxHttp.Response voided = http.post("/v1/customerPayment/" + payment + "/action/void", plain("type", "Payment"));
        assertThat(voided.status()).isEqualTo(200);
        assertThat(voided.json().get("type").asText()).isEqualTo("VoidPayment");
        assertThat(http.get("/v1/customerPayment/" + payment).json().get("status").asText()).isEqualTo("Voided");
        assertThat(http.get("/v1/customerinvoice/" + invoice).json().get("balanceInCurrency").decimalValue())
                .isEqualByComparingTo("282.50");
        assertThat(http.get("/v1/customerPayment", "status", "Voided", "customer", "10002").json()).hasSize(1);

        // the bookkeeper's payment screen: the whole balance, released, as the API would record it
        String screen = sandbox.payInvoice(invoice, new BigDecimal("282.50"), "BT-77");
        JsonNode settled = http.get("/v1/customerinvoice/" + invoice).json();
        assertThat(settled.get("status").asText()).isEqualTo("Closed");
        assertThat(settled.get("balance").decimalValue()).isEqualByComparingTo("0");
        assertThat(http.get("/v1/customerPayment/" + screen).json().get("paymentRef").asText()).isEqualTo("BT-77");
    }

    @Test
    void required_fields_unknown_accounts_and_too_much_applied_are_refused() {
        String order = http.post("/v1/salesorder", SalesOrderTest.order("10002", "BC-920")).createdKey();
        ObjectNode noCash = payment(10);
        noCash.remove("cashAccount");
        assertThat(http.post("/v1/customerPayment", noCash).json().get("message").asText()).contains("'Cash account'");
        ObjectNode badCash = payment(10);
        badCash.setAll(wrapped("cashAccount", "9999"));
        assertThat(http.post("/v1/customerPayment", badCash).status()).isEqualTo(400);
        ObjectNode tooMuch = payment(10);
        tooMuch.set("ordersToApply", rows(toOrder(order, 20)));
        assertThat(http.post("/v1/customerPayment", tooMuch).json().get("message").asText()).contains("exceed");
        ObjectNode otherCustomer = payment(10);
        otherCustomer.setAll(wrapped("customer", "10001"));
        otherCustomer.set("ordersToApply", rows(toOrder(order, 10)));
        assertThat(http.post("/v1/customerPayment", otherCustomer).status()).isEqualTo(400);
        ObjectNode refund = payment(10);
        refund.setAll(wrapped("type", "Refund"));
        assertThat(http.post("/v1/customerPayment", refund).status()).isEqualTo(400);
        assertThat(http.get("/v1/customerPayment").json()).isEmpty();
    }
}
