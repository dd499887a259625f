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

/** Payments applied to orders, credits linked to their orders, branches, and the CancelSalesOrder and VoidPayment actions. */
class PaymentAndActionsTest {

    private AcumaticaSandbox sandbox;
    private SandboxHttp http;
    private String customer;
    private String orderNbr;

    @BeforeEach
    void start() {
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
        customer = value(http.put("Customer", Bodies.customer("Ada Lovelace", "ada@example.com")).json(), "CustomerID");
        orderNbr = value(http.put("SalesOrder", entity("CustomerID", customer, "Details", rows(line("SKU-0100", 2, 25)))).json(),
                "OrderNbr"); // total 50.00
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static String value(JsonNode entity, String field) {
        return entity.get(field).get("value").asText();
    }

    private ObjectNode payment(String amount, String applied, boolean hold) {
        return entity("Type", "Payment", "CustomerID", customer, "PaymentMethod", "CARD", "CashAccount", "10200",
                "PaymentAmount", amount, "Hold", hold, "ExternalRef", "BC-x-1-T" + amount,
                "OrdersToApply", rows(entity("OrderType", "SO", "OrderNbr", orderNbr, "AppliedToOrder", applied)));
    }

    private SandboxHttp.Response post(String action, ObjectNode keys) {
        ObjectNode body = SandboxHttp.JSON.createObjectNode();
        body.set("entity", keys);
        return http.send(http.authorised(action).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    @Test
    void a_payment_on_hold_is_on_hold_and_one_released_is_balanced_and_numbered() {
        JsonNode held = http.put("Payment", payment("20.00", "20.00", true), "$expand", "OrdersToApply").json();
        JsonNode released = http.put("Payment", payment("30.00", "30.00", false)).json();

        assertThat(value(held, "ReferenceNbr")).isEqualTo("000001");
        assertThat(value(held, "Status")).isEqualTo("On Hold");
        assertThat(value(released, "Status")).isEqualTo("Balanced");
        assertThat(held.get("OrdersToApply").get(0).get("id").asText()).isNotBlank();
    }

    @Test
    void nothing_is_applied_beyond_what_the_order_owes_and_a_voided_payment_frees_it() {
        http.put("Payment", payment("40.00", "40.00", false));

        SandboxHttp.Response over = http.put("Payment", payment("20.00", "20.00", false));
        assertThat(over.status()).isEqualTo(422);
        assertThat(over.json().get("OrdersToApply").get(0).get("AppliedToOrder").get("error").asText()).contains("unpaid balance");

        assertThat(post("Payment/VoidPayment", entity("Type", "Payment", "ReferenceNbr", "000001")).status()).isEqualTo(204);
        assertThat(http.put("Payment", payment("20.00", "20.00", false)).status()).isEqualTo(200);
        assertThat(post("Payment/VoidPayment", entity("Type", "Payment", "ReferenceNbr", "000001")).status())
                .as("voiding twice is refused by a business rule").isEqualTo(500);
    }

    @Test
    void an_unknown_payment_method_cash_account_or_another_customers_order_is_refused_in_the_field() {
        ObjectNode bad = payment("10.00", "10.00", false);
        bad.set("PaymentMethod", entity().put("value", "BITCOIN"));
        bad.set("CashAccount", entity().put("value", "99999"));
        String other = value(http.put("Customer", Bodies.customer("Grace Hopper", "grace@example.com")).json(), "CustomerID");
        ObjectNode foreign = payment("10.00", "10.00", false);
        foreign.set("CustomerID", entity().put("value", other));

        JsonNode refused = http.put("Payment", bad).json();
        assertThat(refused.get("PaymentMethod").get("error").asText()).contains("cannot be found");
        assertThat(refused.get("CashAccount").get("error").asText()).contains("cannot be found");
        assertThat(http.put("Payment", foreign).json().get("OrdersToApply").get(0).get("OrderNbr").get("error").asText())
                .contains("another customer");
    }

    @Test
    void a_cancelled_order_reads_back_cancelled_and_cannot_be_cancelled_again() {
        assertThat(post("SalesOrder/CancelSalesOrder", entity("OrderType", "SO", "OrderNbr", orderNbr)).status()).isEqualTo(204);

        assertThat(value(http.get("SalesOrder/SO/" + orderNbr).json(), "Status")).isEqualTo("Cancelled");
        SandboxHttp.Response again = post("SalesOrder/CancelSalesOrder", entity("OrderType", "SO", "OrderNbr", orderNbr));
        assertThat(again.status()).as("a business rule is a 500 with the rule").isEqualTo(500);
        assertThat(again.json().get("exceptionType").asText()).isEqualTo("PX.Data.PXException");
        assertThat(again.json().get("exceptionMessage").asText()).contains("not available", "Cancelled");
        SandboxHttp.Response missing = post("SalesOrder/CancelSalesOrder", entity("OrderType", "SO", "OrderNbr", "SO999999"));
        assertThat(missing.status()).isEqualTo(500);
        assertThat(missing.json().get("exceptionType").asText()).endsWith("NoEntitySatisfiesTheConditionException");

        sandbox.faults().actionRefusalsAs422(true);
        SandboxHttp.Response echoed = post("SalesOrder/CancelSalesOrder", entity("OrderType", "SO", "OrderNbr", orderNbr));
        assertThat(echoed.status()).isEqualTo(422);
        assertThat(echoed.json().get("error").asText()).contains("Cancelled");
    }

    @Test
    void a_long_running_action_answers_202_with_a_status_location_and_locks_its_session_until_done() throws Exception {
        // long enough that the checks made while it runs finish first on a loaded machine; the waits poll
        sandbox.faults().actionDuration(java.time.Duration.ofSeconds(4));
        SandboxHttp.Response started = post("SalesOrder/CancelSalesOrder", entity("OrderType", "SO", "OrderNbr", orderNbr));

        assertThat(started.status()).isEqualTo(202);
        String location = started.header("Location").orElseThrow();
        assertThat(location).startsWith(sandbox.baseUrl() + "/entity/Default/24.200.001/SalesOrder/CancelSalesOrder/status/");
        String status = location.substring((sandbox.baseUrl() + "/entity/Default/24.200.001/").length());
        SandboxHttp.Response busy = http.get("SalesOrder/SO/" + orderNbr);
        assertThat(busy.status()).as("other requests of the session fail").isEqualTo(500);
        assertThat(busy.json().get("exceptionMessage").asText()).isEqualTo("The previous operation has not been completed yet.");
        SandboxHttp other = new SandboxHttp(sandbox);
        assertThat(value(other.get("SalesOrder/SO/" + orderNbr).json(), "Status")).as("another session: not yet done")
                .isEqualTo("Open");
        assertThat(http.get(status).status()).isEqualTo(202);

        assertThat(untilDone(status).status()).isEqualTo(204);
        assertThat(value(http.get("SalesOrder/SO/" + orderNbr).json(), "Status")).isEqualTo("Cancelled");

        SandboxHttp.Response again = post("SalesOrder/CancelSalesOrder", entity("OrderType", "SO", "OrderNbr", orderNbr));
        String refusedStatus = again.header("Location").orElseThrow().substring((sandbox.baseUrl() + "/entity/Default/24.200.001/").length());
        SandboxHttp.Response refused = untilDone(refusedStatus);
        assertThat(refused.status()).as("the operation failed on a business rule").isEqualTo(500);
        assertThat(refused.json().get("exceptionMessage").asText()).contains("not available");
    }

    /** Polls an action's status Location, as a client does, until it stops answering 202 (at most 20 s). */
    private SandboxHttp.Response untilDone(String status) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        SandboxHttp.Response answer = http.get(status);
        while (answer.status() == 202 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            answer = http.get(status);
        }
        return answer;
    }

    @Test
    void a_shipped_order_cannot_be_cancelled() {
        String shipment = sandbox.createShipment("SO", orderNbr, "UPSGROUND", java.util.Map.of(1, java.math.BigDecimal.TWO),
                java.util.List.of("1Z1"));
        sandbox.confirmShipment(shipment);

        SandboxHttp.Response refused = post("SalesOrder/CancelSalesOrder", entity("OrderType", "SO", "OrderNbr", orderNbr));
        assertThat(refused.status()).isEqualTo(500);
        assertThat(refused.json().get("exceptionMessage").asText()).contains("Completed");
        assertThat(value(http.get("SalesOrder/SO/" + orderNbr).json(), "Status")).isEqualTo("Completed");
    }

    @Test
    void a_credit_names_an_original_order_that_exists_and_a_branch_the_instance_has() {
        ObjectNode credit = entity("OrderType", "CM", "CustomerID", customer, "Branch", "EU",
                "FinancialSettings", entity("OriginalOrderType", "SO", "OriginalOrderNbr", orderNbr),
                "Details", rows(line("SKU-0100", 1, 25)));
        JsonNode created = http.put("SalesOrder", credit, "$expand", "FinancialSettings").json();
        assertThat(value(created, "OrderNbr")).isEqualTo("CM000001");
        assertThat(value(created.get("FinancialSettings"), "OriginalOrderNbr")).isEqualTo(orderNbr);

        credit.set("Branch", entity().put("value", "MARS"));
        credit.set("FinancialSettings", entity("OriginalOrderType", "SO", "OriginalOrderNbr", "SO999999"));
        JsonNode refused = http.put("SalesOrder", credit).json();
        assertThat(refused.get("Branch").get("error").asText()).contains("cannot be found");
        assertThat(refused.get("FinancialSettings").get("OriginalOrderNbr").get("error").asText()).contains("cannot be found");
    }

    @Test
    void a_sales_order_names_a_payment_method_and_ship_via_the_instance_lists() {
        ObjectNode order = entity("OrderType", "SO", "CustomerID", customer, "PaymentMethod", "CREDITCARD",
                "ShippingSettings", entity("ShipVia", "FLATRATE"), "Details", rows(line("SKU-0100", 1, 25)));
        assertThat(http.put("SalesOrder", order).status()).isEqualTo(200);

        order.set("PaymentMethod", entity().put("value", "BITCOIN"));
        order.set("ShippingSettings", entity("ShipVia", "TELEPORT"));
        SandboxHttp.Response refused = http.put("SalesOrder", order, "$expand", "ShippingSettings");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("PaymentMethod").get("error").asText()).contains("cannot be found");
        assertThat(refused.json().get("ShippingSettings").get("ShipVia").get("error").asText()).contains("cannot be found");
        assertThat(http.get("ShipVia").json()).extracting(v -> v.get("CarrierID").get("value").asText())
                .contains("FLATRATE").doesNotContain("TELEPORT");
    }

    @Test
    void a_cash_return_needs_a_payment_method_and_a_cash_account_as_the_order_type_requires() {
        ObjectNode cashReturn = entity("OrderType", "CR", "CustomerID", customer, "Branch", "EU",
                "Details", rows(line("SKU-0100", 1, 25)));

        SandboxHttp.Response refused = http.put("SalesOrder", cashReturn);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("PaymentMethod").get("error").asText()).isEqualTo("'Payment Method' cannot be empty.");
        assertThat(refused.json().get("CashAccount").get("error").asText()).isEqualTo("'Cash Account' cannot be empty.");
        assertThat(http.get("SalesOrder", "$filter", "OrderType eq 'CR'").json()).isEmpty();
    }
}
