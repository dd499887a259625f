package com.bcerp.visma;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.fulfilment.BackOfficeInvoice;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A customer invoice and the payments listed for it, as payment back reads them, without a server. */
class VismaPaidInvoiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static List<JsonNode> rows(String array) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        json(array).forEach(out::add);
        return out;
    }

    @Test
    void a_closed_invoice_with_nothing_owing_is_paid_by_its_released_payments_only() throws Exception {
        BackOfficeInvoice paid = VismaFulfilment.invoice("100001",
                json("{\"referenceNumber\":\"100001\",\"status\":\"Closed\",\"balance\":0.00,\"balanceInCurrency\":0.00}"),
                rows("""
                        [{"refNbr":"300001","status":"Closed","paymentRef":"BT-1"},
                         {"refNbr":"300002","status":"Balanced","paymentRef":"not released"},
                         {"refNbr":"300003","status":"Open"},
                         {"refNbr":"300004","status":"Voided","paymentRef":"voided"}]"""));
        assertThat(paid.paid()).isTrue();
        assertThat(paid.payments()).containsExactly(new BackOfficeInvoice.Payment("300001", "BT-1"),
                new BackOfficeInvoice.Payment("300003", null));
    }

    @Test
    void an_open_balance_a_closed_one_left_owing_or_one_left_out_is_not_paid() throws Exception {
        assertThat(VismaFulfilment.invoice("1", json("{\"status\":\"Open\",\"balance\":12.50}"), List.of()).paid())
                .isFalse();
        assertThat(VismaFulfilment.invoice("1", json("{\"status\":\"Closed\",\"balance\":0.01}"), List.of()).paid())
                .isFalse();
        assertThat(VismaFulfilment.invoice("1", json("{\"status\":\"Closed\"}"), List.of()).paid())
                .as("no balance is not a zero balance").isFalse();
        assertThat(VismaFulfilment.invoice("1", json("{\"status\":\"Open\",\"balance\":0}"), List.of()).paid())
                .as("Visma has not closed it").isFalse();
    }
}
