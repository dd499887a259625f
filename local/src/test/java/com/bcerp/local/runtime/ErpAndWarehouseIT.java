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
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Base64;
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

    private static final ObjectMapper JSON = new ObjectMapper();
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
        var s = extensiv().settings();
        HttpClient http = HttpClient.newHttpClient();
        String basic = Base64.getEncoder().encodeToString((s.clientId() + ":" + s.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        String token = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(extensiv().baseUrl()
                + "/AuthServer/api/Token")).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"grant_type\":\"client_credentials\",\"user_login\":\"" + s.userLogin() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
        JsonNode page = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(extensiv().baseUrl()
                + "/orders?detail=All&rql=" + URLEncoder.encode("referenceNum==" + referenceNum, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
        List<JsonNode> out = new ArrayList<>();
        page.path("_embedded").path("http://api.3plCentral.com/rels/orders/order").forEach(out::add);
        return out;
    }
}
