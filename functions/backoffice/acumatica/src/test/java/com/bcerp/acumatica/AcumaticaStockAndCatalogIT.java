package com.bcerp.acumatica;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.catalog.CatalogProduct;
import com.bcerp.core.catalog.CatalogVariant;
import com.bcerp.core.fakes.InMemorySecrets;
import com.bcerp.core.stock.ItemStock;
import com.bcerp.core.stock.KitComponent;
import com.bcerp.core.stock.KitDefinition;
import com.bcerp.core.stock.StockChanges;
import com.bcerp.core.stock.WarehouseStock;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.bcerp.sandbox.acumatica.AcumaticaSpec;
import com.bcerp.sandbox.acumatica.Faults.QuantityInquiry;
import com.bcerp.sandbox.acumatica.ItemBook;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stock and catalogue adapters against the Acumatica sandbox over HTTP: what changed on each record's own
 * modification time, quantities per warehouse from the inventory summary, safety stock, kits, templates as products
 * with options; and every exchange conforms to the vendor's OpenAPI file.
 */
class AcumaticaStockAndCatalogIT {

    AcumaticaSandbox sandbox;
    ItemBook items;
    AcumaticaInventory inventory;
    AcumaticaCatalog catalog;

    @BeforeEach
    void start() {
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults());
        items = sandbox.items();
        AcumaticaConnection connection = AcumaticaConnection.create(Fixtures.settingsFor(sandbox),
                new InMemorySecrets().with(Fixtures.SECRET, Fixtures.secretFor(sandbox)));
        inventory = new AcumaticaInventory(connection, 4);
        catalog = new AcumaticaCatalog(connection, "USD", "SALEPRICE");
        items.addWarehouse("EAST", "East coast");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void stock_comes_per_warehouse_with_safety_stock_and_the_sellable_flag() {
        items.setQuantities("SKU-0100", "EAST", d("12"), d("9"), d("7"));
        items.setSafetyStock("SKU-0100", "EAST", d("2"));
        items.updateItem("SKU-0101", c -> c.ecommerce(false));

        List<ItemStock> stock = inventory.stock(List.of("SKU-0100", "SKU-0101", "NO-SUCH-ITEM"));

        assertThat(stock.get(0)).isEqualTo(new ItemStock("SKU-0100", true, List.of(
                new WarehouseStock("EAST", d("12"), d("9"), d("7"), d("2")),
                new WarehouseStock("MAIN", d("25"), d("25"), d("25"), null))));
        assertThat(stock.get(1).sellable()).isFalse();
        assertThat(stock.get(2)).isEqualTo(ItemStock.gone("NO-SUCH-ITEM"));
        assertThat(inventory.warehouses()).containsExactlyInAnyOrder("MAIN", "EAST");
    }

    @Test
    void changes_are_found_on_each_records_own_modification_time() throws InterruptedException {
        Instant before = Instant.now();
        Thread.sleep(5);
        assertThat(inventory.changedSince(before).skus()).isEmpty();

        items.setQuantities("SKU-0102", "MAIN", d("3"), d("3"), d("3"));     // a quantity: the inquiry GI640590
        items.setSafetyStock("SKU-0103", "MAIN", d("1"));                   // an item-warehouse record
        items.updateItem("SKU-0104", c -> c.active(false));                 // a stock item
        items.addKit("KIT-GIFT", "Gift set", Map.of("SKU-0105", d("2")));    // a kit specification
        StockChanges changes = inventory.changedSince(before);

        assertThat(changes.skus()).containsExactlyInAnyOrder("SKU-0102", "SKU-0103", "SKU-0104", "KIT-GIFT");
        assertThat(changes.newest()).isPresent();
        assertThat(inventory.changedSince(changes.newest().get()).skus()).isEmpty();
    }

    @Test
    void quantities_moved_by_documents_are_found_under_either_reading_of_the_inquiry() {
        items.addKit("KIT-GIFT", "Gift set", Map.of("SKU-0115", d("2")));
        Instant before = inventory.changedSince(Instant.now().minusSeconds(60)).newest().orElseThrow(); // the kit's
        for (QuantityInquiry reading : List.of(QuantityInquiry.AS_OF, QuantityInquiry.CHANGED_SINCE)) {
            sandbox.faults().quantityInquiry(reading);
            sandbox.receiveStock("MAIN", Map.of("SKU-0110", d("5")));
            sandbox.issueStock("MAIN", Map.of("SKU-0111", d("1")));
            sandbox.adjustStock("MAIN", Map.of("SKU-0112", d("-2")));
            sandbox.transferStock("MAIN", "EAST", Map.of("SKU-0113", d("3")));
            Map<String, BigDecimal> lines = new java.util.LinkedHashMap<>();
            lines.put("SKU-0114", d("1"));
            lines.put("HANDLING", d("1")); // a non-stock charge: no stock to read
            String order = sandbox.enterOrder(sandbox.addCustomer("C-" + reading, "Phone " + reading, null, null), lines);
            sandbox.confirmShipment(sandbox.createShipment("SO", order, "UPSGROUND", Map.of(1, d("1")), List.of()));
            sandbox.assembleKits("KIT-GIFT", "MAIN", BigDecimal.ONE);

            StockChanges changes = inventory.changedSince(before);

            // the assembly puts the kits themselves in the warehouse too (the kit's item-warehouse record or quantity)
            assertThat(changes.skus()).as(reading.name()).containsExactlyInAnyOrder("SKU-0110", "SKU-0111", "SKU-0112",
                    "SKU-0113", "SKU-0114", "SKU-0115", "KIT-GIFT");
            assertThat(changes.quantitiesFrom()).as(reading.name()).isEqualTo(
                    reading == QuantityInquiry.AS_OF ? "documents" : "inquiry+documents");
            before = changes.newest().orElseThrow();
            assertThat(inventory.changedSince(before).skus()).as(reading.name()).isEmpty();
        }
    }

