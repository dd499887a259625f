package com.bcerp.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.order.OrderImport;
import com.bcerp.core.refund.RefundImport;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.Outcome;
import com.bcerp.core.sync.ParkedRecord;
import com.bcerp.sandbox.SandboxCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runbook's replay, end to end through the real handlers: an order that cannot be mapped parks, a refund of it
 * parks behind it, and once the cause is fixed in the back office, the order's next event imports the order and
 * posts its refund, each once.
 */
class ParkedReplayIT {

    private static LocalRuntime runtime;
    private static StoreAdmin admin;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(Files.createTempDirectory("parked-replay-it")));
        admin = StoreAdmin.of(runtime);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void a_parked_order_and_the_refund_behind_it_sync_once_the_item_exists_and_the_order_changes_again()
            throws Exception {
        SandboxCatalog.Item known = runtime.bigcommerce().catalog().simpleItems().get(0);
        SandboxCatalog.Item unknown = runtime.bigcommerce().catalog().storeOnlyItem();
        String store = runtime.bigcommerce().storeHash();
        long orderId = placeOrder(known, unknown);
        awaitSettled();
        String orderKey = OrderImport.recordKey(store, orderId);
        assertThat(parkedReason(orderKey)).contains("InventoryID").contains(unknown.sku());

        long knownLine = lineIdOf(orderId, known.productId());
        JsonNode refund = admin.refundOneUnit(orderId, knownLine);
        long refundId = refund.path("id").asLong();
        awaitSettled();
        String refundKey = RefundImport.recordKey(store, orderId, refundId);
        assertThat(parkedReason(refundKey)).contains("not in the back office yet");
        assertThat(documentsOf(orderId)).isEmpty();

        runtime.acumatica().addItem(unknown.sku(), new BigDecimal("10.00"));
        admin.put("/v2/orders/" + orderId, Map.of("staff_notes", "store-only item added to Acumatica; replay"));
        awaitSettled();

        JsonNode storeOrder = admin.order(orderId);
        List<JsonNode> documents = documentsOf(orderId);
        assertThat(documents).extracting(d -> d.at("/ExternalRef/value").asText())
                .containsExactlyInAnyOrder("BC-" + store + "-" + orderId, "BC-" + store + "-" + orderId + "-R" + refundId);
        JsonNode sale = byType(documents, "SO");
        JsonNode credit = byType(documents, "CM");
        assertThat(sale.at("/OrderTotal/value").decimalValue())
                .isEqualByComparingTo(new BigDecimal(storeOrder.path("total_inc_tax").asText()));
        assertThat(items(sale)).containsExactlyInAnyOrder(unknown.sku(), known.sku());
        assertThat(credit.at("/OrderTotal/value").decimalValue())
                .isEqualByComparingTo(refund.path("total_amount").decimalValue());
        assertThat(items(credit)).containsExactly(known.sku());
        assertThat(credit.at("/FinancialSettings/OriginalOrderNbr/value").asText())
                .isEqualTo(sale.at("/OrderNbr/value").asText());

        assertThat(runtime.worker().state().parked()).extracting(ParkedRecord::recordKey)
                .doesNotContain(orderKey, refundKey);
        assertThat(runtime.worker().state().history(orderKey)).extracting(AuditRecord::outcome)
                .containsSubsequence(Outcome.PARKED, Outcome.CREATED);
        assertThat(runtime.worker().state().history(refundKey)).extracting(AuditRecord::outcome)
                .containsSubsequence(Outcome.PARKED, Outcome.CREATED);
    }

    private static void awaitSettled() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!runtime.isSettled(Duration.ofSeconds(2)) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }

    private static String parkedReason(String key) {
        return runtime.worker().state().parked().stream().filter(p -> p.recordKey().equals(key))
                .map(ParkedRecord::reason).findFirst().orElse("(not parked)");
    }

    private static List<JsonNode> documentsOf(long orderId) {
        String ref = "BC-" + runtime.bigcommerce().storeHash() + "-" + orderId;
        return runtime.acumatica().salesOrders(Set.of("Details", "FinancialSettings")).stream().filter(d -> {
            String external = d.at("/ExternalRef/value").asText();
            return external.equals(ref) || external.startsWith(ref + "-");
        }).toList();
    }

    private static List<String> items(JsonNode document) {
        return document.at("/Details").findValues("InventoryID").stream().map(v -> v.path("value").asText()).toList();
    }

    private static JsonNode byType(List<JsonNode> documents, String type) {
        return documents.stream().filter(d -> d.at("/OrderType/value").asText().equals(type)).findFirst().orElseThrow();
    }

    private static long placeOrder(SandboxCatalog.Item... items) {
        Map<String, Object> address = Map.of("first_name", "Ada", "last_name", "Byron", "street_1", "1 Main St",
                "city", "Austin", "zip", "78701", "country", "United States", "country_iso2", "US",
                "email", "ada.replay@example.com");
        List<Map<String, Object>> products = new ArrayList<>();
        for (SandboxCatalog.Item item : items) {
            products.add(Map.of("product_id", item.productId(), "quantity", 1));
        }
        return admin.post("/v2/orders", Map.of("billing_address", address, "shipping_addresses", List.of(address),
                "products", products, "customer_id", 0)).path("id").asLong();
    }

    private static long lineIdOf(long orderId, long productId) {
        return admin.order(orderId).path("consignments").findValues("line_items").stream()
                .flatMap(items -> java.util.stream.StreamSupport.stream(items.spliterator(), false))
                .filter(l -> l.path("product_id").asLong() == productId).findFirst().orElseThrow()
                .path("id").asLong();
    }

}
