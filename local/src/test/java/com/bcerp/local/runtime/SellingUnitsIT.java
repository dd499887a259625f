package com.bcerp.local.runtime;

import com.bcerp.local.demo.BackOfficeBooks;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.bcerp.core.order.OrderImport;
import com.bcerp.core.sync.ParkedRecord;
import com.bcerp.core.sync.SyncProgress;
import com.bcerp.handlers.worker.StockSyncHandler;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SKUs the store sells as packs and cases ({@code units:}), through the real handlers: the sales order Acumatica
 * holds is in the item's unit with the quantity in it and the store's total, a unit the item lacks is refused by
 * Acumatica and parks naming the line's UOM, and the stock run shows whole packs.
 */
class SellingUnitsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<SandboxCatalog.Item> ITEMS = SandboxCatalog.standard().simpleItems();
    /** 15.99 a six-pack: 2.665 an EA. */
    private static final SandboxCatalog.Item SIX_PACK = ITEMS.get(10);
    /** A case of 12, a unit Acumatica has for the item. */
    private static final SandboxCatalog.Item CASE = ITEMS.get(11);
    /** A box, a unit Acumatica does not have for the item. */
    private static final SandboxCatalog.Item BOX = ITEMS.get(12);

    private static LocalRuntime runtime;
    private static StoreAdmin admin;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("selling-units-it");
        Path config = dir.resolve("connector.yaml");
        Files.writeString(config, """
                units:
                  %s: {unit: EA, quantity: 6, base_units: 6}
                  %s: {unit: CASE, quantity: 1, base_units: 12}
                  %s: {unit: BOX, quantity: 1, base_units: 10}
                """.formatted(SIX_PACK.sku(), CASE.sku(), BOX.sku()));
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(dir).withConfigFile(config));
        admin = StoreAdmin.of(runtime);
        runtime.acumatica().items().addUnitConversion(CASE.sku(), "CASE", new BigDecimal("12"));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void a_pack_order_posts_in_the_back_office_unit_at_the_store_total_and_stock_shows_whole_packs() throws Exception {
        assertThat(SIX_PACK.price()).isEqualByComparingTo("15.99");
        long orderId = placeOrder("ada.packs@example.com", Map.of(SIX_PACK, 7, CASE, 2));
        awaitSettled();

        JsonNode storeOrder = admin.order(orderId);
        JsonNode sale = salesOrder(orderId);
        assertThat(sale.at("/OrderTotal/value").decimalValue())
                .isEqualByComparingTo(new BigDecimal(storeOrder.path("total_inc_tax").asText()));
        JsonNode pack = line(sale, SIX_PACK.sku());
        assertThat(pack.at("/UOM/value").asText()).isEqualTo("EA");
        assertThat(pack.at("/OrderQty/value").decimalValue()).isEqualByComparingTo("42");
        assertThat(pack.at("/UnitPrice/value").decimalValue()).isEqualByComparingTo("2.665");
        assertThat(pack.at("/Amount/value").decimalValue()).isEqualByComparingTo("111.93"); // 7 x 15.99
        JsonNode cases = line(sale, CASE.sku());
        assertThat(cases.at("/UOM/value").asText()).isEqualTo("CASE");
        assertThat(cases.at("/OrderQty/value").decimalValue()).isEqualByComparingTo("2");
        assertThat(cases.at("/Amount/value").decimalValue()).isEqualByComparingTo(CASE.price().multiply(BigDecimal.TWO));
        assertThat(sale.at("/Details").findValues("InventoryID")).extracting(v -> v.path("value").asText())
                .doesNotContain("ROUNDING");
        assertThat(acumatica("StockItem/" + CASE.sku() + "?$expand=UOMConversions").get(0)
                .at("/UOMConversions/0/FromUOM/value").asText()).isEqualTo("CASE");

        // the sandbox allocates nothing before shipping: 25 EA of each in MAIN
        Map<String, Object> report = new StockSyncHandler(runtime.worker().stockSync(), SyncProgress.NONE)
                .handleRequest(new ScheduledEvent(), new LocalLambdaContext("stock-sync", Duration.ofMinutes(15)));
        assertThat(report).containsEntry("mode", "full");
        assertThat(runtime.bigcommerce().inventory().quantity(SIX_PACK.sku(), 1)).contains(4);  // 25 / 6
        assertThat(runtime.bigcommerce().inventory().quantity(CASE.sku(), 1)).contains(2);      // 25 / 12
        assertThat(runtime.bigcommerce().inventory().quantity(ITEMS.get(13).sku(), 1)).contains(25);
    }

    @Test
    void a_unit_the_item_does_not_have_is_refused_by_acumatica_and_parks_naming_the_line_uom() throws Exception {
        long orderId = placeOrder("ada.boxes@example.com", Map.of(BOX, 1));
        awaitSettled();

        String key = OrderImport.recordKey(runtime.bigcommerce().storeHash(), orderId);
        assertThat(runtime.worker().state().parked()).filteredOn(p -> p.recordKey().equals(key))
                .extracting(ParkedRecord::reason).singleElement().asString()
                .contains("UOM").contains("cannot be found in the system").contains(BOX.sku());
    }

    private static JsonNode salesOrder(long orderId) throws Exception {
        String ref = "BC-" + runtime.bigcommerce().storeHash() + "-" + orderId;
        List<JsonNode> found = acumatica("SalesOrder?$filter=" + enc("ExternalRef eq '" + ref + "'")
                + "&$expand=Details");
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static JsonNode line(JsonNode order, String sku) {
        for (JsonNode line : order.path("Details")) {
            if (line.at("/InventoryID/value").asText().equals(sku)) {
                return line;
            }
        }
        throw new AssertionError("no line of " + sku + " in " + order);
    }

    private static long placeOrder(String email, Map<SandboxCatalog.Item, Integer> quantities) {
        Map<String, Object> address = Map.of("first_name", "Ada", "last_name", "Byron", "street_1", "1 Main St",
                "city", "Austin", "zip", "78701", "country", "United States", "country_iso2", "US", "email", email);
        List<Map<String, Object>> products = new ArrayList<>();
        quantities.forEach((item, qty) -> products.add(Map.of("product_id", item.productId(), "quantity", qty)));
        return admin.post("/v2/orders", Map.of("billing_address", address, "shipping_addresses", List.of(address),
                "products", products, "customer_id", 0)).path("id").asLong();
    }

    private static void awaitSettled() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!runtime.isSettled(Duration.ofSeconds(2)) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }

    /** As a person checking the connector's work would: a token of their own, the contract-based API. */
    private static List<JsonNode> acumatica(String pathAndQuery) {
        return new BackOfficeBooks.Acumatica(runtime.acumatica()).read(pathAndQuery);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
