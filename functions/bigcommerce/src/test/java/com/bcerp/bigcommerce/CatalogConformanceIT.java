package com.bcerp.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.catalog.MatchKey;
import com.bcerp.core.catalog.ProductFields;
import com.bcerp.core.catalog.ProductWrite;
import com.bcerp.core.catalog.StoreOption;
import com.bcerp.core.catalog.StoreProduct;
import com.bcerp.core.catalog.VariantFields;
import com.bcerp.core.catalog.VariantWrite;
import com.bcerp.core.model.Money;
import com.bcerp.core.stock.InventoryTarget;
import com.bcerp.core.stock.StockItemsRefused;
import com.bcerp.core.stock.StockAdjustment;
import com.bcerp.core.stock.InventoryTracking;
import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every request the inventory and catalogue adapters send, and every answer the sandbox gives on those endpoints
 * (refusals included), checked against inventory.v3.yml, locations.v3.yml, products_catalog.v3.yml,
 * product-variants_catalog.v3.yml and product-variant-options_catalog.v3.yml.
 */
class CatalogConformanceIT {

    BigCommerceSandbox sandbox;
    BigCommerceSpecs specs;
    final List<BigCommerceSandbox.Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        sandbox = BigCommerceSandbox.start(BigCommerceSandbox.Settings.defaults().withQuota(10_000, 30_000));
        specs = BigCommerceSpecs.forStore(sandbox.storeHash());
        sandbox.onExchange(exchanges::add);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void theInventoryAndCatalogueExchangesConform() {
        BigCommerceClient client = BigCommerceClient.create(new BigCommerceSettings(URI.create(sandbox.baseUrl()),
                sandbox.storeHash(), sandbox.connectorAccessToken()));
        BigCommerceInventory inventory = new BigCommerceInventory(client, MatchKey.SKU);
        BigCommerceCatalog catalog = new BigCommerceCatalog(client, MatchKey.SKU);
        SandboxCatalog.Item mug = sandbox.catalog().simpleItems().get(0);
        SandboxCatalog.Item tee = sandbox.catalog().variantItems().get(0);
        long outlet = sandbox.inventory().addLocation("OUTLET", "Outlet");

        inventory.activeLocations();
        inventory.identify(List.of(mug.sku(), tee.sku(), "UNKNOWN"));
        inventory.forEachItem(page -> { });
        inventory.setAbsolute(outlet, List.of(new StockAdjustment(mug.sku(), InventoryTarget.product(mug.productId()), 4),
                new StockAdjustment(tee.sku(), InventoryTarget.variant(tee.variantId()), 2)));
        try {
            inventory.setAbsolute(1, List.of(new StockAdjustment(tee.sku(), InventoryTarget.product(tee.productId()), 2)));
        } catch (StockItemsRefused expected) {
            // the documented 422
        }

        StoreProduct lamp = catalog.createProduct(new ProductWrite(null, "LAMP-9", new ProductFields("Lamp", "<p>Lamp</p>",
                usd("30.00"), usd("11.00"), usd("0"), new BigDecimal("2.5")), InventoryTracking.VARIANT));
        StoreOption color = catalog.createOption(lamp.id(), "Color", List.of("Black", "White"));
        StoreOption.Value brass = catalog.createOptionValue(lamp.id(), color.id(), "Brass");
        catalog.writeVariants(List.of(new VariantWrite(null, lamp.id(), "LAMP-9-BRASS",
                new VariantFields(usd("35.00"), usd("12.00"), null, new BigDecimal("2.6")),
                List.of(new VariantWrite.OptionValueRef(color.id(), brass.id())))));
        StoreProduct found = catalog.findProducts(List.of("LAMP-9", mug.sku())).get("LAMP-9");
        catalog.writeVariants(List.of(new VariantWrite(found.variants().get(0).id(), lamp.id(), "LAMP-9-BRASS",
                new VariantFields(usd("33.00"), usd("12.00"), usd("30.00"), new BigDecimal("2.6")), List.of())));
        catalog.updateProducts(List.of(new ProductWrite(lamp.id(), "LAMP-9", new ProductFields("Lamp", "Brass lamp",
                usd("31.00"), usd("11.00"), null, new BigDecimal("2.5")), InventoryTracking.VARIANT)));
        catalog.options(lamp.id());
        new BigCommerceCatalog(client, MatchKey.UPC).findProducts(List.of("000000000001"));

        StoreAdmin admin = new StoreAdmin(sandbox);
        String token = sandbox.connectorAccessToken();
        admin.send("POST", "/v3/inventory/adjustments/relative", "{\"reason\":\"sold\",\"items\":[{\"location_id\":"
                + outlet + ",\"product_id\":" + mug.productId() + ",\"quantity\":-1}]}", token);
        admin.send("POST", "/v3/inventory/adjustments/relative", "{\"items\":[{\"location_id\":1,\"sku\":\""
                + sandbox.catalog().simpleItems().get(1).sku() + "\",\"quantity\":3}]}", token);
        admin.send("GET", "/v3/inventory/items?sku:in=" + mug.sku() + "," + tee.sku() + "&location_id:in=1," + outlet, null,
                token);
        admin.send("GET", "/v3/inventory/locations/" + outlet + "/items?product_id:in=" + mug.productId(), null, token);
        admin.send("GET", "/v3/inventory/locations?location_id:in=1", null, token);
        admin.send("GET", "/v3/catalog/variants?product_id:in=" + tee.productId() + "&limit=5", null, token);
        admin.send("GET", "/v3/catalog/products/" + tee.productId() + "?include=variants,options", null, token);
        admin.send("POST", "/v3/catalog/products", "{\"name\":\"Lamp\",\"type\":\"physical\",\"weight\":1,\"price\":3}", token);
        admin.send("PUT", "/v3/catalog/variants", "[{\"product_id\":" + lamp.id() + ",\"sku\":\"X\",\"option_values\":[]}]",
                token);

        List<BigCommerceSandbox.Exchange> checked = List.copyOf(exchanges);
        assertThat(checked).extracting(BigCommerceSandbox.Exchange::status).contains(200, 409, 422);
        assertThat(specs.problems(checked)).as("exchanges that do not conform").isEmpty();
    }

