package com.bcerp.sandbox.uniconta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The customers' ledger: a posted invoice is an open item (DebtorTransClient, AmountOpen); the bookkeeper's journal
 * lines (GLDailyJournalLineClient, inserted through the API, then posted) settle it, in part or in full.
 */
class LedgerTest {

    private UnicontaSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = UnicontaSandbox.start(UnicontaSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
        for (String account : List.of("10001", "10002")) {
            assertThat(http.insert("DebtorClient", obj().put("Account", account).put("Name", "Debtor " + account)
                    .put("Vat", "U25")).status()).isEqualTo(200);
        }
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static ObjectNode obj() {
        return SandboxHttp.JSON.createObjectNode();
    }

    /** An order of 2 x 40.00 + 25 % VAT, invoiced: 100.00 owed. */
    private String invoice(String account) {
        long order = http.insert("DebtorOrderClient", obj().put("Account", account).put("OurRef", "BC-1")
                .put("Currency", "DKK")).json().get("OrderNumber").asLong();
        assertThat(http.insert("DebtorOrderLineClient", obj().put("OrderNumber", order).put("Item", "SKU-0100")
                .put("Qty", 2).put("Price", 40)).status()).isEqualTo(200);
        return Long.toString(sandbox.invoice(order));
    }

    private ObjectNode payment(String account, String invoice, double amount, String text) {
        return obj().put("Journal", "BANK").put("Date", "2026-03-02T00:00:00").put("AccountType", "Debtor")
                .put("Account", account).put("Credit", amount).put("OffsetAccount", "5800").put("Invoice", invoice)
                .put("Text", text);
    }

    private List<JsonNode> transactions(String invoice) {
        return SandboxHttp.JSON.convertValue(http.read("DebtorTransClient", "Invoice", invoice).json(),
                SandboxHttp.JSON.getTypeFactory().constructCollectionType(List.class, JsonNode.class));
    }

    private JsonNode openItem(String invoice) {
        return transactions(invoice).stream().filter(t -> t.path("PostType").asText().equals("Invoice")).findFirst()
                .orElseThrow();
    }

    @Test
    void an_invoice_is_open_for_its_total_until_payments_posted_from_the_journal_settle_it() {
        String invoice = invoice("10001");
        JsonNode open = openItem(invoice);
        assertThat(open.get("Amount").asDouble()).isEqualTo(100.0);
        assertThat(open.get("AmountOpen").asDouble()).isEqualTo(100.0);
        assertThat(open.get("Account").asText()).isEqualTo("10001");

        ArrayNode lines = SandboxHttp.JSON.createArrayNode().add(payment("10001", invoice, 30, "BT-1"));
        SandboxHttp.Response inserted = http.insertList("GLDailyJournalLineClient", lines);
        assertThat(inserted.status()).as(inserted.body()).isEqualTo(200);
        assertThat(openItem(invoice).get("AmountOpen").asDouble()).as("not posted yet").isEqualTo(100.0);
        List<Long> first = sandbox.postJournal("BANK");
        assertThat(http.read("GLDailyJournalLineClient").json()).as("the posted journal is empty").isEmpty();
        assertThat(openItem(invoice).get("AmountOpen").asDouble()).isEqualTo(70.0);

        http.insertList("GLDailyJournalLineClient", SandboxHttp.JSON.createArrayNode()
                .add(payment("10001", invoice, 80, "BT-2")));
        List<Long> second = sandbox.postJournal("BANK");
        assertThat(openItem(invoice).get("AmountOpen").asDouble()).isEqualTo(0.0);
        assertThat(transactions(invoice)).filteredOn(t -> t.path("PostType").asText().equals("Payment"))
                .extracting(t -> t.get("Voucher").asLong() + " " + t.get("Text").asText() + " " + t.get("Amount").asDouble()
                        + " " + t.get("AmountOpen").asDouble())
                .containsExactly(first.get(0) + " BT-1 -30.0 0.0", second.get(0) + " BT-2 -80.0 -10.0");
        assertThat(http.read("DebtorClient", "Account", "10001").json().get(0).get("CurBalance").asDouble())
                .as("paid 10.00 more than owed").isEqualTo(-10.0);

        String basic = java.util.Base64.getEncoder().encodeToString((sandbox.settings().loginName() + ":"
                + sandbox.settings().password()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonNode odata = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.baseUrl() + "/odata/"
                + sandbox.settings().companyId() + "/DebtorTransClient?$filter=" + SandboxHttp.enc("Invoice eq '"
                + invoice + "' and PostType eq 'Invoice'"))).header("Authorization", "Basic " + basic)
                .header("Accept", "application/json").GET()).json();
        assertThat(odata.get("value")).singleElement().satisfies(t -> assertThat(t.get("AmountOpen").asDouble()).isZero());
    }

    @Test
    void a_payment_of_another_customers_invoice_or_of_no_debtor_is_refused_and_nothing_is_posted() {
        String invoice = invoice("10001");
        http.insert("GLDailyJournalLineClient", payment("10002", invoice, 100, "wrong customer"));
        assertThatThrownBy(() -> sandbox.postJournal("BANK")).hasMessageContaining("another customer");
        assertThat(openItem(invoice).get("AmountOpen").asDouble()).isEqualTo(100.0);
        assertThat(http.read("GLDailyJournalLineClient").json()).as("the journal keeps its line").hasSize(1);
        assertThat(http.read("DebtorInvoiceClient").json().get(0).path("InvoiceNum").asText()).isEqualTo(invoice);
        assertThat(http.insert("DebtorTransClient", obj().put("Account", "10001")).json().get("ErrorCode").asText())
                .as("read-only").isEqualTo("NoRights");
        assertThatThrownBy(() -> sandbox.postJournal("EMPTY")).hasMessageContaining("no lines");

        long voucher = sandbox.payInvoice(invoice, 100, "BT-9");
        assertThat(openItem(invoice).get("AmountOpen").asDouble()).as("marked paid on the screen").isZero();
        assertThat(transactions(invoice)).filteredOn(t -> t.path("Voucher").asLong() == voucher)
                .extracting(t -> t.get("Text").asText()).containsExactly("BT-9");
    }
}
