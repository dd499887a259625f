package com.bcerp.visma;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.stock.ItemStock;
import com.bcerp.core.stock.StockChanges;
import com.bcerp.core.stock.WarehouseStock;
import com.bcerp.sandbox.visma.VismaSandbox;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stock per warehouse and its changes by availabilityLastModifiedDateTime, over real HTTP. */
class VismaStockIT {

    private static VismaSandbox sandbox;
    private static VismaConnection connection;
    private static VismaReader visma;

    @BeforeAll
    static void start() {
        sandbox = VismaSandbox.start(VismaSandbox.Settings.defaults());
        connection = VismaConnection.create(Fixtures.settingsFor(sandbox).withWarehouses(null, List.of("MAIN", "WEST")),
                Fixtures.secretsFor(sandbox));
        visma = new VismaReader(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static VismaInventory inventory(int pageSize) {
        return new VismaInventory(connection.settings(), connection.api(), pageSize);
    }

    @Test
    void an_item_reads_per_warehouse_as_visma_shows_it_and_an_unknown_or_non_stock_one_is_gone() {
        sandbox.setStock("SKU-0105", "WEST", new BigDecimal("7"));

        List<ItemStock> stock = inventory(5000).stock(List.of("SKU-0105", "NOPE-1", "SHIPPING"));

        assertThat(stock).extracting(ItemStock::sku).containsExactly("SKU-0105", "NOPE-1", "SHIPPING");
        var details = visma.get("/v1/inventory/SKU-0105").orElseThrow().path("warehouseDetails");
        assertThat(stock.get(0).warehouses()).extracting(WarehouseStock::warehouse).containsExactlyInAnyOrder("MAIN", "WEST");
        for (var d : details) {
            WarehouseStock w = stock.get(0).warehouses().stream().filter(s -> s.warehouse().equals(d.path("warehouse").asText()))
                    .findFirst().orElseThrow();
            assertThat(w.onHand()).isEqualByComparingTo(d.path("quantityOnHand").decimalValue());
            assertThat(w.available()).isEqualByComparingTo(d.path("available").decimalValue());
            assertThat(w.availableForShipment()).isEqualByComparingTo(d.path("availableForShipment").decimalValue());
        }
        assertThat(stock.get(0).warehouses()).filteredOn(w -> w.warehouse().equals("WEST")).singleElement()
                .satisfies(w -> assertThat(w.onHand()).isEqualByComparingTo("7"));
        assertThat(stock.get(1)).isEqualTo(ItemStock.gone("NOPE-1"));
        assertThat(stock.get(2)).as("a non-stock item").isEqualTo(ItemStock.gone("SHIPPING"));
    }

    @Test
    void changes_name_only_the_items_whose_availability_moved_and_their_stock_is_not_read_again() {
        StockChanges first = inventory(5000).changedSince(Instant.EPOCH);
        Instant cursor = first.newest().orElseThrow();
        sandbox.setStock("SKU-0110", "MAIN", new BigDecimal("3"));

        VismaInventory scanned = inventory(5000);
        StockChanges changed = scanned.changedSince(cursor);

        // Visma writes times to the millisecond: an item changed within the cursor's millisecond is named again
        assertThat(changed.skus()).contains("SKU-0110").doesNotContain("SKU-0100", "SKU-0101", "SKU-0120");
        assertThat(first.skus()).hasSizeGreaterThan(20);
        assertThat(changed.newest().orElseThrow()).isAfter(cursor);
        long before = connection.calls();
        assertThat(scanned.stock(List.of("SKU-0110")).get(0).warehouses()).filteredOn(w -> w.warehouse().equals("MAIN"))
                .singleElement().satisfies(w -> assertThat(w.onHand()).isEqualByComparingTo("3"));
        assertThat(connection.calls() - before).isZero();
    }

    @Test
    void every_stock_item_is_read_once_in_pages() {
        List<ItemStock> all = new ArrayList<>();
        List<Integer> pages = new ArrayList<>();
        inventory(10).forEachItem(page -> {
            pages.add(page.size());
            all.addAll(page);
        });

        long stockItems = visma.list("/v1/inventory", "expandWarehouseDetail=false").stream()
                .filter(i -> i.path("stockItem").asBoolean()).count();
        assertThat(all).extracting(ItemStock::sku).doesNotHaveDuplicates().hasSize((int) stockItems).doesNotContain("SHIPPING");
        assertThat(pages.size()).isGreaterThan(2);
    }
}