    @Test
    void theCheckCatchesAnInventoryOrCatalogueAnswerThatDeviates() {
        SandboxCatalog.Item mug = sandbox.catalog().simpleItems().get(0);
        StoreAdmin admin = new StoreAdmin(sandbox);
        admin.send("GET", "/v3/inventory/items?sku:in=" + mug.sku(), null, sandbox.connectorAccessToken());
        admin.send("GET", "/v3/catalog/products?sku:in=" + mug.sku(), null, sandbox.connectorAccessToken());
        assertThat(exchanges).hasSize(2).allSatisfy(e -> assertThat(specs.validate(e).hasErrors()).isFalse());

        BigCommerceSandbox.Exchange items = exchanges.get(0);
        BigCommerceSandbox.Exchange products = exchanges.get(1);
        String itemsBody = new String(items.responseBody(), java.nio.charset.StandardCharsets.UTF_8);
        String productsBody = new String(products.responseBody(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(specs.validate(withBody(items, itemsBody.replaceFirst("\"available_to_sell\":0",
                "\"available_to_sell\":\"0\""))).hasErrors()).isTrue();
        assertThat(specs.validate(withBody(products, productsBody.replaceFirst("\"inventory_tracking\":\"product\"",
                "\"inventory_tracking\":\"by_product\""))).hasErrors()).isTrue();
    }

    static BigCommerceSandbox.Exchange withBody(BigCommerceSandbox.Exchange e, String body) {
        return new BigCommerceSandbox.Exchange(e.method(), e.path(), e.query(), e.requestHeaders(), e.requestBody(),
                e.status(), e.responseHeaders(), body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static Money usd(String amount) {
        return Money.of(amount, "USD");
    }
}
