package com.bcerp.uniconta;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.stock.ItemStock;
import com.bcerp.core.stock.WarehouseStock;
import com.bcerp.sandbox.uniconta.UnicontaSandbox;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stock per warehouse from InvItemStorageClient, item by item and page by page, over real HTTP. */
class UnicontaStockIT {

    private static UnicontaSandbox sandbox;
    private static UnicontaConnection connection;

    @BeforeAll
    static void start() {
        sandbox = UnicontaSandbox.start(UnicontaSandbox.Settings.defaults());
        connection = UnicontaConnection.create(Fixtures.settingsFor(sandbox).withWarehouses(List.of("MAIN", "WEST")),
                Fixtures.secretsFor(sandbox));
        sandbox.setStock("TEE-200", List.of("RED", "M"), "WEST", 7, 3);
        sandbox.setStock("SKU-0100", List.of(), "WEST", 4);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static UnicontaInventory inventory(int pageSize) {
        return new UnicontaInventory(connection.settings(), connection.api(), new UnicontaItems(connection.api(), "-"),
                pageSize);
    }

    @Test
    void a_variant_and_an_item_read_per_warehouse_and_an_unknown_sku_is_gone() {
        List<ItemStock> stock = inventory(1000).stock(List.of("TEE-200-RED-M", "SKU-0100", "TEE-202-RED-S", "NOPE-1"));

        assertThat(stock).extracting(ItemStock::sku).containsExactly("TEE-200-RED-M", "SKU-0100", "TEE-202-RED-S", "NOPE-1");
        assertThat(stock.get(0).warehouses()).extracting(WarehouseStock::warehouse).containsExactlyInAnyOrder("MAIN", "WEST");
        WarehouseStock west = stock.get(0).warehouses().stream().filter(w -> w.warehouse().equals("WEST")).findFirst()
                .orElseThrow();
        assertThat(west.onHand()).isEqualByComparingTo("7");
        assertThat(west.available()).as("Qty - QtyReserved + QtyOrdered").isEqualByComparingTo("10");
        assertThat(west.availableForShipment()).isEqualByComparingTo("7");
        assertThat(stock.get(1).warehouses()).hasSize(2);
        assertThat(stock.get(2).warehouses()).singleElement().satisfies(w -> assertThat(w.onHand()).isEqualByComparingTo("100"));
        assertThat(stock.get(3)).isEqualTo(ItemStock.gone("NOPE-1"));
    }

    @Test
    void every_item_is_read_once_in_pages_that_never_split_an_item_and_changes_are_not_known() {
        List<ItemStock> all = new ArrayList<>();
        List<Integer> pages = new ArrayList<>();
        // 5 rows a page: TEE-200 has 10 rows (9 variants in MAIN, one in WEST), more than a page
        inventory(5).forEachItem(page -> {
            pages.add(page.size());
            all.addAll(page);
        });

        // 30 simple items, 18 variants of TEE-200/201, 18 variant SKUs as items of their own
        assertThat(all).extracting(ItemStock::sku).doesNotHaveDuplicates().hasSize(66)
                .contains("SKU-0100", "TEE-200-RED-M", "TEE-201-GREEN-L", "TEE-203-BLUE-S");
        assertThat(pages.size()).isGreaterThan(10);
        assertThat(all.stream().filter(i -> i.sku().equals("TEE-200-RED-M")).findFirst().orElseThrow().warehouses())
                .hasSize(2);
        long before = connection.calls();
        assertThat(inventory(1000).changedSince(java.time.Instant.EPOCH).everything())
                .as("no modification times: Uniconta cannot say what changed, so core scans").isTrue();
        assertThat(connection.calls() - before).as("and asking costs nothing").isZero();
    }

    @Test
    void an_order_line_reserves_what_the_read_shows() {
        List<ItemStock> before = inventory(1000).stock(List.of("SKU-0110"));
        assertThat(before.get(0).warehouses().get(0).availableForShipment()).isEqualByComparingTo("100");
        String customer = sandbox.addDebtor("R1", "Reserver", "r1@example.com", java.util.Map.of());
        var orders = new UnicontaOrders(connection.settings(), connection.api(), new UnicontaItems(connection.api(), "-"));
        orders.createSalesOrder(com.bcerp.core.backoffice.SalesOrderDraft.sale("BC-res-1", "1", customer,
                java.time.LocalDate.of(2026, 3, 1), "DKK", "r", List.of(new com.bcerp.core.backoffice.DraftLine("SKU-0110",
                        "x", new java.math.BigDecimal("4"), com.bcerp.core.model.Money.of("1.00", "DKK"),
                        com.bcerp.core.model.Money.of("0", "DKK"), "1", "line 1")),
                com.bcerp.core.model.Money.of("0", "DKK"), List.of(), null, null, null, null));

        WarehouseStock main = inventory(1000).stock(List.of("SKU-0110")).get(0).warehouses().get(0);
        assertThat(main.onHand()).isEqualByComparingTo("100");
        assertThat(main.availableForShipment()).isEqualByComparingTo("96");
    }
}
