package com.bcerp.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.core.order.OrderImport;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.Outcome;
import com.bcerp.core.sync.ParkedRecord;
import com.bcerp.local.demo.OrderSeeder;
import com.bcerp.sandbox.SandboxCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real receiver and worker handlers in the local runtime, against both sandboxes over HTTP. */
class OrderFlowIT {

    private static LocalRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(Files.createTempDirectory("order-flow-it")));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static void awaitSettled(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!runtime.isSettled(Duration.ofSeconds(2)) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }

    private static Map<String, List<JsonNode>> salesOrdersByCustomerOrder() {
        return runtime.acumatica().salesOrders().stream()
                .collect(Collectors.groupingBy(so -> so.path("CustomerOrder").path("value").asText()));
    }

    @Test
    void every_webhook_delivered_three_times_concurrently_still_makes_one_sales_order_per_order_with_its_total()
            throws Exception {
        runtime.bigcommerce().faults().deliveriesPerEvent(3).shuffleDeliveries(true);
        try {
            List<OrderSeeder.Placed> placed = new OrderSeeder(runtime.bigcommerce(), 7).place(30);
            awaitSettled(Duration.ofSeconds(90));

            Map<String, List<JsonNode>> byOrder = salesOrdersByCustomerOrder();
            Map<String, String> emailToCustomer = new HashMap<>();
            for (OrderSeeder.Placed order : placed) {
                List<JsonNode> found = byOrder.getOrDefault(Long.toString(order.id()), List.of());
                assertThat(found).as("sales orders for store order " + order.id()).hasSize(1);
                JsonNode so = found.get(0);
                assertThat(so.at("/OrderTotal/value").decimalValue())
                        .isEqualByComparingTo(order.totalIncTax().setScale(2, java.math.RoundingMode.HALF_UP));
                assertThat(so.at("/ExternalRef/value").asText())
                        .isEqualTo("BC-" + runtime.bigcommerce().storeHash() + "-" + order.id());
                // a returning buyer is one customer, however many orders and deliveries
                String customer = so.at("/CustomerID/value").asText();
                assertThat(emailToCustomer.putIfAbsent(order.email(), customer)).isIn(null, customer);
            }
            assertThat(runtime.bigcommerce().deliveries().successes()).isGreaterThanOrEqualTo(90);
            String firstKey = OrderImport.recordKey(runtime.bigcommerce().storeHash(), placed.get(0).id());
            assertThat(runtime.worker().state().history(firstKey)).extracting(AuditRecord::outcome)
                    .contains(Outcome.CREATED).doesNotContain(Outcome.LINKED_EXISTING);
        } finally {
            runtime.bigcommerce().faults().reset();
        }
    }

    @Test
    void an_order_with_an_unknown_sku_is_parked_with_the_field_named_and_does_not_hold_up_the_next_order()
            throws Exception {
        BigCommerceClient admin = BigCommerceClient.create(new BigCommerceSettings(URI.create(runtime.bigcommerce().baseUrl()),
                runtime.bigcommerce().storeHash(), runtime.bigcommerce().adminAccessToken()));
        SandboxCatalog.Item known = runtime.bigcommerce().catalog().simpleItems().get(0);
        SandboxCatalog.Item unknown = runtime.bigcommerce().catalog().storeOnlyItem();
        long poison = place(admin, known, unknown);
        long good = place(admin, known);
        awaitSettled(Duration.ofSeconds(60));

        String poisonKey = OrderImport.recordKey(runtime.bigcommerce().storeHash(), poison);
        assertThat(runtime.worker().state().parked()).extracting(ParkedRecord::recordKey).contains(poisonKey);
        ParkedRecord parked = runtime.worker().state().parked().stream()
                .filter(p -> p.recordKey().equals(poisonKey)).findFirst().orElseThrow();
        assertThat(parked.reason()).contains("InventoryID").contains(unknown.sku()).contains("order " + poison + " line 2");
        assertThat(salesOrdersByCustomerOrder()).doesNotContainKey(Long.toString(poison))
                .containsKey(Long.toString(good));
        assertThat(runtime.aws().visibleAndInFlight(runtime.aws().deadLetterQueueUrl())).isZero();
    }

    @Test
    void a_custom_product_whose_sku_is_an_acumatica_item_posts_on_that_item_and_any_other_on_the_non_stock_item()
            throws Exception {
        BigCommerceClient admin = BigCommerceClient.create(new BigCommerceSettings(URI.create(runtime.bigcommerce().baseUrl()),
                runtime.bigcommerce().storeHash(), runtime.bigcommerce().adminAccessToken()));
        SandboxCatalog.Item stocked = runtime.bigcommerce().catalog().simpleItems().get(3);
        Map<String, Object> address = Map.of("first_name", "Ada", "last_name", "Byron", "street_1", "1 Main St",
                "city", "Austin", "zip", "78701", "country", "United States", "country_iso2", "US",
                "email", "ada.byron@example.com");
        List<Map<String, Object>> products = List.of(
                com.bcerp.local.demo.OrderShapes.custom("Spare part, typed in", stocked.sku(), "12.00", "13.20"),
                com.bcerp.local.demo.OrderShapes.custom("Engraving", "ENGRAVE-1", "5.00", "5.50"));
        long id = BigCommerceClient.expect(admin.post("/v2/orders", Map.of("billing_address", address,
                "shipping_addresses", List.of(address), "products", products, "customer_id", 0, "status_id", 11)),
                "POST /v2/orders", Set.of(201)).json().path("id").asLong();
        awaitSettled(Duration.ofSeconds(60));

        List<JsonNode> found = salesOrdersByCustomerOrder().getOrDefault(Long.toString(id), List.of());
        assertThat(found).as("the sales order of store order " + id).hasSize(1);
        List<String> items = new java.util.ArrayList<>();
        found.get(0).path("Details").forEach(d -> items.add(d.at("/InventoryID/value").asText()));
        assertThat(items).containsExactly(stocked.sku(), "NONSTOCK");
    }

    private static long place(BigCommerceClient admin, SandboxCatalog.Item... items) {
        Map<String, Object> address = Map.of("first_name", "Ada", "last_name", "Byron", "street_1", "1 Main St",
                "city", "Austin", "zip", "78701", "country", "United States", "country_iso2", "US",
                "email", "ada.byron@example.com");
        List<Map<String, Object>> products = java.util.Arrays.stream(items)
                .map(i -> Map.<String, Object>of("product_id", i.productId(), "quantity", 1)).toList();
        JsonNode order = BigCommerceClient.expect(admin.post("/v2/orders", Map.of("billing_address", address,
                "shipping_addresses", List.of(address), "products", products, "customer_id", 0)),
                "POST /v2/orders", Set.of(201)).json();
        assertThat(new BigDecimal(order.path("total_inc_tax").asText())).isPositive();
        return order.path("id").asLong();
    }
}
