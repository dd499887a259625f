package com.bcerp.uniconta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.catalog.CatalogProduct;
import com.bcerp.core.catalog.CatalogVariant;
import com.bcerp.http.JsonSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** InvItemClient rows (with their storage rows and variant set-up) mapped to products without a server. */
class UnicontaCatalogTest {

    private static final UnicontaSettings SETTINGS = UnicontaSettings.defaults(URI.create("https://odata.uniconta.com"),
            123456, "s").withCatalogue(2, List.of("Color", "Size"));

    private static JsonNode json(String text) throws Exception {
        return JsonSupport.MAPPER.readTree(text);
    }

    private static CatalogProduct map(JsonNode item, List<JsonNode> storage, UnicontaSettings settings) {
        return UnicontaCatalog.product(item, storage, settings, (i, codes) -> String.join("-",
                java.util.stream.Stream.concat(java.util.stream.Stream.of(i), codes.stream()).toList()),
                d -> d == 1 ? Map.of("RED", "Red", "BLUE", "Blue") : Map.of("S", "Small"),
                s -> List.of(List.of("RED", "S"), List.of("BLUE", "S")));
    }

    @Test
    void a_simple_item_takes_the_configured_sales_price_its_cost_and_weight_and_the_warehouses_it_is_stored_in()
            throws Exception {
        JsonNode item = json("""
                {"Item": "SKU-0100", "Name": "Classic Mug", "SalesPrice1": 12.99, "SalesPrice2": 11.50,
                 "SalesPrice3": 9.00, "CostPrice": 6.25, "Weight": 0.4, "UseStorage": true}""");
        List<JsonNode> storage = List.of(json("{\"Item\": \"SKU-0100\", \"Warehouse\": \"MAIN\", \"Qty\": 3}"),
                json("{\"Item\": \"SKU-0100\", \"Warehouse\": \"WEST\", \"Qty\": 0}"));

        CatalogProduct p = map(item, storage, SETTINGS);

        assertThat(p.sku()).isEqualTo("SKU-0100");
        assertThat(p.fields().name()).isEqualTo("Classic Mug");
        assertThat(p.fields().price().amount()).as("SalesPrice2").isEqualByComparingTo("11.50");
        assertThat(p.fields().price().currency()).isEqualTo("DKK");
        assertThat(p.fields().cost().amount()).isEqualByComparingTo("6.25");
        assertThat(p.fields().weight()).isEqualByComparingTo("0.4");
        assertThat(p.fields().salePrice()).as("Uniconta keeps no sale price").isNull();
        assertThat(p.warehouses()).containsExactlyInAnyOrder("MAIN", "WEST");
        assertThat(p.ecommerce()).isTrue();
        assertThat(map(item, storage, SETTINGS.withCatalogue(3, List.of("Color"))).fields().price().amount())
                .isEqualByComparingTo("9.00");
    }

    @Test
    void an_item_with_variants_has_a_variant_per_allowed_combination_named_by_the_dimensions_and_their_values()
            throws Exception {
        JsonNode item = json("""
                {"Item": "TEE-200", "Name": "Organic Tee", "SalesPrice2": 18.50, "CostPrice": 8, "UseStorage": true,
                 "UseVariants": true, "StandardVariant": "COLSIZE"}""");
        List<JsonNode> storage = List.of(json("""
                {"Item": "TEE-200", "Variant1": "BLUE", "Variant2": "S", "Warehouse": "MAIN"}"""));

        CatalogProduct p = map(item, storage, SETTINGS);

        assertThat(p.optionNames()).containsExactly("Color", "Size");
        assertThat(p.variants()).extracting(CatalogVariant::sku).containsExactly("TEE-200-RED-S", "TEE-200-BLUE-S");
        CatalogVariant blue = p.variants().get(1);
        assertThat(blue.options()).containsExactly(Map.entry("Color", "Blue"), Map.entry("Size", "Small"));
        assertThat(blue.fields().price().amount()).isEqualByComparingTo("18.50");
        assertThat(blue.warehouses()).containsExactly("MAIN");
        assertThat(p.variants().get(0).warehouses()).as("RED/S has no storage row").isEmpty();
        assertThat(p.problem()).isNull();
    }

    @Test
    void combinations_using_a_dimension_without_a_configured_name_park_the_product_naming_the_setting()
            throws Exception {
        JsonNode item = json("""
                {"Item": "TEE-200", "Name": "Organic Tee", "UseStorage": true, "UseVariants": true,
                 "StandardVariant": "COLSIZE"}""");

        CatalogProduct p = map(item, List.of(), SETTINGS.withCatalogue(1, List.of("Color")));

        assertThat(p.problem()).contains("TEE-200").contains("Variant2").contains("variant_names");
    }

    @Test
    void a_blocked_or_hidden_item_is_not_for_the_store() throws Exception {
        assertThat(map(json("{\"Item\": \"A\", \"Name\": \"A\", \"Blocked\": true}"), List.of(), SETTINGS).ecommerce())
                .isFalse();
        assertThat(map(json("{\"Item\": \"A\", \"Name\": \"A\", \"HideInSales\": true}"), List.of(), SETTINGS)
                .ecommerce()).isFalse();
    }

    @Test
    void the_sales_price_number_is_one_two_or_three() {
        assertThatThrownBy(() -> SETTINGS.withCatalogue(4, List.of("Color"))).hasMessageContaining("salesPrice")
                .hasMessageContaining("SalesPrice1..SalesPrice3");
    }
}
