package com.bcerp.uniconta;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.fulfilment.BackOfficeInvoice;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An invoice's transactions in the customers' ledger, as payment back reads them, without a server. */
class UnicontaPaidInvoiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> rows(String array) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(array).forEach(out::add);
        return out;
    }

    @Test
    void a_settled_open_item_is_paid_by_its_payments_oldest_voucher_first() throws Exception {
        BackOfficeInvoice paid = UnicontaFulfilment.invoice("7", rows("""
                [{"Invoice":"7","PostType":"Payment","Voucher":14,"Text":"BT-2","Amount":-99.0,"AmountOpen":0.0},
                 {"Invoice":"7","PostType":"Invoice","Voucher":9,"Amount":100.0,"AmountOpen":0.0},
                 {"Invoice":"7","PostType":"Payment","Voucher":12,"Text":"BT-1","Amount":-1.0,"AmountOpen":0.0},
                 {"Invoice":"7","PostType":"Payment","Voucher":15,"Amount":-5.0,"AmountOpen":-5.0}]"""));
        assertThat(paid.paid()).isTrue();
        assertThat(paid.payments()).containsExactly(new BackOfficeInvoice.Payment("12", "BT-1"),
                new BackOfficeInvoice.Payment("14", "BT-2"), new BackOfficeInvoice.Payment("15", null));
    }

    @Test
    void an_open_amount_left_one_left_out_or_no_open_item_is_not_paid() throws Exception {
        assertThat(UnicontaFulfilment.invoice("7", rows("[{\"PostType\":\"Invoice\",\"AmountOpen\":0.5}]")).paid())
                .isFalse();
        assertThat(UnicontaFulfilment.invoice("7", rows("[{\"PostType\":\"Invoice\"}]")).paid())
                .as("no AmountOpen is not a zero one").isFalse();
        assertThat(UnicontaFulfilment.invoice("7", rows(
                "[{\"PostType\":\"Payment\",\"Voucher\":3,\"Amount\":-10.0,\"AmountOpen\":0.0}]")).paid())
                .as("the invoice is not in the ledger (yet)").isFalse();
    }
}