    @Test
    void every_item_is_read_page_by_page_and_kits_come_with_their_components() {
        for (int i = 0; i < 1200; i++) {
            items.addItem(String.format("BULK-%05d", i), "Bulk " + i, BigDecimal.TEN);
            items.setQuantities(String.format("BULK-%05d", i), "MAIN", d("4"), d("4"), d("4"));
        }
        Map<String, BigDecimal> components = new java.util.LinkedHashMap<>();
        components.put("SKU-0105", d("2"));
        components.put("SKU-0106", BigDecimal.ONE);
        items.addKit("KIT-GIFT", "Gift set", components);
        List<Integer> pages = new ArrayList<>();
        List<ItemStock> all = new ArrayList<>();

        inventory.forEachItem(page -> {
            pages.add(page.size());
            all.addAll(page);
        });

        assertThat(all).hasSize(items.itemCount());
        assertThat(pages).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(AcumaticaInventory.ITEM_PAGE));
        assertThat(all).filteredOn(s -> s.sku().equals("BULK-01199")).singleElement()
                .satisfies(s -> assertThat(s.warehouses()).extracting(WarehouseStock::available).containsExactly(d("4")));
        assertThat(inventory.kits()).containsExactly(new KitDefinition("KIT-GIFT", List.of(
                new KitComponent("SKU-0105", d("2")), new KitComponent("SKU-0106", BigDecimal.ONE))));
    }

    @Test
    void items_and_templates_become_products_with_fields_options_and_variants() {
        items.updateItem("SKU-0100", c -> c.content("<p>Sturdy.</p>").price(d("14.50")).cost(d("5.25"))
                .weight(d("0.4")).attribute("SALEPRICE", "12.00"));
        List<CatalogProduct> products = new ArrayList<>();

        catalog.forEachProduct(Optional.empty(), products::addAll);

        CatalogProduct mug = products.stream().filter(p -> p.sku().equals("SKU-0100")).findFirst().orElseThrow();
        assertThat(mug.fields().description()).isEqualTo("<p>Sturdy.</p>");
        assertThat(mug.fields().price().amount()).isEqualByComparingTo("14.50");
        assertThat(mug.fields().cost().amount()).isEqualByComparingTo("5.25");
        assertThat(mug.fields().salePrice().amount()).isEqualByComparingTo("12.00");
        assertThat(mug.fields().weight()).isEqualByComparingTo("0.4");
        assertThat(mug.warehouses()).containsExactly("MAIN");
        assertThat(mug.ecommerce()).isTrue();
        CatalogProduct tee = products.stream().filter(p -> p.sku().equals("TEE-200")).findFirst().orElseThrow();
        assertThat(tee.optionNames()).containsExactly("Color", "Size");
        assertThat(tee.variants()).hasSize(9).extracting(CatalogVariant::sku).contains("TEE-200-RED-S");
        assertThat(tee.variants().stream().filter(v -> v.sku().equals("TEE-200-RED-S")).findFirst().orElseThrow()
                .options()).containsExactly(Map.entry("Color", "Red"), Map.entry("Size", "S"));
        assertThat(products).noneMatch(p -> p.sku().startsWith("TEE-200-"));
    }

    @Test
    void a_changed_matrix_item_brings_its_template_and_a_bad_sale_price_names_the_attribute() throws InterruptedException {
        Instant before = Instant.now();
        Thread.sleep(5);
        items.updateItem("TEE-201-BLUE-M", c -> c.price(d("23.00")));
        items.updateItem("SKU-0107", c -> c.attribute("SALEPRICE", "cheap"));
        List<CatalogProduct> products = new ArrayList<>();

        Optional<Instant> newest = catalog.forEachProduct(Optional.of(before), products::addAll);

        assertThat(products).extracting(CatalogProduct::sku).containsExactlyInAnyOrder("SKU-0107", "TEE-201");
        assertThat(products.stream().filter(p -> p.sku().equals("SKU-0107")).findFirst().orElseThrow().problem())
                .contains("Attributes.SALEPRICE").contains("'cheap'");
        assertThat(newest).isPresent().get().matches(n -> n.isAfter(before));
    }

    @Test
    void every_exchange_conforms_to_the_contract() throws InterruptedException {
        AcumaticaSpec spec = AcumaticaSpec.load();
        Instant before = Instant.now();
        Thread.sleep(5);
        items.setSafetyStock("SKU-0100", "MAIN", d("1"));
        items.setQuantities("SKU-0101", "MAIN", d("5"), d("4"), d("3"));
        items.updateItem("TEE-200-RED-S", c -> c.attribute("SALEPRICE", "15.00"));
        items.addKit("KIT-GIFT", "Gift set", Map.of("SKU-0105", d("2")));
        sandbox.receiveStock("MAIN", Map.of("SKU-0106", d("4")));
        sandbox.confirmShipment(sandbox.createShipment("SO", sandbox.enterOrder(sandbox.addCustomer("PHONE", "Phone", null,
                null), Map.of("SKU-0107", d("1"))), "UPSGROUND", Map.of(1, d("1")), List.of()));
        sandbox.calls().reset();

        inventory.warehouses();
        inventory.changedSince(before);
        inventory.stock(List.of("SKU-0100", "KIT-GIFT", "NO-SUCH-ITEM"));
        inventory.kits();
        catalog.forEachProduct(Optional.of(before), page -> { });

        assertThat(sandbox.calls().exchanges()).isNotEmpty().allSatisfy(spec::assertConforms);
    }
}
