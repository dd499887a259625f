package com.bcerp.visma;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.catalog.CatalogProduct;
import com.bcerp.http.JsonSupport;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** An inventory item as GET /v1/inventory lists it (InventoryDto's members), mapped to a product without a server. */
class VismaCatalogTest {

    private static JsonNode item(String json) throws Exception {
        return JsonSupport.MAPPER.readTree(json);
    }

    private static final String ITEM = """
            {"inventoryId": 7, "inventoryNumber": "SKU-0100", "status": "Active", "type": "FinishedGoodItem",
             "description": "Classic Mug", "body": "<p>Stoneware.</p>", "defaultPrice": 12.99, "currentCost": 7.10,
             "stockItem": true, "packaging": {"baseItemWeight": 0.45, "weightUOM": "KG"},
             "costPriceStatistics": {"averageCost": 6.80},
             "attributes": [{"id": "SALEPRICE", "value": "10.50", "description": "Sale price"}],
             "warehouseDetails": [{"warehouse": "MAIN", "quantityOnHand": 4}, {"warehouse": "WEST"}],
             "priceClassID": "RETAIL", "lastModifiedDateTime": "2026-12-01T10:00:00.000Z"}
            """;

    @Test
    void an_item_is_a_product_of_its_own_with_description_body_default_price_standard_cost_weight_and_sale_price()
            throws Exception {
        CatalogProduct p = VismaCatalog.product(item(ITEM), "NOK", "SALEPRICE");

        assertThat(p.sku()).isEqualTo("SKU-0100");
        assertThat(p.hasVariants()).isFalse();
        assertThat(p.fields().name()).isEqualTo("Classic Mug");
        assertThat(p.fields().description()).isEqualTo("<p>Stoneware.</p>");
        assertThat(p.fields().price().amount()).isEqualByComparingTo("12.99");
        assertThat(p.fields().price().currency()).isEqualTo("NOK");
        assertThat(p.fields().cost().amount()).isEqualByComparingTo("7.10");
        assertThat(p.fields().weight()).isEqualByComparingTo("0.45");
        assertThat(p.fields().salePrice().amount()).isEqualByComparingTo("10.50");
        assertThat(p.ecommerce()).isTrue();
        assertThat(p.warehouses()).containsExactlyInAnyOrder("MAIN", "WEST");
        assertThat(p.problem()).isNull();
    }

    @Test
    void without_a_standard_cost_the_average_cost_is_the_cost_and_without_the_attribute_the_sale_price_is_left_alone()
            throws Exception {
        CatalogProduct p = VismaCatalog.product(item(ITEM.replace("\"currentCost\": 7.10", "\"currentCost\": 0")
                .replace("SALEPRICE", "COLOUR")), "NOK", "SALEPRICE");

        assertThat(p.fields().cost().amount()).isEqualByComparingTo("6.80");
        assertThat(p.fields().salePrice()).isNull();
    }

    @Test
    void an_empty_sale_price_clears_it_and_one_that_is_not_a_number_parks_the_product_naming_the_attribute()
            throws Exception {
        assertThat(VismaCatalog.product(item(ITEM.replace("\"10.50\"", "\"\"")), "NOK", "SALEPRICE").fields()
                .salePrice().amount()).isZero();

        CatalogProduct bad = VismaCatalog.product(item(ITEM.replace("\"10.50\"", "\"cheap\"")), "NOK", "SALEPRICE");

        assertThat(bad.problem()).contains("SKU-0100").contains("attributes.SALEPRICE").contains("'cheap'");
    }

    @Test
    void only_active_stock_items_are_for_the_store() throws Exception {
        assertThat(VismaCatalog.product(item(ITEM.replace("\"Active\"", "\"NoSales\"")), "NOK", "SALEPRICE").ecommerce())
                .isFalse();
        assertThat(VismaCatalog.product(item(ITEM.replace("\"stockItem\": true", "\"stockItem\": false")), "NOK",
                "SALEPRICE").ecommerce()).as("a non-stock charge item").isFalse();
    }
}
