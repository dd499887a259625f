package com.bcerp.sandbox.visma;

import static com.bcerp.sandbox.visma.Dto.wrapped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.sandbox.ManualClock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lost answer of an order create (the crash after the write) and releases in the background. */
class FaultsTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    private VismaSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = VismaSandbox.start(VismaSandbox.Settings.defaults(), clock);
        http = new SandboxHttp(sandbox);
        http.token();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void an_order_whose_answer_is_lost_is_stored_found_by_its_number_and_not_created_twice() {
        ObjectNode body = SalesOrderTest.order("10002", "BC-1000");
        body.setAll(wrapped("orderNumber", "BC1000", "overrideNumberSeries", true));
        sandbox.faults().lostAnswerShare(1).hang(Duration.ofSeconds(2));
        http.timeout(Duration.ofMillis(300));
        assertThatThrownBy(() -> http.post("/v1/salesorder", body)).hasRootCauseInstanceOf(java.net.http.HttpTimeoutException.class);
        sandbox.faults().reset();
        http.timeout(Duration.ofSeconds(20));

        assertThat(http.get("/v1/salesorder/SO/BC1000").json().get("customerRefNo").asText()).isEqualTo("BC-1000");
        SandboxHttp.Response again = http.post("/v1/salesorder", body);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("message").asText()).contains("already exists");
        assertThat(sandbox.salesOrders()).hasSize(1);
    }

    @Test
    void with_releases_in_the_background_an_invoice_and_a_credit_note_are_queued_and_released_later() {
        String order = http.post("/v1/salesorder", SalesOrderTest.order("10002", "BC-1010")).createdKey();
        sandbox.ship(order, "MAIN", null, null);
        sandbox.ship(order, "WEST", null, null);
        http.post("/v2/salesorder/SO/" + order + "/action/prepareInvoice");
        String invoice = http.get("/v1/salesorder/SO/" + order).json().get("invoiceNbr").asText();
        sandbox.faults().releaseInBackground(Duration.ofSeconds(30));

        SandboxHttp.Response queued = http.post("/v1/customerinvoice/" + invoice + "/action/release");
        assertThat(queued.status()).isEqualTo(200);
        assertThat(queued.json().get("actionResult").asText()).isEqualTo("Queued");
        assertThat(http.get("/v1/customerinvoice/" + invoice).json().get("status").asText()).isEqualTo("Balanced");
        clock.advance(Duration.ofSeconds(31));
        assertThat(http.get("/v1/customerinvoice/" + invoice).json().get("status").asText()).isEqualTo("Open");

        String note = http.post("/v2/customerCreditNote", CreditNoteTest.refund(invoice, "RF-1010", 125)).createdKey();
        assertThat(http.post("/v1/customerCreditNote/" + note + "/action/release").json().get("actionResult").asText())
                .isEqualTo("Queued");
        assertThat(http.post("/v1/customerCreditNote/" + note + "/action/release").json().get("actionResult").asText())
                .isEqualTo("Queued"); // queued twice: the second is dropped when due, nothing tells the client
        clock.advance(Duration.ofSeconds(31));
        assertThat(http.get("/v1/customerCreditNote/" + note).json().get("status").asText()).isEqualTo("Closed");
        assertThat(http.get("/v1/customerinvoice/" + invoice).json().get("balanceInCurrency").decimalValue())
                .isEqualByComparingTo("157.50");
        assertThat(http.post("/v1/customerCreditNote/NOPE/action/release").status()).isEqualTo(404);
    }
}
