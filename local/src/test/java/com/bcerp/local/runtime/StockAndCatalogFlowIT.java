package com.bcerp.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.bcerp.core.sync.ParkedRecord;
import com.bcerp.core.sync.SyncProgress;
import com.bcerp.handlers.worker.CatalogSyncHandler;
import com.bcerp.handlers.worker.StockSyncHandler;
import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.acumatica.ItemBook;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.bcerp.sandbox.bigcommerce.Products;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real stock-sync and catalog-sync handlers in the local runtime (DynamoDB Local for the snapshot and cursors),
 * against both sandboxes over HTTP, with warehouse MAIN mapped to store location 1 and EAST to location 2. After every
 * run the store must show, for every SKU in both systems, the back office's available-to-sell worked out here:
 * available less safety stock, never below 0, per location.
 */
class StockAndCatalogFlowIT {

    static LocalRuntime runtime;
    static BigCommerceSandbox store;
    static ItemBook erp;
    static StockSyncHandler stock;
    static CatalogSyncHandler catalog;
    static long east;
    static final Set<String> notSellable = new HashSet<>();
    static final Set<String> deletedInStore = new HashSet<>();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("stock-flow-it");
        Path config = dir.resolve("connector.yaml");
        Files.writeString(config, """
                stock:
                  locations:
                    MAIN: 1
                    EAST: 2
                  cursor_overlap_seconds: 0
                catalog:
                  item_sync_enforcement: true
                """);
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(dir).withConfigFile(config));
        store = runtime.bigcommerce();
        erp = runtime.acumatica().items();
        east = store.inventory().addLocation("EAST", "East coast");
        erp.addWarehouse("EAST", "East coast");
        erp.addWarehouse("WEST", "West coast (not mapped to the store)");
        stock = new StockSyncHandler(runtime.worker().stockSync(), SyncProgress.NONE);
        catalog = new CatalogSyncHandler(runtime.worker().catalogSync(), runtime.worker().priceListSync(),
                SyncProgress.NONE);
        assertThat(east).isEqualTo(2);
        syncStock(false);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    static Map<String, Object> syncStock(boolean full) {
        return stock.handleRequest(event(full), new LocalLambdaContext("stock-sync", Duration.ofMinutes(15)));
    }

    static Map<String, Object> syncCatalog() {
        return catalog.handleRequest(event(false), new LocalLambdaContext("catalog-sync", Duration.ofMinutes(15)));
    }

    static ScheduledEvent event(boolean full) {
        ScheduledEvent e = new ScheduledEvent();
        e.setDetail(full ? Map.of("mode", "full") : Map.of());
        return e;
    }

    static long adjustmentCalls() {
        return store.calls().byEndpoint(store.connectorAccessToken()).getOrDefault("PUT /v3/inventory/adjustments/absolute", 0L);
    }

    static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    /** The back office's available-to-sell at a store location, worked out from the sandbox's own figures. */
    static int expected(String sku, long location) {
        if (notSellable.contains(sku)) {
            return 0;
        }
        BigDecimal[] figures = erp.stockOf(sku).get(location == 1 ? "MAIN" : "EAST");
        return figures == null ? 0 : figures[1].subtract(figures[3]).max(BigDecimal.ZERO)
                .setScale(0, RoundingMode.FLOOR).intValue();
    }

    /** Every shared simple and variant SKU shows the back office's figure at both locations. */
    static void assertStoreAgrees() {
        List<String> wrong = new ArrayList<>();
        for (SandboxCatalog.Item item : store.catalog().sharedItems()) {
            if (deletedInStore.contains(item.sku())) {
                continue;
            }
            for (long location : List.of(1L, east)) {
                int shown = store.inventory().quantity(item.sku(), location).orElse(-1);
                if (shown != expected(item.sku(), location)) {
                    wrong.add(item.sku() + "@" + location + " shows " + shown + ", expected " + expected(item.sku(), location));
                }
            }
        }
        assertThat(wrong).as("SKUs the store disagrees on").isEmpty();
    }

    @Test
    void every_sku_shows_the_back_offices_available_to_sell_at_its_location() {
        assertStoreAgrees();
        SandboxCatalog.Item tee = store.catalog().variantItems().get(0);
        assertThat(store.inventory().quantity(tee.sku(), 1)).as("a variant tracked by variant").contains(25);
    }

    @Test
    void only_changed_figures_are_sent_in_one_request_per_location_touched() {
        List<SandboxCatalog.Item> simple = store.catalog().simpleItems();
        erp.setQuantities(simple.get(3).sku(), "EAST", d("9"), d("7"), d("6"));
        erp.setQuantities(simple.get(4).sku(), "EAST", d("4"), d("4"), d("4"));
        erp.setSafetyStock(simple.get(4).sku(), "EAST", d("1"));
        erp.setQuantities(simple.get(5).sku(), "MAIN", d("30"), d("28"), d("20"));
        long before = adjustmentCalls();

        Map<String, Object> report = syncStock(false);

        assertThat(report.get("mode")).isEqualTo("delta");
        assertThat(adjustmentCalls() - before).isEqualTo(2);
        assertThat(store.inventory().quantity(simple.get(4).sku(), east)).contains(3);
        assertThat(store.inventory().quantity(simple.get(5).sku(), 1)).contains(28);
        assertStoreAgrees();
    }

    @Test
    void an_item_taken_off_sale_shows_zero() {
        String sku = store.catalog().simpleItems().get(8).sku();
        erp.updateItem(sku, c -> c.active(false));
        notSellable.add(sku);

        syncStock(false);

        assertThat(store.inventory().quantity(sku, 1)).contains(0);
        assertStoreAgrees();
    }

    @Test
    void a_kit_shows_the_whole_kits_its_components_make_and_zero_when_one_runs_out() {
        List<SandboxCatalog.Item> simple = store.catalog().simpleItems();
        String mug = simple.get(10).sku();
        String tea = simple.get(11).sku();
        store.products().addSimple("KIT-TEA-SET", "Tea set", d("30.00"), Products.Tracking.PRODUCT);
        Map<String, BigDecimal> components = new LinkedHashMap<>();
        components.put(mug, d("2"));
        components.put(tea, BigDecimal.ONE);
        erp.addKit("KIT-TEA-SET", "Tea set", components);
        erp.setQuantities(mug, "MAIN", d("9"), d("9"), d("9"));

        syncStock(false);
        assertThat(store.inventory().quantity("KIT-TEA-SET", 1)).contains(4);

        erp.setQuantities(tea, "MAIN", d("0"), d("0"), d("0"));
        syncStock(false);
        assertThat(store.inventory().quantity("KIT-TEA-SET", 1)).contains(0);
        assertStoreAgrees();
    }

    @Test
    void a_product_tracked_as_a_whole_parks_its_variants_with_the_reason_until_the_merchant_fixes_it() {
        SandboxCatalog.Item tee = store.catalog().variantItems().get(12);
        store.products().setTracking(tee.productId(), Products.Tracking.PRODUCT);
        erp.setQuantities(tee.sku(), "MAIN", d("11"), d("11"), d("11"));

        syncStock(false);

        List<ParkedRecord> parked = runtime.worker().state().parked().stream()
                .filter(p -> p.recordKey().endsWith("#" + tee.sku())).toList();
        assertThat(parked).singleElement().satisfies(p -> assertThat(p.reason())
                .contains("tracks inventory by product").contains(tee.sku()));

        store.products().setTracking(tee.productId(), Products.Tracking.VARIANT);
        syncStock(false);

        assertThat(store.inventory().quantity(tee.sku(), 1)).contains(11);
        assertThat(runtime.worker().state().parked()).noneMatch(p -> p.recordKey().endsWith("#" + tee.sku()));
    }

    @Test
    void a_variant_deleted_in_the_store_is_left_out_and_the_rest_of_its_batch_goes_through() throws Exception {
        SandboxCatalog.Item deleted = store.catalog().variantItems().get(14);
        SandboxCatalog.Item other = store.catalog().variantItems().get(15);
        String simple = store.catalog().simpleItems().get(14).sku();
        syncStock(false); // the connector knows the variant from the earlier runs
        var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        store.baseUrl() + "/stores/" + store.storeHash() + "/v3/catalog/products/" + deleted.productId()
                                + "/variants/" + deleted.variantId()))
                .header("X-Auth-Token", store.connectorAccessToken()).DELETE().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(204);
        deletedInStore.add(deleted.sku());
        erp.setQuantities(deleted.sku(), "MAIN", d("13"), d("13"), d("13"));
        erp.setQuantities(other.sku(), "MAIN", d("14"), d("14"), d("14"));
        erp.setQuantities(simple, "MAIN", d("15"), d("15"), d("15"));

        Map<String, Object> report = syncStock(false);

        assertThat(store.inventory().quantity(other.sku(), 1)).contains(14);
        assertThat(store.inventory().quantity(simple, 1)).contains(15);
        assertThat(report).doesNotContainKey("error");
        syncStock(false);
        assertThat(store.inventory().quantity(other.sku(), 1)).as("the next run is not stuck on it").contains(14);
        assertStoreAgrees();
    }

    @Test
    void a_full_reconcile_asked_for_by_the_schedule_undoes_an_edit_made_in_the_store() {
        String sku = store.catalog().simpleItems().get(20).sku();
        store.inventory().edit(sku, 1, 999);
        syncStock(false);
        assertThat(store.inventory().quantity(sku, 1)).as("changes only: the edit is not seen").contains(999);

        Map<String, Object> report = syncStock(true);

        assertThat(report.get("mode")).isEqualTo("full");
        assertThat(store.inventory().quantity(sku, 1)).contains(expected(sku, 1));
        assertStoreAgrees();
    }

    @Test
    void a_new_template_becomes_a_product_with_options_and_variants_whose_stock_then_follows() {
        erp.addTemplate("HOODIE", "Harbor Hoodie", d("45.00"), List.of("COLOR", "SIZE"));
        erp.addMatrixItem("HOODIE", "HOODIE-RED-M", Map.of("COLOR", "RED", "SIZE", "M"), d("45.00"));
        erp.addMatrixItem("HOODIE", "HOODIE-BLUE-M", Map.of("COLOR", "BLUE", "SIZE", "M"), d("47.00"));
        erp.addMatrixItem("HOODIE", "HOODIE-BLUE-L", Map.of("COLOR", "BLUE", "SIZE", "L"), d("47.00"));
        for (String sku : List.of("HOODIE-RED-M", "HOODIE-BLUE-M", "HOODIE-BLUE-L")) {
            erp.setQuantities(sku, "MAIN", d("6"), d("5"), d("5"));
        }

        syncCatalog();

        JsonNode hoodie = store.products().view("HOODIE", store.inventory()).orElseThrow();
        assertThat(hoodie.path("inventory_tracking").asText()).isEqualTo("variant");
        List<String> options = new ArrayList<>();
        hoodie.path("options").forEach(o -> options.add(o.path("display_name").asText()));
        assertThat(options).containsExactly("Color", "Size");
        Map<String, String> variants = new LinkedHashMap<>();
        hoodie.path("variants").forEach(v -> variants.put(v.path("sku").asText(), v.path("price").decimalValue().setScale(2)
                + " " + v.path("option_values").get(0).path("label").asText() + "/" + v.path("option_values").get(1)
                .path("label").asText()));
        assertThat(variants).containsOnly(Map.entry("HOODIE-RED-M", "45.00 Red/M"), Map.entry("HOODIE-BLUE-M",
                "47.00 Blue/M"), Map.entry("HOODIE-BLUE-L", "47.00 Blue/L"));

        syncStock(false);
        assertThat(store.inventory().quantity("HOODIE-BLUE-L", 1)).contains(5);
    }

    @Test
    void price_and_description_changes_reach_the_store_ten_products_a_request() {
        syncCatalog();
        long before = store.calls().byEndpoint(store.connectorAccessToken()).getOrDefault("PUT /v3/catalog/products", 0L);
        List<SandboxCatalog.Item> simple = store.catalog().simpleItems().subList(12, 24);
        for (SandboxCatalog.Item item : simple) {
            erp.updateItem(item.sku(), c -> c.price(d("99.50")).content("<p>Now with a lid.</p>"));
        }

        syncCatalog();

        long requests = store.calls().byEndpoint(store.connectorAccessToken()).getOrDefault("PUT /v3/catalog/products", 0L)
                - before;
        assertThat(requests).isEqualTo(2);
        JsonNode product = store.products().view(simple.get(11).sku(), store.inventory()).orElseThrow();
        assertThat(product.path("price").decimalValue()).isEqualByComparingTo("99.50");
        assertThat(product.path("description").asText()).isEqualTo("<p>Now with a lid.</p>");
    }

    @Test
    void a_product_the_store_saves_only_in_part_is_parked_naming_the_part_and_the_others_go_on() {
        syncCatalog();
        List<SandboxCatalog.Item> all = store.catalog().simpleItems();
        List<SandboxCatalog.Item> simple = all.subList(all.size() - 3, all.size());
        simple.forEach(item -> erp.updateItem(item.sku(), c -> c.price(d("61.00"))));
        store.faults().urlSaveFails(simple.get(1).sku());
        try {
            Map<String, Object> report = syncCatalog();

            assertThat(report).doesNotContainKey("error");
            for (SandboxCatalog.Item item : simple) {
                assertThat(store.products().view(item.sku(), store.inventory()).orElseThrow().path("price").decimalValue())
                        .as("the store saved %s's price", item.sku()).isEqualByComparingTo("61.00");
            }
            assertThat(runtime.worker().state().parked()).filteredOn(p -> p.recordKey().endsWith("#" + simple.get(1).sku()))
                    .singleElement().satisfies(p -> assertThat(p.reason()).contains("saved only in part").contains("custom_url"));
            assertThat(runtime.worker().state().parked()).noneMatch(p -> p.recordKey().endsWith("#" + simple.get(0).sku())
                    || p.recordKey().endsWith("#" + simple.get(2).sku()));
        } finally {
            store.faults().reset();
        }
    }

    @Test
    void with_enforcement_only_items_stocked_in_a_mapped_warehouse_are_created() {
        erp.addItem("LAMP-WEST", "West Lamp", d("60.00"));
        erp.setQuantities("LAMP-WEST", "WEST", d("5"), d("5"), d("5"));
        erp.addItem("LAMP-EAST", "East Lamp", d("60.00"));
        erp.setQuantities("LAMP-EAST", "EAST", d("5"), d("5"), d("5"));

        syncCatalog();

        assertThat(store.products().view("LAMP-WEST", store.inventory())).isEmpty();
        assertThat(store.products().view("LAMP-EAST", store.inventory())).isPresent();
    }
}
