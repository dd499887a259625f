package com.bcerp.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.payment.PaymentSync;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.Outcome;
import com.bcerp.sandbox.SandboxCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private static StoreAdmin admin;

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
        admin = StoreAdmin.of(runtime);
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
        JsonNode refund = admin.refundOneUnit(id, lineId(id));
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

        admin.put("/v2/orders/" + id, Map.of("staff_notes", "checked the declined refund")); // a later update changes nothing
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

        admin.post("/v3/orders/" + id + "/payment_actions/capture", Map.of());
        awaitSettled();
        assertThat(admin.order(id).path("payment_status").asText()).isEqualTo("capture pending");
        assertThat(payments(id)).as("a pending capture is not a success").singleElement().satisfies(p -> {
            assertThat(p.at("/Status/value").asText()).isEqualTo("On Hold");
            assertThat(p.at("/Hold/value").asBoolean()).isTrue();
        });
        String key = PaymentSync.recordKey(runtime.bigcommerce().storeHash(), id);
        assertThat(last(key).document()).contains("the capture is pending");

        runtime.bigcommerce().faults().deliveriesPerEvent(2); // the settlement's notices arrive twice
        runtime.bigcommerce().settleCapture(id);
        awaitSettled();
        JsonNode order = admin.order(id);
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
        return admin.post("/sandbox/checkouts", checkout).path("id").asLong();
    }

    private static JsonNode storeRefund(long orderId, long refundId) {
        JsonNode refunds = admin.get("/v3/orders/" + orderId + "/payment_actions/refunds").path("data");
        for (JsonNode r : refunds) {
            if (r.path("id").asLong() == refundId) {
                return r;
            }
        }
        throw new AssertionError("order " + orderId + " has no refund " + refundId + ": " + refunds);
    }

    private static long lineId(long orderId) {
        return admin.order(orderId).path("consignments").findValues("line_items").get(0).get(0).path("id").asLong();
    }


    private static void awaitSettled() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!runtime.isSettled(Duration.ofSeconds(2)) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }
}
