package com.bcerp.sandbox.visma;

import static com.bcerp.sandbox.visma.Dto.rows;
import static com.bcerp.sandbox.visma.Dto.wrapped;
import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.sandbox.ManualClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /v2/customerCreditNote linked to the original invoice by applicationLines, found by externalReference, released. */
class CreditNoteTest {

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

    /** An invoiced and released order of Ada's (282.50); returns the invoice number. */
    private String invoicedOrder(String ref) {
        String order = http.post("/v1/salesorder", SalesOrderTest.order("10002", ref)).createdKey();
        sandbox.ship(order, "MAIN", null, null);
        sandbox.ship(order, "WEST", null, null);
        return sandbox.invoice(order);
    }

    /** A refund of 100 + 25 % VAT on the non-stock REFUND item, applied to {@code invoice}. */
    static ObjectNode refund(String invoice, String externalReference, Object amountPaid) {
        ObjectNode body = wrapped("customerNumber", "10002", "externalReference", externalReference,
                "customerRefNumber", "BC-800", "invoiceText", "Refund " + externalReference);
        ObjectNode line = wrapped("inventoryNumber", "REFUND", "description", "Refund", "quantity", 1,
                "unitPriceInCurrency", 100, "vatCodeId", "HIGH");
        line.put("operation", "Insert");
        body.set("lines", rows(line));
        if (invoice != null) {
            ObjectNode application = wrapped("documentType", "Invoice", "refNbr", invoice, "amountPaid", amountPaid);
            application.put("operation", "Insert");
            body.set("applicationLines", rows(application));
        }
        return body;
    }

    @Test
    void a_credit_note_is_created_201_applied_to_its_invoice_on_release_and_found_by_external_reference() {
        String invoice = invoicedOrder("BC-800");
        SandboxHttp.Response created = http.post("/v2/customerCreditNote", refund(invoice, "RF-1", 125));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).isEmpty();
        assertThat(created.header("Location")).isEqualTo(sandbox.baseUrl() + "/v1/customerCreditNote/200001");

        JsonNode note = http.get("/v1/customerCreditNote/200001").json();
        assertThat(note.get("documentType").asText()).isEqualTo("CreditNote");
        assertThat(note.get("status").asText()).isEqualTo("Balanced");
        assertThat(note.get("vatTotalInCurrency").decimalValue()).isEqualByComparingTo("25");
        assertThat(note.get("amountInCurrency").decimalValue()).isEqualByComparingTo("125");
        assertThat(note.get("applications").get(0).get("refNbr").asText()).isEqualTo(invoice);
        assertThat(http.get("/v1/customerCreditNote", "externalReference", "RF-1").json()).hasSize(1);
        assertThat(http.get("/v1/customerCreditNote", "externalReference", "RF-2").json()).isEmpty();

        SandboxHttp.Response released = http.post("/v1/customerCreditNote/200001/action/release");
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.json().get("actionResult").asText()).isEqualTo("Done");
        assertThat(http.get("/v1/customerCreditNote/200001").json().get("status").asText()).isEqualTo("Closed");
        JsonNode inv = http.get("/v1/customerinvoice/" + invoice).json();
        assertThat(inv.get("balanceInCurrency").decimalValue()).isEqualByComparingTo("157.50");
        assertThat(inv.get("status").asText()).isEqualTo("Open");
        assertThat(http.post("/v1/customerCreditNote/200001/action/release").status()).isEqualTo(400);
    }

    @Test
    void a_stock_item_an_unknown_invoice_or_more_than_its_balance_is_refused() {
        String invoice = invoicedOrder("BC-810");
        ObjectNode stock = refund(null, "RF-3", null);
        ObjectNode line = wrapped("inventoryNumber", "SKU-0100", "quantity", 1, "unitPriceInCurrency", 10);
        line.put("operation", "Insert");
        stock.set("lines", rows(line));
        assertThat(http.post("/v2/customerCreditNote", stock).json().get("message").asText())
                .contains("only a non-stock item can be selected");
        assertThat(http.post("/v2/customerCreditNote", refund("999999", "RF-4", 10)).json().get("message").asText())
                .contains("999999");
        assertThat(http.post("/v2/customerCreditNote", refund(invoice, "RF-5", 500)).status()).isEqualTo(400);
        ObjectNode flat = refund(invoice, "RF-6", 10);
        flat.put("customerNumber", "10002");
        assertThat(http.post("/v2/customerCreditNote", flat).json().get("message").asText())
                .contains("not recognized as CustomerCreditNoteUpdateDto");
        assertThat(http.get("/v1/customerCreditNote").json()).isEmpty();
    }

    @Test
    void a_credit_note_on_hold_is_not_released_and_override_number_series_takes_the_callers_number() {
        ObjectNode held = refund(null, "RF-7", null);
        held.setAll(wrapped("hold", true, "referenceNumber", "RF7", "overrideNumberSeries", true));
        assertThat(http.post("/v2/customerCreditNote", held).createdKey()).isEqualTo("RF7");
        assertThat(http.post("/v2/customerCreditNote", held).status()).isEqualTo(400);
        assertThat(http.get("/v1/customerCreditNote/RF7").json().get("status").asText()).isEqualTo("Hold");
        assertThat(http.post("/v1/customerCreditNote/RF7/action/release").status()).isEqualTo(400);
        assertThat(http.get("/v1/customerCreditNote", "status", "Hold").json()).hasSize(1);
    }
}
