package com.bcerp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.config.ConnectorConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
    }

    @Test
    void the_deployment_section_defaults_need_no_store_and_merge_key_by_key() {
        ConnectorConfig config = ConfigLoader.parse("""
                deployment:
                  store_hash: abc123
                  order_worker:
                    max_concurrency: 3
                """);

        assertThat(config.deployment().storeHash()).isEqualTo("abc123");
        assertThat(config.deployment().orderWorker().maxConcurrency()).isEqualTo(3);
        assertThat(config.deployment().orderWorker().batchSize()).isEqualTo(5);
        assertThat(config.deployment().acumatica().url()).isNull();
        assertThat(ConfigLoader.defaults().deployment().storeHash()).isNull();
    }

    @Test
    void a_bad_deployment_value_names_its_nested_path() {
        assertThatThrownBy(() -> ConfigLoader.parse("deployment:\n  order_worker:\n    batch_size: 11\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config deployment.order_worker.batch_size: must be between 1 and 10");
        assertThatThrownBy(() -> ConfigLoader.parse("deployment:\n  acumatica:\n    url: http://erp.example.com\n"))
                .hasMessage("config deployment.acumatica.url: must be an https URL, was 'http://erp.example.com'");
        assertThatThrownBy(() -> ConfigLoader.parse("deployment:\n  log_retention_days: 10\n"))
                .hasMessageStartingWith("config deployment.log_retention_days: must be one of CloudWatch's");
        assertThatThrownBy(() -> ConfigLoader.parse("deployment:\n  store_hash: ABC/1\n"))
                .hasMessageStartingWith("config deployment.store_hash: must be the store hash");
        assertThatThrownBy(() -> ConfigLoader.parse("deployment:\n  schedules:\n    stock_sync: 5\n"))
                .hasMessageStartingWith("config deployment.schedules.stock_sync: unknown field")
                .hasMessageContaining("stock_sync_minutes");
    }

    @Test
    void the_example_file_documents_every_deployment_key() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        JsonNode example = yaml.readTree(Path.of("..", "..", "config", "connector.example.yaml").toFile());
        JsonNode defaults = yaml.valueToTree(ConnectorConfig.defaults());

        List<String> undocumented = new ArrayList<>();
        missingKeys(defaults.get("deployment"), example.get("deployment"), "deployment", undocumented);
        assertThat(undocumented).as("keys missing from config/connector.example.yaml").isEmpty();
    }

    private static void missingKeys(JsonNode expected, JsonNode given, String path, List<String> missing) {
        expected.fieldNames().forEachRemaining(name -> {
            JsonNode there = given == null ? null : given.get(name);
            if (there == null) {
                missing.add(path + "." + name);
            } else if (expected.get(name).isObject()) {
                missingKeys(expected.get(name), there, path + "." + name, missing);
            }
        });
    }

    @Test
    void the_reliability_section_reads_nested_settings_and_keeps_the_defaults_it_leaves_out() {
        ConnectorConfig config = ConfigLoader.parse("""
                reliability:
                  store_quota_share: 0.5
                  catch_up:
                    overlap_minutes: 30
                """);

        assertThat(config.reliability().storeQuotaShare()).isEqualByComparingTo("0.5");
        assertThat(config.reliability().catchUp().overlapMinutes()).isEqualTo(30);
        assertThat(config.reliability().catchUp().firstRunLookbackHours()).isEqualTo(1);
        assertThat(config.reliability().backOfficeRequestsPerMinute()).isZero();
    }

    @Test
    void a_bad_reliability_value_is_refused_with_its_path() {
        assertThatThrownBy(() -> ConfigLoader.parse("reliability:\n  store_quota_share: 1.5\n"))
                .hasMessage("config reliability.store_quota_share: must be between 0.1 and 1, was 1.5");
        assertThatThrownBy(() -> ConfigLoader.parse("reliability:\n  catch_up:\n    overlap_minutes: 0\n"))
                .hasMessage("config reliability.catch_up.overlap_minutes: must be between 1 and 1440, was 0");
    }

    @Test
    void the_example_file_documents_the_reliability_defaults() {
        ConnectorConfig example = ConfigLoader.load(Path.of("..", "..", "config", "connector.example.yaml"));

        assertThat(example.reliability()).isEqualTo(ConnectorConfig.defaults().reliability());
    }
}
