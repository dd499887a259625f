package com.bcerp.local.runtime;

import com.bcerp.local.demo.BackOfficeBooks;
import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.invoice.InvoiceSync;
import com.bcerp.http.JsonSupport;
import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AR invoices for paid orders, end to end through the real handlers over HTTP: a paid order's sales order (of type
 * IN, which Acumatica invoices without a shipment) is invoiced with its lines and total, released, and closed at a
 * zero balance by the order's payment; the webhook redelivered leaves one invoice; a refund then becomes a credit
 * memo against that invoice. Acumatica is read as a person checking would: its contract-based API, a token of
 * their own.
 */
class ArInvoicesIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalRuntime runtime;
    private static StoreAdmin admin;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("ar-invoices-it");
        Path config = dir.resolve("connector.yaml");
        Files.writeString(config, """
                deployment:
                  acumatica:
                    order_type: IN
                payments:
                  enabled: true
                  methods:
                    - gateway: braintree
                      payment_method: CARD
                      cash_account: "10200"
                invoices:
                  enabled: true
                  methods:
                    - gateway: braintree
                      mode: from_order
                """);
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(dir).withConfigFile(config));
        admin = StoreAdmin.of(runtime);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void a_paid_order_is_invoiced_once_closed_by_its_payment_and_a_refund_is_a_credit_memo_against_the_invoice()
            throws Exception {
        SandboxCatalog.Item item = runtime.bigcommerce().catalog().simpleItems().get(0);
        runtime.bigcommerce().faults().deliveriesPerEvent(3); // every notice of the order delivered three times
        long id = admin.post("/sandbox/checkouts", checkout(item, 2)).path("id").asLong();
        awaitSettled();
        String orderRef = "BC-" + runtime.bigcommerce().storeHash() + "-" + id;
        JsonNode order = admin.order(id);
        BigDecimal total = new BigDecimal(order.path("total_inc_tax").asText());

        JsonNode salesOrder = acumatica("SalesOrder?$filter=" + enc("ExternalRef eq '" + orderRef + "'")
                + "&$expand=Details,Shipments").get(0);
        assertThat(salesOrder.at("/OrderType/value").asText()).isEqualTo("IN");
        List<JsonNode> invoices = invoices(orderRef);
        assertThat(invoices).as("one released invoice, paid in full").singleElement().satisfies(inv -> {
            assertThat(inv.at("/Type/value").asText()).isEqualTo("Invoice");
            assertThat(inv.at("/Status/value").asText()).isEqualTo("Closed");
            assertThat(inv.at("/Amount/value").decimalValue()).isEqualByComparingTo(total);
            assertThat(inv.at("/Balance/value").decimalValue()).isZero();
            assertThat(inv.at("/CustomerID/value").asText()).isEqualTo(salesOrder.at("/CustomerID/value").asText());
            assertThat(lines(inv)).isEqualTo(lines(salesOrder));
            assertThat(inv.path("ApplicationsInvoice")).singleElement().satisfies(a ->
                    assertThat(a.at("/AmountPaid/value").decimalValue()).isEqualByComparingTo(total));
        });
        String invoiceNbr = invoices.get(0).at("/ReferenceNbr/value").asText();
        assertThat(salesOrder.at("/Status/value").asText()).isEqualTo("Invoiced");

        admin.put("/v2/orders/" + id, Map.of("staff_notes", "invoiced")); // a later update, delivered three times too
        awaitSettled();
        assertThat(invoices(orderRef)).as("still one invoice").filteredOn(i -> i.at("/Type/value").asText().equals("Invoice"))
                .hasSize(1);
        runtime.bigcommerce().faults().reset();

        JsonNode refund = admin.refundOneUnit(id, order.path("consignments").findValues("line_items").get(0).get(0).path("id").asLong());
        awaitSettled();
        String creditRef = orderRef + "-R" + refund.path("id").asLong();
        List<JsonNode> after = invoices(orderRef);
        assertThat(after).filteredOn(i -> i.at("/Type/value").asText().equals("Credit Memo")).singleElement().satisfies(m -> {
            assertThat(m.at("/ExternalRef/value").asText()).isEqualTo(creditRef);
            assertThat(m.at("/Status/value").asText()).isEqualTo("Open");
            assertThat(m.at("/Amount/value").decimalValue()).isEqualByComparingTo(refund.path("total_amount").decimalValue());
            assertThat(m.path("Details")).isNotEmpty().allSatisfy(l ->
                    assertThat(l.at("/OrigInvNbr/value").asText()).isEqualTo(invoiceNbr));
        });
        assertThat(acumatica("SalesOrder?$filter=" + enc("ExternalRef eq '" + creditRef + "'")))
                .as("no credit order against the invoiced sales order").isEmpty();
        assertThat(runtime.worker().state().parked()).isEmpty();
        assertThat(runtime.worker().state().history(InvoiceSync.recordKey(runtime.bigcommerce().storeHash(), id)))
                .filteredOn(a -> a.outcome() == com.bcerp.core.sync.Outcome.CREATED).hasSize(1);
    }

    private static List<JsonNode> invoices(String orderRef) throws Exception {
        return acumatica("SalesInvoice?$filter=" + enc("ExternalRef eq '" + orderRef + "' or startswith(ExternalRef,'"
                + orderRef + "-')") + "&$expand=Details,ApplicationsInvoice");
    }

    /** Item, quantity and amount of each line, as sold. */
    private static List<String> lines(JsonNode document) {
        List<String> out = new ArrayList<>();
        for (JsonNode line : document.path("Details")) {
            JsonNode qty = line.has("Qty") ? line.at("/Qty/value") : line.at("/OrderQty/value");
            out.add(line.at("/InventoryID/value").asText() + " x " + qty.decimalValue().stripTrailingZeros().toPlainString()
                    + " = " + line.at("/Amount/value").decimalValue().toPlainString());
        }
        return out;
    }

    private static Map<String, Object> checkout(SandboxCatalog.Item item, int quantity) {
        Map<String, Object> address = Map.of("first_name", "Ada", "last_name", "Byron", "street_1", "1 Main St",
                "city", "Austin", "zip", "78701", "country", "United States", "country_iso2", "US",
                "email", "ada.invoice@example.com");
        Map<String, Object> shipTo = new LinkedHashMap<>(address);
        shipTo.put("shipping_method", "Flat Rate");
        shipTo.put("shipping_cost_ex_tax", "8.00");
        return Map.of("billing_address", address, "shipping_addresses", List.of(shipTo),
                "payment", Map.of("gateway", "braintree", "action", "purchase"),
                "products", List.of(Map.of("product_id", item.productId(), "quantity", quantity)));
    }

    /** As a person checking the connector's work would: a token of their own, the contract-based API. */
    private static List<JsonNode> acumatica(String pathAndQuery) {
        return new BackOfficeBooks.Acumatica(runtime.acumatica()).read(pathAndQuery);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void awaitSettled() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Thread.sleep(300); // the sandbox delivers asynchronously
        while (!runtime.isSettled(Duration.ofSeconds(2)) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }
}
