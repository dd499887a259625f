package com.bcerp.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.catalog.MatchKey;
import com.bcerp.core.catalog.ProductFields;
import com.bcerp.core.catalog.ProductWrite;
import com.bcerp.core.catalog.StoreOption;
import com.bcerp.core.catalog.StoreProduct;
import com.bcerp.core.catalog.StoreVariant;
import com.bcerp.core.catalog.VariantFields;
import com.bcerp.core.catalog.VariantWrite;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.Money;
import com.bcerp.core.stock.InventoryTracking;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The catalogue adapter against the store sandbox over HTTP: products, options, values and variants. */
class BigCommerceCatalogIT {

    BigCommerceSandbox sandbox;
    BigCommerceCatalog catalog;

    @BeforeEach
    void start() {
        sandbox = BigCommerceSandbox.start(BigCommerceSandbox.Settings.defaults().withQuota(10_000, 30_000));
        catalog = new BigCommerceCatalog(BigCommerceClient.create(new BigCommerceSettings(URI.create(sandbox.baseUrl()),
                sandbox.storeHash(), sandbox.connectorAccessToken())), MatchKey.SKU);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    static ProductFields fields(String name, String price) {
        return new ProductFields(name, "<p>" + name + "</p>", usd(price), usd("3.20"), usd("0"), new BigDecimal("0.8"));
    }

    @Test
    void an_update_leaves_out_the_fields_another_system_owns_so_the_store_keeps_them() {
        StoreProduct made = catalog.createProduct(new ProductWrite(null, "LAMP-7", fields("Desk Lamp", "49.00"),
                InventoryTracking.PRODUCT));

        catalog.updateProducts(List.of(new ProductWrite(made.id(), "LAMP-7", new ProductFields("Brass Lamp", "Brass.",
                usd("45.00"), usd("3.20"), usd("39.99"), new BigDecimal("0.9")), InventoryTracking.PRODUCT,
                java.util.Set.of(com.bcerp.core.catalog.CatalogField.PRICE, com.bcerp.core.catalog.CatalogField.SALE_PRICE))));

        StoreProduct lamp = catalog.findProducts(List.of("LAMP-7")).get("LAMP-7");
        assertThat(lamp.name()).isEqualTo("Brass Lamp");
        assertThat(lamp.price()).as("owned elsewhere: not sent").isEqualByComparingTo("49.00");
        assertThat(lamp.salePrice()).isEqualByComparingTo(made.salePrice());
        assertThat(lamp.weight()).isEqualByComparingTo("0.9");
    }

    @Test
    void a_product_is_created_found_by_its_sku_and_updated_in_a_batch() {
        StoreProduct made = catalog.createProduct(new ProductWrite(null, "LAMP-1", fields("Desk Lamp", "49.00"),
                InventoryTracking.PRODUCT));
        catalog.createProduct(new ProductWrite(null, "LAMP-2", fields("Floor Lamp", "89.00"), InventoryTracking.PRODUCT));

        assertThat(made.tracking()).isEqualTo(InventoryTracking.PRODUCT);
        assertThat(made.variants()).as("a simple product's base variant is the product").isEmpty();

        catalog.updateProducts(List.of(
                new ProductWrite(made.id(), "LAMP-1", new ProductFields("Desk Lamp", "Brass.", usd("45.00"), usd("3.20"),
                        usd("39.99"), new BigDecimal("0.9")), InventoryTracking.PRODUCT)));

        StoreProduct lamp = catalog.findProducts(List.of("LAMP-1", "LAMP-2", "LAMP-3")).get("LAMP-1");
        assertThat(lamp.description()).isEqualTo("Brass.");
        assertThat(lamp.price()).isEqualByComparingTo("45.00");
        assertThat(lamp.salePrice()).isEqualByComparingTo("39.99");
        assertThat(lamp.weight()).isEqualByComparingTo("0.9");
        assertThat(catalog.findProducts(List.of("LAMP-1", "LAMP-2", "LAMP-3"))).containsOnlyKeys("LAMP-1", "LAMP-2");
    }

    @Test
    void options_values_and_variants_are_created_and_variants_updated() {
        StoreProduct tee = catalog.createProduct(new ProductWrite(null, "TEE-NEW", fields("New Tee", "20.00"),
                InventoryTracking.VARIANT));
        StoreOption color = catalog.createOption(tee.id(), "Color", List.of("Red", "Blue"));
        StoreOption size = catalog.createOption(tee.id(), "Size", List.of("S"));
        StoreOption.Value medium = catalog.createOptionValue(tee.id(), size.id(), "M");

        List<VariantWrite> creates = new ArrayList<>();
        for (StoreOption.Value c : color.values()) {
            for (StoreOption.Value s : List.of(size.values().get(0), medium)) {
                creates.add(new VariantWrite(null, tee.id(), "TEE-NEW-" + c.label() + "-" + s.label(),
                        new VariantFields(usd("21.00"), usd("7.00"), null, new BigDecimal("0.3")),
                        List.of(new VariantWrite.OptionValueRef(color.id(), c.id()),
                                new VariantWrite.OptionValueRef(size.id(), s.id()))));
            }
        }
        catalog.writeVariants(creates);

        StoreProduct found = catalog.findProducts(List.of("TEE-NEW")).get("TEE-NEW");
        assertThat(found.variants()).extracting(StoreVariant::key)
                .containsExactly("TEE-NEW-Red-S", "TEE-NEW-Red-M", "TEE-NEW-Blue-S", "TEE-NEW-Blue-M");
        assertThat(found.variant("TEE-NEW-Blue-M").orElseThrow().optionValues()).extracting(StoreVariant.OptionValue::label)
                .containsExactly("Blue", "M");
        assertThat(catalog.options(tee.id())).extracting(StoreOption::name).containsExactly("Color", "Size");

        StoreVariant redS = found.variant("TEE-NEW-Red-S").orElseThrow();
        catalog.writeVariants(List.of(new VariantWrite(redS.id(), tee.id(), redS.key(),
                new VariantFields(usd("18.50"), usd("7.00"), usd("15.00"), new BigDecimal("0.3")), List.of())));

        StoreVariant updated = catalog.findProducts(List.of("TEE-NEW")).get("TEE-NEW").variant("TEE-NEW-Red-S").orElseThrow();
        assertThat(updated.price()).isEqualByComparingTo("18.50");
        assertThat(updated.salePrice()).isEqualByComparingTo("15.00");
    }

    @Test
    void a_refused_write_names_the_field() {
        catalog.createProduct(new ProductWrite(null, "CUP-1", fields("Cup", "5.00"), InventoryTracking.PRODUCT));

        assertThatThrownBy(() -> catalog.createProduct(new ProductWrite(null, "CUP-2", fields("Cup", "5.00"),
                InventoryTracking.PRODUCT))).isInstanceOf(PermanentFailure.class).hasMessageContaining("duplicate")
                .extracting(e -> ((PermanentFailure) e).field()).isEqualTo("name");

        StoreProduct cup = catalog.findProducts(List.of("CUP-1")).get("CUP-1");
        assertThatThrownBy(() -> catalog.writeVariants(List.of(new VariantWrite(null, cup.id(), "CUP-1-X",
                new VariantFields(usd("5.00"), null, null, BigDecimal.ONE), List.of(new VariantWrite.OptionValueRef(1, 2))))))
                .isInstanceOf(PermanentFailure.class).hasMessageContaining("option");
    }
}
