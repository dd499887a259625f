package com.bcerp.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.fakes.InMemoryCatalogSource;
import com.bcerp.core.fakes.InMemoryCursors;
import com.bcerp.core.fakes.InMemoryStoreCatalog;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.model.Money;
import com.bcerp.core.stock.InventoryTracking;
import com.bcerp.core.stock.StockSettings;
import com.bcerp.core.sync.ParkedRecord;
import com.bcerp.core.sync.SyncProgress;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogSyncTest {

    MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
    InMemoryCatalogSource erp = new InMemoryCatalogSource(clock);
    InMemoryStoreCatalog store = new InMemoryStoreCatalog();
    InMemoryCursors cursors = new InMemoryCursors();
    InMemorySyncState state = new InMemorySyncState(clock);
    CatalogSettings settings = CatalogSettings.defaults();
    StockSettings stock = StockSettings.defaults().withLocations(Map.of("EAST", 1L));

    CatalogSyncReport run() {
        clock.advance(Duration.ofMinutes(5));
        CatalogSyncReport report = new CatalogSync(erp, store, cursors, state, settings, stock, "abc", clock)
                .run(CatalogSync.Mode.SCHEDULED, SyncProgress.NONE);
        clock.advance(Duration.ofMinutes(1));
        return report;
    }

    static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    static ProductFields fields(String name, String price) {
        return new ProductFields(name, "<p>" + name + "</p>", usd(price), usd("4.00"), usd("0"), new BigDecimal("1.5"));
    }

    static CatalogProduct simple(String sku, String name, String price) {
        return new CatalogProduct(sku, fields(name, price), true, Set.of("EAST"), List.of(), List.of());
    }

    static CatalogVariant variant(String sku, String color, String size, String price) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("Color", color);
        options.put("Size", size);
        return new CatalogVariant(sku, options, new VariantFields(usd(price), usd("6.00"), null, new BigDecimal("0.3")),
                true, Set.of("EAST"));
    }

    static CatalogProduct tee(List<CatalogVariant> variants) {
        return new CatalogProduct("TEE", fields("Organic Tee", "20.00"), true, Set.of(), List.of("Color", "Size"), variants);
    }

    @Test
    void a_new_item_becomes_a_store_product_with_the_back_offices_fields_and_then_stays_alone() {
        erp.put(new CatalogProduct("MUG", new ProductFields("Walnut Mug", "<p>Holds tea.</p>", usd("12.50"), usd("4.10"),
                usd("9.99"), new BigDecimal("0.45")), true, Set.of("EAST"), List.of(), List.of()));

        CatalogSyncReport first = run();

        StoreProduct mug = store.product("MUG");
        assertThat(mug.name()).isEqualTo("Walnut Mug");
        assertThat(mug.description()).isEqualTo("<p>Holds tea.</p>");
        assertThat(mug.price()).isEqualByComparingTo("12.50");
        assertThat(mug.cost()).isEqualByComparingTo("4.10");
        assertThat(mug.salePrice()).isEqualByComparingTo("9.99");
        assertThat(mug.weight()).isEqualByComparingTo("0.45");
        assertThat(mug.tracking()).isEqualTo(InventoryTracking.PRODUCT);
        assertThat(first.productsCreated()).isEqualTo(1);

        int before = store.totalRequests();
        clock.advance(Duration.ofHours(25));
        CatalogSyncReport full = run();
        assertThat(full.mode()).isEqualTo("full");
        assertThat(full.unchanged()).isEqualTo(1);
        assertThat(store.totalRequests() - before).as("only the look-up").isEqualTo(1);
    }

    @Test
    void fields_another_system_owns_are_never_written_and_their_differences_are_no_change() {
        settings = settings.withOwnedElsewhere(Set.of(CatalogField.PRICE, CatalogField.SALE_PRICE));
        erp.put(simple("MUG", "Mug", "10.00"));
        run();
        // the POS integration reprices the mug in the store
        StoreProduct mug = store.product("MUG");
        store.updateProducts(List.of(new ProductWrite(mug.id(), "MUG", fields("Mug", "8.50"), mug.tracking())));
        int updatesBefore = store.requests("update-products");

        assertThat(run().productsUpdated()).as("a price the connector does not own is no change").isZero();
        assertThat(store.requests("update-products")).isEqualTo(updatesBefore);

        erp.put(simple("MUG", "Walnut Mug", "12.00"));
        run();
        assertThat(store.product("MUG").name()).isEqualTo("Walnut Mug");
        assertThat(store.product("MUG").price()).as("left to the POS").isEqualByComparingTo("8.50");
    }

    @Test
    void changed_products_are_updated_ten_to_a_request() {
        for (int i = 0; i < 25; i++) {
            erp.put(simple("SKU-" + i, "Item " + i, "10.00"));
        }
        run();
        for (int i = 0; i < 25; i++) {
            erp.put(simple("SKU-" + i, "Item " + i, "11.00"));
        }

        CatalogSyncReport report = run();

        assertThat(report.mode()).isEqualTo("changes");
        assertThat(report.productsUpdated()).isEqualTo(25);
        assertThat(store.requests("update-products")).isEqualTo(3);
        assertThat(store.product("SKU-24").price()).isEqualByComparingTo("11.00");
    }

    @Test
    void a_template_becomes_a_product_with_options_and_one_variant_per_matrix_item() {
        erp.put(tee(List.of(variant("TEE-RED-S", "Red", "S", "20.00"), variant("TEE-RED-M", "Red", "M", "20.00"),
                variant("TEE-BLUE-S", "Blue", "S", "22.00"))));

        CatalogSyncReport report = run();

        StoreProduct tee = store.product("TEE");
        assertThat(tee.tracking()).isEqualTo(InventoryTracking.VARIANT);
        assertThat(store.optionsOf(tee.id())).extracting(StoreOption::name).containsExactly("Color", "Size");
        assertThat(store.optionsOf(tee.id()).get(0).values()).extracting(StoreOption.Value::label)
                .containsExactly("Red", "Blue");
        assertThat(tee.variants()).extracting(StoreVariant::key).containsExactly("TEE-RED-S", "TEE-RED-M", "TEE-BLUE-S");
        StoreVariant blueS = tee.variant("TEE-BLUE-S").orElseThrow();
        assertThat(blueS.price()).isEqualByComparingTo("22.00");
        assertThat(blueS.optionValues()).extracting(StoreVariant.OptionValue::label).containsExactly("Blue", "S");
        assertThat(report.variantsCreated()).isEqualTo(3);
        assertThat(store.requests("write-variants")).isEqualTo(1);
    }

    @Test
    void a_new_matrix_item_with_a_new_attribute_value_adds_the_value_and_the_variant() {
        List<CatalogVariant> variants = new ArrayList<>(List.of(variant("TEE-RED-S", "Red", "S", "20.00")));
        erp.put(tee(variants));
        run();

        variants.add(variant("TEE-GREEN-S", "Green", "S", "20.00"));
        variants.set(0, variant("TEE-RED-S", "Red", "S", "19.00"));
        erp.put(tee(variants));
        CatalogSyncReport report = run();

        StoreProduct tee = store.product("TEE");
        assertThat(store.optionsOf(tee.id()).get(0).values()).extracting(StoreOption.Value::label)
                .containsExactly("Red", "Green");
        assertThat(tee.variant("TEE-GREEN-S").orElseThrow().optionValues()).extracting(StoreVariant.OptionValue::label)
                .containsExactly("Green", "S");
        assertThat(tee.variant("TEE-RED-S").orElseThrow().price()).isEqualByComparingTo("19.00");
        assertThat(report.variantsCreated()).isEqualTo(1);
        assertThat(report.variantsUpdated()).isEqualTo(1);
        assertThat(store.requests("create-option-value")).isEqualTo(1);
    }

    @Test
    void variants_are_written_fifty_to_a_request() {
        List<CatalogVariant> variants = new ArrayList<>();
        for (int c = 0; c < 12; c++) {
            for (String size : List.of("S", "M", "L", "XL", "XXL")) {
                variants.add(variant("TEE-" + c + "-" + size, "Colour " + c, size, "20.00"));
            }
        }
        erp.put(tee(variants));

        run();

        assertThat(store.product("TEE").variants()).hasSize(60);
        assertThat(store.requests("write-variants")).isEqualTo(2);
    }

    @Test
    void with_the_product_sync_switch_off_nothing_is_written() {
        erp.put(simple("MUG", "Mug", "10.00"));
        settings = settings.withProductSync(false);

        assertThat(run().mode()).isEqualTo("skipped");
        assertThat(store.totalRequests()).isZero();
    }

    @Test
    void only_items_enabled_for_e_commerce_are_synced_and_enforcement_also_needs_a_mapped_warehouse() {
        erp.put(simple("MUG", "Mug", "10.00"));
        erp.put(new CatalogProduct("INTERNAL", fields("Pallet", "1.00"), false, Set.of("EAST"), List.of(), List.of()));
        erp.put(new CatalogProduct("WEST-ONLY", fields("Lamp", "30.00"), true, Set.of("WEST"), List.of(), List.of()));

        run();
        assertThat(store.product("INTERNAL")).isNull();
        assertThat(store.product("WEST-ONLY")).as("enforcement is off by default").isNotNull();

        erp.put(new CatalogProduct("WEST-TOO", fields("Desk", "90.00"), true, Set.of("WEST"), List.of(), List.of()));
        settings = settings.withEnforcement(true);
        CatalogSyncReport report = run();

        assertThat(store.product("WEST-TOO")).isNull();
        assertThat(report.skipped()).isEqualTo(1);
    }

    @Test
    void a_product_the_store_refuses_is_parked_and_the_rest_of_its_batch_goes_through() {
        for (int i = 0; i < 5; i++) {
            erp.put(simple("SKU-" + i, "Item " + i, "10.00"));
        }
        run();
        store.refuse("SKU-2");
        for (int i = 0; i < 5; i++) {
            erp.put(simple("SKU-" + i, "Item " + i, "12.00"));
        }

        CatalogSyncReport report = run();

        assertThat(report.parked()).isEqualTo(1);
        assertThat(state.parked()).extracting(ParkedRecord::recordKey).containsExactly("catalog#abc#SKU-2");
        assertThat(state.parked().get(0).reason()).contains("duplicate");
        assertThat(store.product("SKU-4").price()).isEqualByComparingTo("12.00");
        assertThat(store.product("SKU-2").price()).isEqualByComparingTo("10.00");
    }

    @Test
    void a_price_in_another_currency_than_the_stores_is_parked_not_sent() {
        erp.put(new CatalogProduct("EURO", new ProductFields("Euro Mug", "", Money.of("9.00", "EUR"), null, null,
                BigDecimal.ONE), true, Set.of(), List.of(), List.of()));

        CatalogSyncReport report = run();

        assertThat(store.product("EURO")).isNull();
        assertThat(report.parked()).isEqualTo(1);
        assertThat(state.parked().get(0).reason()).contains("EUR").contains("catalog.store_currency");
    }

    @Test
    void a_record_the_back_office_describes_badly_is_parked_with_the_adapters_reason() {
        erp.put(new CatalogProduct("MUG", fields("Mug", "10.00"), true, Set.of(), List.of(), List.of(),
                "stock item MUG Attributes.SALEPRICE: 'cheap' is not a sale price"));
        erp.put(simple("CUP", "Cup", "4.00"));

        CatalogSyncReport report = run();

        assertThat(store.product("MUG")).isNull();
        assertThat(store.product("CUP")).isNotNull();
        assertThat(report.parked()).isEqualTo(1);
        assertThat(state.parked().get(0).reason()).contains("Attributes.SALEPRICE");
    }

    @Test
    void a_sale_price_the_back_office_does_not_manage_is_left_as_the_store_has_it() {
        erp.put(new CatalogProduct("MUG", new ProductFields("Mug", "", usd("10.00"), usd("3.00"), null, BigDecimal.ONE),
                true, Set.of(), List.of(), List.of()));
        run();

        erp.put(new CatalogProduct("MUG", new ProductFields("Mug", "", usd("11.00"), usd("3.00"), null, BigDecimal.ONE),
                true, Set.of(), List.of(), List.of()));
        run();

        assertThat(store.product("MUG").price()).isEqualByComparingTo("11.00");
        assertThat(store.product("MUG").salePrice()).isEqualByComparingTo("0");
    }

    @Test
    void a_back_office_without_change_times_or_descriptions_is_read_whole_each_run_and_the_stores_description_stays() {
        erp.put(simple("MUG", "Walnut Mug", "12.50"));
        run();
        // the store's own description, which a back office without descriptions must leave alone
        store.updateProducts(List.of(new ProductWrite(store.product("MUG").id(), "MUG", new ProductFields("Walnut Mug",
                "<p>Written in the store.</p>", usd("12.50"), usd("4.00"), usd("0"), new BigDecimal("1.5")),
                InventoryTracking.PRODUCT)));
        com.bcerp.core.port.CatalogSource whole = new com.bcerp.core.port.CatalogSource() {
            @Override
            public java.util.Optional<Instant> forEachProduct(java.util.Optional<Instant> since,
                    java.util.function.Consumer<List<CatalogProduct>> page) {
                erp.forEachProduct(java.util.Optional.empty(), page);
                return java.util.Optional.empty();
            }

            @Override
            public boolean tellsChanges() {
                return false;
            }

            @Override
            public Set<CatalogField> fieldsNotKept() {
                return Set.of(CatalogField.DESCRIPTION);
            }
        };
        erp.put(new CatalogProduct("MUG", new ProductFields("Walnut Mug", null, usd("13.00"), usd("4.00"), usd("0"),
                new BigDecimal("1.5")), true, Set.of("EAST"), List.of(), List.of()));
        clock.advance(Duration.ofMinutes(5));

        CatalogSyncReport changed = new CatalogSync(whole, store, cursors, state, settings, stock, "abc", clock)
                .run(CatalogSync.Mode.SCHEDULED, SyncProgress.NONE);
        CatalogSyncReport again = new CatalogSync(whole, store, cursors, state, settings, stock, "abc", clock)
                .run(CatalogSync.Mode.SCHEDULED, SyncProgress.NONE);

        assertThat(changed.mode()).as("a read that cannot tell changes is a full one").isEqualTo("full");
        assertThat(store.product("MUG").price()).isEqualByComparingTo("13.00");
        assertThat(store.product("MUG").description()).isEqualTo("<p>Written in the store.</p>");
        assertThat(again.productsUpdated()).as("the whole read again: nothing differs").isZero();
        assertThat(again.unchanged()).isEqualTo(1);
    }
}
