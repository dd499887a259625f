package com.bcerp.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.catalog.MatchKey;
import com.bcerp.core.stock.InventoryTarget;
import com.bcerp.core.stock.InventoryTracking;
import com.bcerp.core.stock.StockItemsRefused;
import com.bcerp.core.stock.StockAdjustment;
import com.bcerp.core.stock.StoreItem;
import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.bcerp.sandbox.bigcommerce.Products;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The inventory adapter against the store sandbox over HTTP: identities, tracking modes, adjustments, locations. */
class BigCommerceInventoryIT {

    BigCommerceSandbox sandbox;
    BigCommerceInventory inventory;
    SandboxCatalog.Item mug;
    SandboxCatalog.Item tee;

    @BeforeEach
    void start() {
        sandbox = BigCommerceSandbox.start(BigCommerceSandbox.Settings.defaults().withQuota(10_000, 30_000));
        inventory = new BigCommerceInventory(client(), MatchKey.SKU);
        mug = sandbox.catalog().simpleItems().get(0);
        tee = sandbox.catalog().variantItems().get(0);
    }

    BigCommerceClient client() {
        return BigCommerceClient.create(new BigCommerceSettings(URI.create(sandbox.baseUrl()), sandbox.storeHash(),
                sandbox.connectorAccessToken()));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void skus_are_identified_with_their_products_tracking_mode() {
        Map<String, StoreItem> found = inventory.identify(List.of(mug.sku(), tee.sku(), "NOT-IN-STORE"));

        assertThat(found).containsOnlyKeys(mug.sku(), tee.sku());
        assertThat(found.get(mug.sku())).isEqualTo(new StoreItem(mug.sku(), mug.productId(), mug.variantId(), true,
                InventoryTracking.PRODUCT));
        assertThat(found.get(tee.sku())).isEqualTo(new StoreItem(tee.sku(), tee.productId(), tee.variantId(), false,
                InventoryTracking.VARIANT));
        assertThat(found.get(mug.sku()).target()).contains(InventoryTarget.product(mug.productId()));
        assertThat(found.get(tee.sku()).target()).contains(InventoryTarget.variant(tee.variantId()));
    }

    @Test
    void absolute_figures_land_where_each_product_tracks_stock_at_each_location() {
        long outlet = sandbox.inventory().addLocation("OUTLET", "Outlet store");

        inventory.setAbsolute(1, List.of(new StockAdjustment(mug.sku(), InventoryTarget.product(mug.productId()), 12),
                new StockAdjustment(tee.sku(), InventoryTarget.variant(tee.variantId()), 3)));
        inventory.setAbsolute(outlet, List.of(new StockAdjustment(mug.sku(), InventoryTarget.product(mug.productId()), 5)));

        assertThat(sandbox.inventory().quantity(mug.sku(), 1)).contains(12);
        assertThat(sandbox.inventory().quantity(tee.sku(), 1)).contains(3);
        assertThat(sandbox.inventory().quantity(mug.sku(), outlet)).contains(5);
        assertThat(sandbox.calls().byEndpoint(sandbox.connectorAccessToken()))
                .containsEntry("PUT /v3/inventory/adjustments/absolute", 2L);
    }

    @Test
    void an_account_without_the_inventory_scope_reads_but_is_refused_writes_naming_the_scope_it_lacks() {
        sandbox.connectorScopes(java.util.Set.of("store_v2_orders", "store_v2_products_read_only", "store_inventory_read_only"));

        assertThat(inventory.identify(List.of(mug.sku()))).containsOnlyKeys(mug.sku());
        assertThatThrownBy(() -> inventory.setAbsolute(1, List.of(new StockAdjustment(mug.sku(),
                InventoryTarget.product(mug.productId()), 12)))).isInstanceOf(com.bcerp.core.failure.PermanentFailure.class)
                .hasMessageContaining("lacks the OAuth scope store_inventory (modify)");
        assertThat(sandbox.inventory().quantity(mug.sku(), 1)).isEmpty();
    }

    @Test
    void an_item_addressed_against_its_tracking_mode_refuses_the_whole_request() {
        List<StockAdjustment> items = List.of(
                new StockAdjustment(mug.sku(), InventoryTarget.product(mug.productId()), 40),
                new StockAdjustment(tee.sku(), InventoryTarget.product(tee.productId()), 7));

        assertThatThrownBy(() -> inventory.setAbsolute(1, items)).isInstanceOf(StockItemsRefused.class)
                .hasMessageContaining("product_id " + tee.productId() + " is tracked by variant");
        assertThat(sandbox.inventory().quantity(mug.sku(), 1)).as("nothing of a refused request is applied").isEmpty();

        sandbox.products().setTracking(tee.productId(), Products.Tracking.PRODUCT);
        assertThatThrownBy(() -> inventory.setAbsolute(1, List.of(new StockAdjustment(tee.sku(),
                InventoryTarget.variant(tee.variantId()), 7)))).isInstanceOf(StockItemsRefused.class)
                .hasMessage("[Item with variant_id " + tee.variantId() + " is tracked by product, please update stock by "
                        + "product id]");
    }

    @Test
    void only_active_locations_are_listed() {
        long open = sandbox.inventory().addLocation("EAST", "East");
        long closed = sandbox.inventory().addLocation("WEST", "West");
        sandbox.inventory().disableLocation(closed);

        assertThat(inventory.activeLocations()).containsExactlyInAnyOrder(1L, open);
    }

    @Test
    void the_whole_catalogue_is_listed_once_page_by_page() {
        for (int i = 0; i < 600; i++) {
            sandbox.products().addSimple("BULK-" + i, "Bulk item " + i, BigDecimal.TEN, Products.Tracking.PRODUCT);
        }
        List<StoreItem> all = new ArrayList<>();
        List<Integer> pages = new ArrayList<>();

        inventory.forEachItem(page -> {
            all.addAll(page);
            pages.add(page.size());
        });

        assertThat(all).hasSize(sandbox.products().skuCount());
        assertThat(all).extracting(StoreItem::sku).doesNotHaveDuplicates().contains("BULK-599", tee.sku());
        assertThat(pages).as("one page per 250 products").hasSize((sandbox.products().productCount() + 249) / 250);
    }

    @Test
    void with_upc_as_the_match_key_items_are_found_by_their_upc() {
        long id = sandbox.products().addSimple("STORE-OWN-SKU", "Lamp", BigDecimal.TEN, Products.Tracking.PRODUCT);
        new StoreAdmin(sandbox).send("PUT", "/v3/catalog/products", "[{\"id\":" + id + ",\"upc\":\"ERP-LAMP\"}]",
                sandbox.adminAccessToken());

        Map<String, StoreItem> found = new BigCommerceInventory(client(), MatchKey.UPC).identify(List.of("ERP-LAMP"));

        assertThat(found.get("ERP-LAMP").productId()).isEqualTo(id);
        assertThat(found.get("ERP-LAMP").tracking()).isEqualTo(InventoryTracking.PRODUCT);
    }
}
