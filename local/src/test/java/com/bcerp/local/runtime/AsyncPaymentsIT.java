package com.bcerp.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.core.payment.PaymentSync;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.Outcome;
import com.bcerp.sandbox.SandboxCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Refunds and captures are asynchronous at the payment provider, end to end through the real handlers over HTTP: a
 * refund the provider declines after its credit memo was posted leaves no open credit in Acumatica, and a capture
 * pending at the provider leaves the authorisation's payment on hold until it settles, then releases it once. The
 * back office is read through the Acumatica sandbox's own records, the store through its API.
 */
class AsyncPaymentsIT {

    private static LocalRuntime runtime;
    private static BigCommerceClient admin;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("async-payments-it");
        Path config = dir.resolve("connector.yaml");
        Files.writeString(config, """
                payments:
                  enabled: true
                  methods:
                    - gateway: braintree
                      payment_method: CARD
                      cash_account: "10200"
                """);
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(dir).withConfigFile(config));
        admin = BigCommerceClient.create(new BigCommerceSettings(URI.create(runtime.bigcommerce().baseUrl()),
                runtime.bigcommerce().storeHash(), runtime.bigcommerce().adminAccessToken()));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @AfterEach
    void knobsOff() {
        runtime.bigcommerce().faults().reset();
    }

    @Test
    void a_refund_declined_after_its_credit_memo_was_posted_leaves_no_open_credit() throws Exception {
        SandboxCatalog.Item item = runtime.bigcommerce().catalog().simpleItems().get(0);
        long id = place(checkout(item, 2, Map.of("gateway", "braintree", "action", "purchase")));
        awaitSettled();
        JsonNode refund = refundOneUnit(id, lineId(id));
        long refundId = refund.path("id").asLong();
        awaitSettled();
        String creditRef = "BC-" + runtime.bigcommerce().storeHash() + "-" + id + "-R" + refundId;
        assertThat(credits(id)).singleElement().satisfies(c -> {
            assertThat(c.at("/ExternalRef/value").asText()).isEqualTo(creditRef);
            assertThat(c.at("/Status/value").asText()).isNotEqualTo("Cancelled");
            assertThat(c.at("/OrderTotal/value").decimalValue()).isEqualByComparingTo(refund.path("total_amount").decimalValue());
        });

        runtime.bigcommerce().declineRefund(id, refundId); // the provider declines paying it back, later
        awaitSettled();
        assertThat(storeRefund(id, refundId).at("/payments/0/is_declined").asBoolean()).isTrue();
        assertThat(credits(id)).as("no open credit for money never paid back").singleElement()
                .satisfies(c -> assertThat(c.at("/Status/value").asText()).isEqualTo("Cancelled"));

        put("/v2/orders/" + id, Map.of("staff_notes", "checked the declined refund")); // a later update changes nothing
        awaitSettled();
        assertThat(credits(id)).singleElement().satisfies(c -> {
            assertThat(c.at("/ExternalRef/value").asText()).isEqualTo(creditRef);
            assertThat(c.at("/Status/value").asText()).isEqualTo("Cancelled");
        });
        assertThat(runtime.worker().state().parked()).isEmpty();
    }

    @Test
    void a_pending_capture_keeps_the_payment_on_hold_until_the_provider_settles_it_then_releases_it_once()
            throws Exception {
        runtime.bigcommerce().faults().capturesStayPending(true);
        SandboxCatalog.Item item = runtime.bigcommerce().catalog().simpleItems().get(1);
        long id = place(checkout(item, 1, Map.of("gateway", "braintree", "action", "authorize")));
        awaitSettled();
        assertThat(payments(id)).as("the authorisation is held").singleElement()
                .satisfies(p -> assertThat(p.at("/Status/value").asText()).isEqualTo("On Hold"));

        BigCommerceClient.expect(admin.post("/v3/orders/" + id + "/payment_actions/capture", Map.of()), "capture",
                Set.of(201));
        awaitSettled();
        assertThat(storeOrder(id).path("payment_status").asText()).isEqualTo("capture pending");
        assertThat(payments(id)).as("a pending capture is not a success").singleElement().satisfies(p -> {
            assertThat(p.at("/Status/value").asText()).isEqualTo("On Hold");
            assertThat(p.at("/Hold/value").asBoolean()).isTrue();
        });
        String key = PaymentSync.recordKey(runtime.bigcommerce().storeHash(), id);
        assertThat(last(key).document()).contains("the capture is pending");

        runtime.bigcommerce().faults().deliveriesPerEvent(2); // the settlement's notices arrive twice
        runtime.bigcommerce().settleCapture(id);
        awaitSettled();
        JsonNode order = storeOrder(id);
        assertThat(order.path("payment_status").asText()).isEqualTo("captured");
        assertThat(payments(id)).as("released at the captured amount").singleElement().satisfies(p -> {
            assertThat(p.at("/Status/value").asText()).isEqualTo("Balanced");
            assertThat(p.at("/Hold/value").asBoolean()).isFalse();
            assertThat(p.at("/PaymentAmount/value").decimalValue())
                    .isEqualByComparingTo(new BigDecimal(order.path("total_inc_tax").asText()));
        });
        assertThat(runtime.worker().state().history(key)).as("released once")
                .filteredOn(a -> a.outcome() == Outcome.CREATED && a.document().contains("updated")).hasSize(1);
    }

    private static AuditRecord last(String key) {
        List<AuditRecord> history = runtime.worker().state().history(key);
        return history.get(history.size() - 1);
    }

    /** The order's credit memos, as Acumatica's {@code GET SalesOrder} lists them. */
    private static List<JsonNode> credits(long orderId) {
        String ref = "BC-" + runtime.bigcommerce().storeHash() + "-" + orderId + "-R";
        return runtime.acumatica().salesOrders().stream()
                .filter(d -> d.at("/ExternalRef/value").asText().startsWith(ref)).toList();
    }

    /** The order's payments, as Acumatica's {@code GET Payment} lists them. */
    private static List<JsonNode> payments(long orderId) {
        String ref = "BC-" + runtime.bigcommerce().storeHash() + "-" + orderId + "-T";
        return runtime.acumatica().payments().stream()
                .filter(p -> p.at("/ExternalRef/value").asText().startsWith(ref)).toList();
    }

    private static Map<String, Object> checkout(SandboxCatalog.Item item, int quantity, Map<String, Object> payment) {
        Map<String, Object> address = Map.of("first_name", "Ada", "last_name", "Byron", "street_1", "1 Main St",
                "city", "Austin", "zip", "78701", "country", "United States", "country_iso2", "US",
                "email", "ada.async@example.com");
        Map<String, Object> shipTo = new LinkedHashMap<>(address);
        shipTo.put("shipping_method", "Flat Rate");
        shipTo.put("shipping_cost_ex_tax", "8.00");
        return Map.of("billing_address", address, "shipping_addresses", List.of(shipTo), "payment", payment,
                "products", List.of(Map.of("product_id", item.productId(), "quantity", quantity)));
    }

    private static long place(Map<String, Object> checkout) {
        return BigCommerceClient.expect(admin.post("/sandbox/checkouts", checkout), "checkout", Set.of(200, 201))
                .json().path("id").asLong();
    }

    private static JsonNode storeOrder(long id) {
        return BigCommerceClient.expect(admin.get("/v2/orders/" + id + "?include=consignments.line_items"
                + "&consignment_structure=object"), "GET order " + id, Set.of(200)).json();
    }

    private static JsonNode storeRefund(long orderId, long refundId) {
        JsonNode refunds = BigCommerceClient.expect(admin.get("/v3/orders/" + orderId + "/payment_actions/refunds"),
                "refunds", Set.of(200)).json().path("data");
        for (JsonNode r : refunds) {
            if (r.path("id").asLong() == refundId) {
                return r;
            }
        }
        throw new AssertionError("order " + orderId + " has no refund " + refundId + ": " + refunds);
    }

    private static long lineId(long orderId) {
        return storeOrder(orderId).path("consignments").findValues("line_items").get(0).get(0).path("id").asLong();
    }

    /** A refund of one unit of the line, paid back as the store's quote for it says. */
    private static JsonNode refundOneUnit(long orderId, long lineId) {
        List<Map<String, Object>> items = List.of(Map.of("item_type", "PRODUCT", "item_id", lineId, "quantity", 1));
        JsonNode method = BigCommerceClient.expect(admin.post("/v3/orders/" + orderId
                + "/payment_actions/refund_quotes", Map.of("items", items)), "refund quote", Set.of(200, 201)).json()
                .path("data").path("refund_methods").get(0).get(0);
        return BigCommerceClient.expect(admin.post("/v3/orders/" + orderId + "/payment_actions/refunds",
                Map.of("items", items, "payments", List.of(Map.of("provider_id", method.path("provider_id").asText(),
                        "amount", method.path("amount").decimalValue(), "offline", false)))),
                "refund", Set.of(200, 201)).json().path("data");
    }

    private static void put(String path, Object body) {
        BigCommerceClient.expect(admin.put(path, body), "PUT " + path, Set.of(200));
    }

    private static void awaitSettled() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!runtime.isSettled(Duration.ofSeconds(2)) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }
}
