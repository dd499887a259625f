package com.bcerp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.catalog.CatalogSettings;
import com.bcerp.core.catalog.MatchKey;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.stock.AvailabilityRule;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    @Test
    void an_empty_file_is_the_defaults() {
        assertThat(ConfigLoader.parse("")).isEqualTo(ConnectorConfig.defaults());
    }

    @Test
    void a_section_can_set_one_field_and_keep_the_other_defaults() {
        ConnectorConfig config = ConfigLoader.parse("orders:\n  tax_id: NYSTATETAX\n");

        assertThat(config.orders().taxId()).isEqualTo("NYSTATETAX");
        assertThat(config.orders().roundingItem()).isEqualTo("ROUNDING");
        assertThat(config.orders().roundingTolerance()).isEqualByComparingTo("0.05");
    }

    @Test
    void mapping_tables_are_read_as_given() {
        ConnectorConfig config = ConfigLoader.parse("""
                orders:
                  ship_via:
                    Flat Rate: FLATRATE
                    Free Shipping: FREE
                  payment_methods:
                    Credit Card: VISA
                """);

        assertThat(config.orders().shipVia()).containsEntry("Flat Rate", "FLATRATE").containsEntry("Free Shipping", "FREE");
        assertThat(config.orders().paymentMethods()).containsOnlyKeys("Credit Card");
    }

    @Test
    void a_bad_value_is_refused_with_its_path_in_the_file() {
        assertThatThrownBy(() -> ConfigLoader.parse("orders:\n  rounding_tolerance: -1\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config orders.rounding_tolerance: must be between 0 and 1")
                .extracting(e -> ((ConfigException) e).field()).isEqualTo("orders.rounding_tolerance");
    }

    @Test
    void an_unknown_key_is_refused_so_a_typo_does_not_fall_back_to_a_default() {
        assertThatThrownBy(() -> ConfigLoader.parse("orders:\n  taxid: X\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config orders.taxid: unknown field")
                .hasMessageContaining("tax_id");
        assertThatThrownBy(() -> ConfigLoader.parse("order:\n  tax_id: X\n"))
                .hasMessageStartingWith("config order: unknown field");
    }

    @Test
    void a_value_of_the_wrong_type_names_the_field() {
        assertThatThrownBy(() -> ConfigLoader.parse("orders:\n  unit_price_decimals: four\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config orders.unit_price_decimals:");
    }

    @Test
    void broken_yaml_says_where() {
        assertThatThrownBy(() -> ConfigLoader.parse("orders:\n  tax_id: [unclosed\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
    }

    @Test
    void the_example_file_in_the_repository_is_valid_and_documents_every_orders_field() {
        ConnectorConfig example = ConfigLoader.load(Path.of("..", "..", "config", "connector.example.yaml"));

        assertThat(example.orders().roundingTolerance()).isEqualByComparingTo(new BigDecimal("0.05"));
        assertThat(example.orders().shipVia()).containsEntry("Flat Rate", "FLATRATE");
        assertThat(example.stock().locations()).containsEntry("MAIN", 1L).containsEntry("EAST", 2L);
        assertThat(example.stock().availability()).isEqualTo(AvailabilityRule.AVAILABLE);
        assertThat(example.catalog()).isEqualTo(CatalogSettings.defaults());
    }

    @Test
    void the_stock_section_reads_its_rule_in_lower_case_and_its_warehouse_map() {
        ConnectorConfig config = ConfigLoader.parse("""
                stock:
                  availability: available_for_shipment
                  reserve: 2
                  locations:
                    WH1: 1
                    WH2: 1
                    WH3: 4
                """);

        assertThat(config.stock().availability()).isEqualTo(AvailabilityRule.AVAILABLE_FOR_SHIPMENT);
        assertThat(config.stock().reserve()).isEqualTo(2);
        assertThat(config.stock().locations()).containsOnly(Map.entry("WH1", 1L), Map.entry("WH2", 1L),
                Map.entry("WH3", 4L));
        assertThat(config.stock().targetLocations()).containsExactlyInAnyOrder(1L, 4L);
        assertThat(config.stock().deductSafetyStock()).isTrue();
        assertThat(config.catalog()).isEqualTo(CatalogSettings.defaults());
    }

    @Test
    void stock_and_catalog_errors_name_their_field() {
        assertThatThrownBy(() -> ConfigLoader.parse("stock:\n  availability: in_stock\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("config stock.availability:")
                .hasMessageContaining("available_for_shipment");
        assertThatThrownBy(() -> ConfigLoader.parse("stock:\n  locations:\n    WH1: 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config stock.locations.WH1: must be a store location id (1 or more)");
        assertThatThrownBy(() -> ConfigLoader.parse("stock:\n  reserve: -1\n"))
                .hasMessage("config stock.reserve: must be 0 or more, was -1");
        assertThatThrownBy(() -> ConfigLoader.parse("catalog:\n  match_key: ean\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("config catalog.match_key:");
        assertThatThrownBy(() -> ConfigLoader.parse("catalog:\n  store_currency: dollars\n"))
                .hasMessageStartingWith("config catalog.store_currency: must be an ISO 4217 code");
    }

    @Test
    void the_catalog_section_has_its_switches() {
        ConnectorConfig config = ConfigLoader.parse("catalog:\n  product_sync: false\n  item_sync_enforcement: true\n"
                + "  match_key: upc\n");

        assertThat(config.catalog().productSync()).isFalse();
        assertThat(config.catalog().itemSyncEnforcement()).isTrue();
        assertThat(config.catalog().matchKey()).isEqualTo(MatchKey.UPC);
    }
}
