package com.bcerp.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.order.OrderChanges;
import com.bcerp.core.sync.ParkedRecord;
import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.extensiv.ExtensivSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Extensiv as the deployment's back office: a store order edited before the warehouse picks it changes the warehouse
 * order to the store's lines; edited after, it parks for a person, naming the order and how far the warehouse got.
 * The real handlers in the local runtime, the warehouse read through the Extensiv sandbox's own HTTP API.
 */
class WarehouseEditsIT {

    private static LocalRuntime runtime;
    private static StoreAdmin store;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("warehouse-edits-it");
        Path config = dir.resolve("connector.yaml");
        Files.writeString(config, """
                back_offices:
                  systems:
                    extensiv: extensiv
                catalog:
                  product_sync: false
                """);
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(dir).withConfigFile(config));
        store = StoreAdmin.of(runtime);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void an_edit_before_picking_makes_the_warehouse_order_the_store_s_lines_once() throws Exception {
        List<SandboxCatalog.Item> items = runtime.bigcommerce().catalog().simpleItems();
        long order = place(Map.of(items.get(0), 2, items.get(1), 1));
        awaitSettled();
        String ref = "BC-" + runtime.bigcommerce().storeHash() + "-" + order;
        assertThat(WarehouseApi.skusAndQuantities(single(ref)))
                .containsExactlyInAnyOrder(items.get(0).sku() + " x2", items.get(1).sku() + " x1");

        // the store's staff: the first line up to 3, the second removed, a third product added
        List<JsonNode> lines = storeLines(order);
        long first = lineOf(lines, items.get(0).sku());
        long second = lineOf(lines, items.get(1).sku());
        store.put("/v2/orders/" + order, Map.of("products", List.of(Map.of("id", first, "quantity", 3),
                Map.of("id", second, "quantity", 0), Map.of("product_id", items.get(2).productId(), "quantity", 4))));
        awaitSettled();

        List<String> storeNow = storeLines(order).stream().map(l -> l.path("sku").asText() + " x"
                + l.path("quantity").asInt()).toList();
        assertThat(storeNow).containsExactlyInAnyOrder(items.get(0).sku() + " x3", items.get(2).sku() + " x4");
        JsonNode warehouseOrder = single(ref);
        assertThat(WarehouseApi.skusAndQuantities(warehouseOrder)).as("the warehouse order is the store's lines")
                .containsExactlyInAnyOrderElementsOf(storeNow);
        assertThat(parked(order)).isEmpty();

        // the same edit delivered again changes nothing
        String modified = warehouseOrder.path("readOnly").path("lastModifiedDate").asText();
        store.put("/v2/orders/" + order, Map.of("customer_message", "no change to the lines"));
        awaitSettled();
        assertThat(single(ref).path("readOnly").path("lastModifiedDate").asText()).isEqualTo(modified);
    }

    @Test
    void an_edit_after_picking_parks_naming_the_warehouse_order_and_that_it_is_picked() throws Exception {
        SandboxCatalog.Item item = runtime.bigcommerce().catalog().simpleItems().get(3);
        long order = place(Map.of(item, 2));
        awaitSettled();
        String ref = "BC-" + runtime.bigcommerce().storeHash() + "-" + order;
        int id = single(ref).path("readOnly").path("orderId").asInt();
        extensiv().pick(id);

        store.put("/v2/orders/" + order, Map.of("products", List.of(Map.of("id",
                lineOf(storeLines(order), item.sku()), "quantity", 1))));
        awaitSettled();

        assertThat(parked(order)).singleElement().satisfies(reason -> assertThat(reason)
                .contains("warehouse order " + id, ref, "picked"));
        assertThat(WarehouseApi.skusAndQuantities(single(ref))).as("the picked order is left as it was")
                .containsExactly(item.sku() + " x2");
    }

    private static long place(Map<SandboxCatalog.Item, Integer> products) {
        Map<String, Object> address = Map.of("first_name", "Ada", "last_name", "Byron", "street_1", "1 Main St",
                "city", "Austin", "zip", "78701", "country", "United States", "country_iso2", "US",
                "email", "ada.byron@example.com");
        List<Map<String, Object>> lines = new ArrayList<>();
        products.forEach((item, qty) -> lines.add(Map.of("product_id", item.productId(), "quantity", qty)));
        return store.post("/v2/orders", Map.of("billing_address", address, "shipping_addresses", List.of(address),
                "status_id", 11, "customer_id", 0, "products", lines)).path("id").asLong();
    }

    private static List<JsonNode> storeLines(long order) {
        List<JsonNode> out = new ArrayList<>();
        store.get("/v2/orders/" + order + "/products").forEach(out::add);
        return out;
    }

    private static long lineOf(List<JsonNode> lines, String sku) {
        return lines.stream().filter(l -> l.path("sku").asText().equals(sku)).findFirst().orElseThrow()
                .path("id").asLong();
    }

    private static JsonNode single(String referenceNum) throws Exception {
        List<JsonNode> found = WarehouseApi.orders(extensiv(), referenceNum);
        assertThat(found).as("warehouse orders " + referenceNum).hasSize(1);
        return found.get(0);
    }

    private static List<String> parked(long order) {
        String key = OrderChanges.recordKey(runtime.bigcommerce().storeHash(), order);
        return runtime.worker().state().parked().stream().filter(p -> p.recordKey().equals(key))
                .map(ParkedRecord::reason).toList();
    }

    private static ExtensivSandbox extensiv() {
        return ((LocalBackOffice.Extensiv) runtime.backOffices().get("extensiv")).sandbox();
    }

    private static void awaitSettled() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!runtime.isSettled(Duration.ofSeconds(2)) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }
}
