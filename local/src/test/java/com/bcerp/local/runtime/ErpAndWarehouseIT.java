package com.bcerp.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.core.order.OrderImport;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.KeyScope;
import com.bcerp.core.sync.Outcome;
import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.extensiv.ExtensivSandbox;
import com.fasterxml.jackson.databind.JsonNode;
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
 * One deployment with an ERP and a warehouse: every order goes to Acumatica, those Awaiting Fulfillment also to
 * Extensiv, each with its own records; the warehouse's shipments come back to the store, once. The real handlers in
 * the local runtime, both back offices checked through their sandboxes' own APIs.
 */
class ErpAndWarehouseIT {

    private static LocalRuntime runtime;
    private static BigCommerceClient admin;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("erp-and-warehouse-it");
        Path config = dir.resolve("connector.yaml");
        Files.writeString(config, """
                back_offices:
                  systems:
                    acumatica: acumatica
                    extensiv: extensiv
                  flows:
                    orders: [acumatica, extensiv]
                    stock: extensiv
                    catalog: acumatica
                    fulfilment: extensiv
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
    void each_order_reaches_the_erp_and_only_those_awaiting_fulfillment_the_warehouse_whose_shipment_comes_back_once()
            throws Exception {
        SandboxCatalog.Item item = runtime.bigcommerce().catalog().simpleItems().get(0);
        long ready = place(item, 2, 11);
        long pending = place(item, 1, 1);
        awaitSettled(Duration.ofSeconds(60));
        String hash = runtime.bigcommerce().storeHash();

        assertThat(runtime.acumatica().salesOrders()).filteredOn(so -> so.at("/CustomerOrder/value").asText()
                .equals(Long.toString(ready)) || so.at("/CustomerOrder/value").asText().equals(Long.toString(pending)))
                .as("both orders in the ERP").hasSize(2);
        List<JsonNode> inWarehouse = warehouseOrders("BC-" + hash + "-" + ready);
        assertThat(inWarehouse).as("the ready order in the warehouse, once").singleElement().satisfies(o ->
                assertThat(o.path("_embedded").path("http://api.3plCentral.com/rels/orders/item")).singleElement()
                        .satisfies(line -> {
                            assertThat(line.path("itemIdentifier").path("sku").asText()).isEqualTo(item.sku());
                            assertThat(line.path("qty").asDouble()).isEqualTo(2.0);
                        }));
        assertThat(warehouseOrders("BC-" + hash + "-" + pending)).as("a pending order is not for the warehouse").isEmpty();
        String warehouseKey = OrderImport.recordKey(new KeyScope("extensiv", false).store(hash), ready);
        assertThat(runtime.worker().state().history(OrderImport.recordKey(hash, ready))).extracting(AuditRecord::outcome)
                .as("the ERP's own record").contains(Outcome.CREATED);
        assertThat(runtime.worker().state().history(warehouseKey)).extracting(AuditRecord::outcome)
                .as("the warehouse's own record").contains(Outcome.CREATED);

        int warehouseOrder = inWarehouse.get(0).path("readOnly").path("orderId").asInt();
        extensiv().shipInFull(warehouseOrder, "1Z-LOCAL-" + ready);
        runtime.worker().fulfilmentSync().run();
        runtime.worker().fulfilmentSync().run();

        JsonNode shipments = BigCommerceClient.expect(admin.get("/v2/orders/" + ready + "/shipments"),
                "GET shipments", Set.of(200)).json();
        assertThat(shipments).as("one store shipment, however many runs").hasSize(1);
        assertThat(shipments.get(0).path("tracking_number").asText()).isEqualTo("1Z-LOCAL-" + ready);
        assertThat(shipments.get(0).path("items")).singleElement()
                .satisfies(i -> assertThat(i.path("quantity").asInt()).isEqualTo(2));
    }

    @Test
    void an_order_to_two_addresses_is_two_warehouse_orders_and_reads_partially_shipped_until_both_have_shipped()
            throws Exception {
        SandboxCatalog.Item mug = runtime.bigcommerce().catalog().simpleItems().get(1);
        SandboxCatalog.Item tote = runtime.bigcommerce().catalog().simpleItems().get(2);
        // two consignments: a storefront's checkout (the API's POST /v2/orders ships everything to its first address)
        long order = BigCommerceClient.expect(admin.post("/sandbox/checkouts", Map.of("customer_id", 0,
                "billing_address", address("Ada", "1 Main St"), "shipping_addresses", List.of(address("Ada", "1 Main St"),
                        address("Charles", "9 Harbour Rd")), "products", List.of(Map.of("product_id", mug.productId(),
                        "quantity", 1), Map.of("product_id", tote.productId(), "quantity", 2, "shipping_address_index", 1)),
                "payment", Map.of("gateway", "braintree", "action", "purchase"))), "POST /sandbox/checkouts",
                Set.of(201)).json().path("id").asLong();
        awaitSettled(Duration.ofSeconds(60));
        String ref = "BC-" + runtime.bigcommerce().storeHash() + "-" + order;

        JsonNode first = single(warehouseOrders(ref));
        JsonNode second = single(warehouseOrders(ref + "-S2"));
        assertThat(first.path("shipTo").path("name").asText()).isEqualTo("Ada Byron");
        assertThat(first.path("shipTo").path("address1").asText()).isEqualTo("1 Main St");
        assertThat(skusAndQuantities(first)).containsExactly(mug.sku() + " x1");
        assertThat(second.path("shipTo").path("name").asText()).isEqualTo("Charles Byron");
        assertThat(second.path("shipTo").path("address1").asText()).isEqualTo("9 Harbour Rd");
        assertThat(skusAndQuantities(second)).containsExactly(tote.sku() + " x2");

        extensiv().shipInFull(first.path("readOnly").path("orderId").asInt(), "1Z-FIRST-" + order);
        runtime.worker().fulfilmentSync().run();
        assertThat(storeStatus(order)).as("one consignment of two shipped: Partially Shipped").isEqualTo(3);

        extensiv().shipInFull(second.path("readOnly").path("orderId").asInt(), "1Z-SECOND-" + order);
        runtime.worker().fulfilmentSync().run();
        assertThat(storeStatus(order)).as("both shipped: Shipped").isEqualTo(2);
        assertThat(BigCommerceClient.expect(admin.get("/v2/orders/" + order + "/shipments"), "GET shipments",
                Set.of(200)).json()).extracting(s -> s.path("tracking_number").asText())
                .containsExactlyInAnyOrder("1Z-FIRST-" + order, "1Z-SECOND-" + order);
    }

    @Test
    void an_order_the_warehouse_shipped_short_reads_partially_shipped_in_the_store() throws Exception {
        SandboxCatalog.Item item = runtime.bigcommerce().catalog().simpleItems().get(3);
        long order = place(item, 3, 11);
        awaitSettled(Duration.ofSeconds(60));
        int id = single(warehouseOrders("BC-" + runtime.bigcommerce().storeHash() + "-" + order))
                .path("readOnly").path("orderId").asInt();

        extensiv().pick(id);
        extensiv().pack(id, "1Z-SHORT-" + order, Map.of(item.sku(), 2.0));
        extensiv().confirm(id);
        runtime.worker().fulfilmentSync().run();

        assertThat(BigCommerceClient.expect(admin.get("/v2/orders/" + order + "/shipments"), "GET shipments",
                Set.of(200)).json()).singleElement().satisfies(s -> assertThat(s.path("items")).singleElement()
                .satisfies(i -> assertThat(i.path("quantity").asInt()).isEqualTo(2)));
        assertThat(storeStatus(order)).as("2 of 3 shipped, the order closed short: Partially Shipped").isEqualTo(3);
    }

    private static Map<String, Object> address(String firstName, String street) {
        return Map.of("first_name", firstName, "last_name", "Byron", "street_1", street, "city", "Austin", "zip",
                "78701", "country", "United States", "country_iso2", "US", "email", "ada.byron@example.com");
    }

    private static JsonNode single(List<JsonNode> orders) {
        assertThat(orders).hasSize(1);
        return orders.get(0);
    }

    private static List<String> skusAndQuantities(JsonNode warehouseOrder) {
        return WarehouseApi.skusAndQuantities(warehouseOrder);
    }

    /** The store order's status, as the store's own API reads it. */
    private static int storeStatus(long order) {
        return BigCommerceClient.expect(admin.get("/v2/orders/" + order), "GET order", Set.of(200)).json()
                .path("status_id").asInt();
    }

    private static long place(SandboxCatalog.Item item, int quantity, int status) {
        Map<String, Object> address = Map.of("first_name", "Ada", "last_name", "Byron", "street_1", "1 Main St",
                "city", "Austin", "zip", "78701", "country", "United States", "country_iso2", "US",
                "email", "ada.byron@example.com");
        JsonNode order = BigCommerceClient.expect(admin.post("/v2/orders", Map.of("billing_address", address,
                "shipping_addresses", List.of(address), "status_id", status, "customer_id", 0,
                "products", List.of(Map.of("product_id", item.productId(), "quantity", quantity)))),
                "POST /v2/orders", Set.of(201)).json();
        return order.path("id").asLong();
    }

    private static ExtensivSandbox extensiv() {
        return ((LocalBackOffice.Extensiv) runtime.backOffices().get("extensiv")).sandbox();
    }

    private static void awaitSettled(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!runtime.isSettled(Duration.ofSeconds(2)) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }

    /** The warehouse's orders with this referenceNum, as an outside client reads them. */
    private static List<JsonNode> warehouseOrders(String referenceNum) throws Exception {
        return WarehouseApi.orders(extensiv(), referenceNum);
    }
}
