package com.bcerp.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.handlers.worker.FulfilmentSyncHandler;
import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Payment back over HTTP, the real handlers in the local runtime: a B2B order ships and is invoiced on terms in
 * Acumatica; when the accountant records the customer's bank transfers against the invoice (the Acumatica sandbox's
 * Payment with the invoice in Documents to Apply), the store order, read through the store sandbox's own API, moves to
 * {@code fulfilment.paid_status} with a staff note naming the invoice and payments; a second run changes nothing.
 */
class PaymentBackIT {

    private static LocalRuntime runtime;
    private static BigCommerceClient admin;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("payment-back-it");
        Path config = dir.resolve("connector.yaml");
        // on terms: an invoiced order is not complete until it is paid
        Files.writeString(config, """
                statuses:
                  back_office_to_store: {partly_shipped: 3, shipped: 2, cancelled: 5, on_hold: 12}
                fulfilment:
                  paid_status: 10
                """);
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(dir).withConfigFile(config));
        admin = BigCommerceClient.create(new BigCommerceSettings(URI.create(runtime.bigcommerce().baseUrl()),
                runtime.bigcommerce().storeHash(), runtime.bigcommerce().adminAccessToken()));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void the_paid_invoice_moves_the_store_order_to_the_paid_status_with_a_note_naming_the_payments_once()
            throws Exception {
        SandboxCatalog.Item item = runtime.bigcommerce().catalog().simpleItems().get(0);
        long id = place(item, 2);
        awaitSettled(Duration.ofSeconds(60));
        AcumaticaSandbox erp = runtime.acumatica();
        JsonNode so = erp.salesOrders().stream().filter(o -> o.at("/CustomerOrder/value").asText()
                .equals(Long.toString(id))).findFirst().orElseThrow();
        String nbr = so.at("/OrderNbr/value").asText();
        int line = so.path("Details").get(0).at("/LineNbr/value").asInt();
        erp.confirmShipment(erp.createShipment("SO", nbr, "UPSGROUND", Map.of(line, new BigDecimal("2")), List.of("1Z1")));
        String invoice = erp.invoiceOrder("SO", nbr);
        erp.releaseInvoice("Invoice", invoice);

        Map<String, Object> shipped = run();
        assertThat(shipped).containsEntry("shipments_created", 1L).containsEntry("payments_applied", 0L);
        assertThat(storeOrder(id).path("status_id").asInt()).as("Shipped, invoiced on terms").isEqualTo(2);
        assertThat(storeOrder(id).path("staff_notes").asText()).doesNotContain("Paid:");

        BigDecimal owed = balance(erp, invoice);
        String first = erp.payInvoice("Invoice", invoice, "WIRE", "BT-2026-118", new BigDecimal("1.00"));
        assertThat(run()).as("paid in part").containsEntry("payments_applied", 0L);
        assertThat(storeOrder(id).path("status_id").asInt()).isEqualTo(2);

        String rest = erp.payInvoice("Invoice", invoice, "WIRE", "BT-2026-131", owed.subtract(BigDecimal.ONE));
        assertThat(run()).containsEntry("payments_applied", 1L).containsEntry("statuses_set", 1L);

        JsonNode paid = storeOrder(id);
        assertThat(paid.path("status_id").asInt()).as("Completed").isEqualTo(10);
        assertThat(paid.path("staff_notes").asText()).isEqualTo("Back office: Acumatica sales order " + nbr
                + "; invoice " + invoice + "\nPaid: Acumatica invoice " + invoice + " by payment " + first
                + " (ref BT-2026-118), payment " + rest + " (ref BT-2026-131)");
        awaitSettled(Duration.ofSeconds(30));

        Map<String, Object> again = run();
        assertThat(again).containsEntry("payments_applied", 0L).containsEntry("statuses_set", 0L)
                .containsEntry("references_written", 0L).containsEntry("shipments_created", 0L);
        JsonNode after = storeOrder(id);
        assertThat(after.path("status_id").asInt()).isEqualTo(10);
        assertThat(after.path("staff_notes").asText()).isEqualTo(paid.path("staff_notes").asText());
        assertThat(after.path("date_modified").asText()).as("the store order was not written again")
                .isEqualTo(paid.path("date_modified").asText());
        assertThat(erp.salesOrders().stream().filter(o -> o.at("/OrderNbr/value").asText().equals(nbr)).findFirst()
                .orElseThrow().at("/Status/value").asText()).as("the store's echo of Completed changed nothing there")
                .isEqualTo("Invoiced");
    }

    private static Map<String, Object> run() {
        ScheduledEvent e = new ScheduledEvent();
        e.setSource("aws.scheduler");
        e.setDetailType("Scheduled Event");
        e.setDetail(Map.of());
        return new FulfilmentSyncHandler(runtime.worker().fulfilmentSync())
                .handleRequest(e, new LocalLambdaContext("fulfilment-sync", Duration.ofMinutes(15)));
    }

    private static BigDecimal balance(AcumaticaSandbox erp, String invoice) {
        return erp.salesInvoices().stream().filter(i -> i.at("/ReferenceNbr/value").asText().equals(invoice))
                .findFirst().orElseThrow().at("/Balance/value").decimalValue();
    }

    private static JsonNode storeOrder(long id) {
        return BigCommerceClient.expect(admin.get("/v2/orders/" + id), "GET order", Set.of(200)).json();
    }

    private static long place(SandboxCatalog.Item item, int quantity) {
        Map<String, Object> address = Map.of("first_name", "Ada", "last_name", "Byron", "street_1", "1 Main St",
                "city", "Austin", "zip", "78701", "country", "United States", "country_iso2", "US",
                "email", "ada.byron@example.com");
        JsonNode order = BigCommerceClient.expect(admin.post("/v2/orders", Map.of("billing_address", address,
                "shipping_addresses", List.of(address), "status_id", 11, "customer_id", 0,
                "products", List.of(Map.of("product_id", item.productId(), "quantity", quantity)))),
                "POST /v2/orders", Set.of(201)).json();
        return order.path("id").asLong();
    }

    private static void awaitSettled(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!runtime.isSettled(Duration.ofSeconds(2)) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }
}
