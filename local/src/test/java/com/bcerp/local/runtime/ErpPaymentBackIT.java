package com.bcerp.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.bcerp.handlers.worker.FulfilmentSyncHandler;
import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.uniconta.UnicontaSandbox;
import com.bcerp.sandbox.visma.VismaSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Payment back from Visma.net ERP and Uniconta over HTTP, the real handlers in the local runtime: a B2B order ships in
 * full and is invoiced on terms; when the merchant's bookkeeper records the customer's bank transfers against the
 * invoice through the back office's own API (Visma: a customer payment with an invoice line, released; Uniconta:
 * journal lines settling the invoice, then the journal posted), the store order, read through the store sandbox's
 * own API, moves to {@code fulfilment.paid_status} with a staff note naming the invoice and payments; a second run
 * writes nothing.
 */
class ErpPaymentBackIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The merchant's bookkeeper at the back office's own API: records a payment of the invoice, returns its number. */
    private abstract static class Bookkeeper {
        /** The bookkeeper's own write requests, told apart from the connector's in the back office's call log. */
        int writes;

        abstract BigDecimal owed(String invoice) throws Exception;

        abstract String pay(String invoice, BigDecimal amount, String reference) throws Exception;
    }

    @ParameterizedTest
    @ValueSource(strings = {"visma", "uniconta"})
    void the_paid_invoice_moves_the_store_order_to_the_paid_status_with_a_note_naming_the_payments_once(String type)
            throws Exception {
        Path dir = Files.createTempDirectory("erp-payment-back-it-" + type);
        Path config = dir.resolve("connector.yaml");
        // on terms: an invoiced order is not complete until it is paid; no catalogue comes from these back offices
        Files.writeString(config, """
                back_offices:
                  systems: {%1$s: %1$s}
                  flows:
                    orders: [%1$s]
                catalog:
                  product_sync: false
                statuses:
                  back_office_to_store: {partly_shipped: 3, shipped: 2, cancelled: 5, on_hold: 12}
                fulfilment:
                  paid_status: 10
                """.formatted(type));
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(dir).withConfigFile(config))) {
            StoreAdmin admin = StoreAdmin.of(runtime);
            LocalBackOffice erp = runtime.backOffices().get(type);
            ShippingDesk desk = erp.shippingDesk().orElseThrow();
            Bookkeeper bookkeeper = erp instanceof LocalBackOffice.Visma v ? visma(v.sandbox())
                    : uniconta(((LocalBackOffice.Uniconta) erp).sandbox());

            long id = place(admin, runtime.bigcommerce().catalog().simpleItems().get(0), 2);
            awaitSettled(runtime, Duration.ofSeconds(60));
            String hash = runtime.bigcommerce().storeHash();
            ShippingDesk.Order order = desk.orders(hash).get(id);
            assertThat(order).as("the store order reached " + type).isNotNull();
            desk.ship(order, "UPSGROUND", order.open(), List.of("1Z1"));
            desk.invoice(desk.orders(hash).get(id));
            ShippingDesk.Order invoiced = desk.orders(hash).get(id);
            assertThat(invoiced.invoices()).hasSize(1);
            String invoice = invoiced.invoices().get(0);

            int writes = desk.connectorWrites();
            Map<String, Object> shipped = run(runtime);
            assertThat(shipped).containsEntry("shipments_created", 1L).containsEntry("payments_applied", 0L);
            assertThat(admin.get("/v2/orders/" + id).path("status_id").asInt()).as("Shipped, invoiced on terms")
                    .isEqualTo(2);
            assertThat(admin.get("/v2/orders/" + id).path("staff_notes").asText()).doesNotContain("Paid:");

            BigDecimal owed = bookkeeper.owed(invoice);
            String first = bookkeeper.pay(invoice, new BigDecimal("1.00"), "BT-2026-118");
            assertThat(run(runtime)).as("paid in part").containsEntry("payments_applied", 0L);
            assertThat(admin.get("/v2/orders/" + id).path("status_id").asInt()).isEqualTo(2);
            assertThat(bookkeeper.owed(invoice)).isEqualByComparingTo(owed.subtract(BigDecimal.ONE));

            String rest = bookkeeper.pay(invoice, owed.subtract(BigDecimal.ONE), "BT-2026-131");
            assertThat(bookkeeper.owed(invoice)).as("the back office reports it settled").isZero();
            assertThat(run(runtime)).containsEntry("payments_applied", 1L).containsEntry("statuses_set", 1L);

            JsonNode paid = admin.get("/v2/orders/" + id);
            String name = desk.markerName();
            assertThat(paid.path("status_id").asInt()).as("Completed").isEqualTo(10);
            assertThat(paid.path("staff_notes").asText()).isEqualTo("Back office: " + name + " sales order "
                    + invoiced.number() + "; invoice " + invoice + "\nPaid: " + name + " invoice " + invoice
                    + " by payment " + first + " (ref BT-2026-118), payment " + rest + " (ref BT-2026-131)");
            awaitSettled(runtime, Duration.ofSeconds(30));

            Map<String, Object> again = run(runtime);
            assertThat(again).containsEntry("payments_applied", 0L).containsEntry("statuses_set", 0L)
                    .containsEntry("references_written", 0L).containsEntry("shipments_created", 0L);
            JsonNode after = admin.get("/v2/orders/" + id);
            assertThat(after.path("status_id").asInt()).isEqualTo(10);
            assertThat(after.path("staff_notes").asText()).isEqualTo(paid.path("staff_notes").asText());
            assertThat(after.path("date_modified").asText()).as("the store order was not written again")
                    .isEqualTo(paid.path("date_modified").asText());
            assertThat(desk.connectorWrites() - bookkeeper.writes).as("the connector wrote nothing to " + type
                    + " while payments came back, nor on the store's echo of Completed").isEqualTo(writes);
        }
    }

    /**
     * Visma.net: the invoice's {@code balanceInCurrency} as {@code GET /v1/customerinvoice/{nbr}} reports it, and a
     * customer payment ({@code POST /v1/customerPayment} with the invoice in {@code paymentLines}) released with its
     * action (§10.1.5), under a client_credentials token of the bookkeeper's own.
     */
    private static Bookkeeper visma(VismaSandbox erp) throws Exception {
        VismaSandbox.Settings s = erp.settings();
        String form = "grant_type=client_credentials&client_id=" + enc(s.clientId()) + "&client_secret="
                + enc(s.clientSecret()) + "&tenant_id=" + enc(s.tenantId()) + "&scope="
                + enc("vismanet_erp_service_api:read vismanet_erp_service_api:create");
        String token = JSON.readTree(send(HttpRequest.newBuilder(URI.create(erp.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), 200).body()).path("access_token").asText();
        return new Bookkeeper() {
            private JsonNode invoice(String nbr) throws Exception {
                return JSON.readTree(send(request(erp.baseUrl() + "/v1/customerinvoice/" + nbr).GET(), 200).body());
            }

            private HttpRequest.Builder request(String url) {
                return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json");
            }

            @Override
            BigDecimal owed(String nbr) throws Exception {
                return invoice(nbr).path("balanceInCurrency").decimalValue();
            }

            @Override
            String pay(String nbr, BigDecimal amount, String reference) throws Exception {
                writes += 2;
                JsonNode invoice = invoice(nbr);
                Map<String, Object> body = Map.of("type", value("Payment"),
                        "customer", value(invoice.path("customer").path("number").asText()),
                        "applicationDate", value(LocalDate.now() + "T00:00:00"), "cashAccount", value("1920"),
                        "currency", value(invoice.path("currencyId").asText()),
                        "paymentAmount", value(amount), "paymentRef", value(reference),
                        "paymentLines", List.of(Map.of("operation", "Insert", "documentType", value("Invoice"),
                                "refNbr", value(nbr), "amountPaid", value(amount))));
                HttpResponse<String> created = send(request(erp.baseUrl() + "/v1/customerPayment")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), 201);
                String location = created.headers().firstValue("Location").orElseThrow();
                String number = location.substring(location.lastIndexOf('/') + 1);
                send(request(erp.baseUrl() + "/v1/customerPayment/" + number + "/action/release").POST(
                        HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("type", value("Payment"))))),
                        200);
                return number;
            }
        };
    }

    /**
     * Uniconta: the invoice's open item in the customers' ledger ({@code DebtorTransClient}, {@code AmountOpen}) over
     * OData, and a journal line settling it as Uniconta's "mark invoice paid" screen fills one, inserted through the
     * Entities API; the journal is then posted on the bookkeeper's screen (Uniconta posts journals through its .NET
     * PostingAPI only).
     */
    private static Bookkeeper uniconta(UnicontaSandbox erp) {
        UnicontaSandbox.Settings s = erp.settings();
        String basic = "Basic " + Base64.getEncoder().encodeToString((s.loginName() + ":" + s.password())
                .getBytes(StandardCharsets.UTF_8));
        return new Bookkeeper() {
            private List<JsonNode> ledger(String filter) throws Exception {
                JsonNode rows = JSON.readTree(send(HttpRequest.newBuilder(URI.create(erp.baseUrl() + "/odata/"
                        + s.companyId() + "/" + "DebtorTransClient?$filter=" + enc(filter).replace("+", "%20")))
                        .header("Authorization", basic).header("Accept", "application/json").GET(), 200).body())
                        .path("value");
                return JSON.convertValue(rows, JSON.getTypeFactory().constructCollectionType(List.class, JsonNode.class));
            }

            @Override
            BigDecimal owed(String invoice) throws Exception {
                return ledger("Invoice eq '" + invoice + "' and PostType eq 'Invoice'").get(0).path("AmountOpen")
                        .decimalValue();
            }

            @Override
            String pay(String invoice, BigDecimal amount, String reference) throws Exception {
                writes++;
                String account = ledger("Invoice eq '" + invoice + "' and PostType eq 'Invoice'").get(0)
                        .path("Account").asText();
                String body = JSON.writeValueAsString(List.of(Map.of("Journal", "BANK", "AccountType", "Debtor",
                        "Account", account, "Credit", amount, "OffsetAccount", "5800", "Invoice", invoice,
                        "Text", reference)));
                send(HttpRequest.newBuilder(URI.create(erp.baseUrl() + "/api/Entities/InsertList/GLDailyJournalLineClient"))
                        .header("Authorization", basic).header("Content-Type", "application/json")
                        .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), 200);
                return Long.toString(erp.postJournal("BANK").get(0));
            }
        };
    }

    private static Map<String, Object> value(Object v) {
        return Map.of("value", v);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.request().method() + " " + r.request().uri() + ": " + r.body()).isEqualTo(expected);
        return r;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> run(LocalRuntime runtime) {
        ScheduledEvent e = new ScheduledEvent();
        e.setSource("aws.scheduler");
        e.setDetailType("Scheduled Event");
        e.setDetail(Map.of());
        return new FulfilmentSyncHandler(runtime.worker().fulfilmentSync())
                .handleRequest(e, new LocalLambdaContext("fulfilment-sync", Duration.ofMinutes(15)));
    }

    private static long place(StoreAdmin admin, SandboxCatalog.Item item, int quantity) {
        Map<String, Object> address = Map.of("first_name", "Ada", "last_name", "Byron", "street_1", "1 Main St",
                "city", "Austin", "zip", "78701", "country", "United States", "country_iso2", "US",
                "email", "ada.byron@example.com");
        return admin.post("/v2/orders", Map.of("billing_address", address, "shipping_addresses", List.of(address),
                "status_id", 11, "customer_id", 0, "products", List.of(Map.of("product_id", item.productId(),
                        "quantity", quantity)))).path("id").asLong();
    }

    private static void awaitSettled(LocalRuntime runtime, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!runtime.isSettled(Duration.ofSeconds(2)) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }
}
