package com.bcerp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.catalog.CatalogSettings;
import com.bcerp.core.catalog.MatchKey;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.stock.AvailabilityRule;
import java.math.BigDecimal;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
    void invoices_name_their_gateways_and_modes_and_a_bad_mode_is_named() {
        ConnectorConfig config = ConfigLoader.parse("""
                invoices:
                  enabled: true
                  methods:
                    - gateway: braintree
                      mode: from_order
                    - gateway: giftcertificate
                      mode: direct
                """);
        assertThat(config.invoices().modeFor("braintree")).contains(com.bcerp.core.invoice.InvoiceSettings.Mode.FROM_ORDER);
        assertThat(config.invoices().modeFor("giftcertificate")).contains(com.bcerp.core.invoice.InvoiceSettings.Mode.DIRECT);
        assertThat(ConfigLoader.defaults().invoices().enabled()).isFalse();
        assertThatThrownBy(() -> ConfigLoader.parse("invoices:\n  enabled: true\n  methods:\n    - gateway: braintree\n"
                + "      mode: later\n")).isInstanceOf(ConfigException.class).hasMessageContaining("invoices.methods[0].mode");
        assertThatThrownBy(() -> ConfigLoader.parse("invoices:\n  enabled: true\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("invoices.methods");
    }

    @Test
    void broken_yaml_says_where() {
        assertThatThrownBy(() -> ConfigLoader.parse("orders:\n  tax_id: [unclosed\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
    }

    @Test
    void the_example_file_in_the_repository_is_valid_and_documents_every_field_of_every_section() throws Exception {
        Path file = Path.of("..", "..", "config", "connector.example.yaml");
        ConnectorConfig example = ConfigLoader.load(file);
        String text = Files.readString(file);

        assertThat(example.orders().roundingTolerance()).isEqualByComparingTo(new BigDecimal("0.05"));
        assertThat(example.orders().shipVia()).containsEntry("Flat Rate", "FLATRATE");
        for (RecordComponent section : ConnectorConfig.class.getRecordComponents()) {
            String sectionKey = snake(section.getName());
            assertThat(text).as("section %s", sectionKey).containsPattern("(?m)^" + sectionKey + ":");
            if (!section.getType().isRecord()) {
                continue; // a table keyed by the merchant's own names (units: by store SKU)
            }
            for (RecordComponent field : section.getType().getRecordComponents()) {
                assertThat(text).as("%s.%s", sectionKey, snake(field.getName()))
                        .containsPattern("(?m)^  " + snake(field.getName()) + ":");
            }
        }
        ConnectorConfig defaults = ConnectorConfig.defaults();
        assertThat(example.statuses()).isEqualTo(defaults.statuses());
        assertThat(example.customers()).isEqualTo(defaults.customers());
        assertThat(example.payments()).isEqualTo(defaults.payments());
        assertThat(example.routing()).isEqualTo(defaults.routing());
        assertThat(example.fulfilment()).isEqualTo(defaults.fulfilment());
    }

    @Test
    void fulfilment_carriers_name_a_provider_or_a_tracking_carrier_and_errors_name_the_carrier() {
        ConnectorConfig config = ConfigLoader.parse("""
                fulfilment:
                  carriers:
                    COURIER: {tracking_carrier: royal-mail}
                    OWNFLEET: {shipping_provider: carrier_3}
                  references: none
                """);
        assertThat(config.fulfilment().carriers()).containsOnlyKeys("COURIER", "OWNFLEET");
        assertThat(config.fulfilment().carrier("COURIER").orElseThrow().trackingCarrier()).isEqualTo("royal-mail");
        assertThat(config.fulfilment().references().toString()).isEqualTo("none");
        assertThat(config.fulfilment().cursorOverlapSeconds()).as("left out: the default").isEqualTo(120);

        assertThatThrownBy(() -> ConfigLoader.parse("fulfilment:\n  carriers:\n    X: {shipping_provider: pigeon}\n"))
                .hasMessageContaining("fulfilment.carriers.X.shipping_provider").hasMessageContaining("pigeon");
        assertThatThrownBy(() -> ConfigLoader.parse(
                "fulfilment:\n  carriers:\n    X: {shipping_provider: ups, tracking_carrier: ups}\n"))
                .hasMessageContaining("fulfilment.carriers.X.tracking_carrier").hasMessageContaining("not both");
        assertThatThrownBy(() -> ConfigLoader.parse("fulfilment:\n  references: metafields\n"))
                .hasMessageContaining("fulfilment.references");
        assertThat(config.fulfilment().paidStatus()).as("left out: off").isNull();
        assertThat(ConfigLoader.parse("fulfilment:\n  paid_status: 10\n").fulfilment().paidStatus()).isEqualTo(10);
        assertThatThrownBy(() -> ConfigLoader.parse("fulfilment:\n  paid_status: 5\n"))
                .hasMessageContaining("fulfilment.paid_status").hasMessageContaining("was 5");
        assertThatThrownBy(() -> ConfigLoader.parse("fulfilment:\n  cursor_overlap: 5\n"))
                .hasMessageContaining("fulfilment.cursor_overlap").hasMessageContaining("unknown field");
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void every_section_reads_its_mapping_options() {
        ConnectorConfig config = ConfigLoader.parse("""
                orders:
                  tax_classes:
                    "0": STDTAX
                    Reduced Rate: REDTAX
                  sync_start_date: 2026-01-01
                  refund_document: return
                statuses:
                  import_statuses: [11]
                  cancel_statuses: [5, 6]
                customers:
                  match: external_id_then_email
                  guests: generic
                  generic_customer: WEBGUEST
                payments:
                  enabled: true
                  methods:
                    - gateway: braintree
                      currency: EUR
                      payment_method: CARD-EUR
                      cash_account: "10210"
                    - gateway: braintree
                      payment_method: CARD
                routing:
                  channels:
                    "2": EU
                  currencies:
                    GBP: UK
                  default_branch: HQ
                """);

        assertThat(config.orders().taxClasses()).containsEntry("0", "STDTAX").containsEntry("Reduced Rate", "REDTAX");
        assertThat(config.orders().syncStart()).isEqualTo(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(config.orders().refundsReturnItems()).isTrue();
        assertThat(config.statuses().importStatuses()).containsExactly(11);
        assertThat(config.statuses().cancels(6)).isTrue();
        assertThat(config.statuses().backOfficeToStore()).as("left out: the default table").containsEntry("cancelled", 5);
        assertThat(config.customers().guestsToGenericCustomer()).isTrue();
        assertThat(config.payments().ruleFor("braintree", "EUR")).hasValueSatisfying(r ->
                assertThat(r.cashAccount()).isEqualTo("10210"));
        assertThat(config.payments().ruleFor("braintree", "USD")).hasValueSatisfying(r ->
                assertThat(r.paymentMethod()).isEqualTo("CARD"));
        assertThat(config.routing().channels()).containsEntry("2", "EU");
        assertThat(config.routing().defaultBranch()).isEqualTo("HQ");
    }

    @Test
    void customer_sync_reads_its_switches_and_group_tables_and_refuses_a_group_that_is_not_an_id() {
        ConnectorConfig config = ConfigLoader.parse("customers:\n  sync: true\n  create_without_orders: true\n"
                + "  group_classes: {\"2\": WHOLESALE}\n  group_price_classes: {\"2\": TRADE}\n");
        assertThat(config.customers().sync()).isTrue();
        assertThat(config.customers().createWithoutOrders()).isTrue();
        assertThat(config.customers().customerClass(2)).isEqualTo("WHOLESALE");
        assertThat(config.customers().priceClass(2)).isEqualTo("TRADE");
        assertThat(config.customers().customerClass(1)).isNull();
        assertThat(ConfigLoader.defaults().customers().sync()).isFalse();
        assertThat(ConfigLoader.defaults().customers().createWithoutOrders()).isFalse();

        assertThatThrownBy(() -> ConfigLoader.parse("customers:\n  group_classes: {Wholesale: WHOLESALE}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("customers.group_classes")
                .hasMessageContaining("Wholesale");
    }

    @Test
    void a_table_in_the_file_replaces_the_default_table_whole() {
        ConnectorConfig config = ConfigLoader.parse("statuses:\n  back_office_to_store:\n    Shipping: 3\n");

        assertThat(config.statuses().backOfficeToStore()).containsExactly(java.util.Map.entry("Shipping", 3));
    }

    @Test
    void mapping_errors_name_the_field_in_the_file() {
        assertThatThrownBy(() -> ConfigLoader.parse("statuses:\n  import_statuses: [0, 11]\n"))
                .hasMessage("config statuses.import_statuses: 0 (Incomplete) cannot be imported: the checkout never finished");
        assertThatThrownBy(() -> ConfigLoader.parse("statuses:\n  cancel_statuses: [11]\n"))
                .hasMessageStartingWith("config statuses.cancel_statuses: status [11] is also in import_statuses");
        assertThatThrownBy(() -> ConfigLoader.parse("customers:\n  guests: generic\n"))
                .hasMessageStartingWith("config customers.generic_customer:");
        assertThatThrownBy(() -> ConfigLoader.parse("customers:\n  match: phone\n"))
                .hasMessageStartingWith("config customers.match: must be email, external_id or external_id_then_email");
        assertThatThrownBy(() -> ConfigLoader.parse("payments:\n  enabled: true\n"))
                .hasMessageStartingWith("config payments.methods: must map at least one gateway");
        assertThatThrownBy(() -> ConfigLoader.parse(
                "payments:\n  methods:\n    - gateway: cod\n      payment_method: CASH\n      currency: usd\n"))
                .hasMessageStartingWith("config payments.methods[0].currency:");
        assertThatThrownBy(() -> ConfigLoader.parse(
                "payments:\n  methods:\n    - gateway: cod\n      payment_method: CASH\n      cash_accnt: X\n"))
                .hasMessageStartingWith("config payments.methods[0].cash_accnt: unknown field");
        assertThatThrownBy(() -> ConfigLoader.parse("routing:\n  channels:\n    web: HQ\n"))
                .hasMessageStartingWith("config routing.channels.web: must be a channel id");
        assertThatThrownBy(() -> ConfigLoader.parse("orders:\n  sync_start_date: 01/02/2026\n"))
                .hasMessageStartingWith("config orders.sync_start_date: must be a date as yyyy-mm-dd");
        assertThatThrownBy(() -> ConfigLoader.parse("orders:\n  refund_document: memo\n"))
                .hasMessageStartingWith("config orders.refund_document: must be credit or return");
        assertThatThrownBy(() -> ConfigLoader.parse("orders:\n  tax_classes:\n    \"0\": \"\"\n"))
                .hasMessageStartingWith("config orders.tax_classes.0: must name a back-office tax id");
    }

    @Test
    void the_deployment_section_defaults_need_no_store_and_merge_key_by_key() {
        String file = """
                deployment:
                  store_hash: abc123
                  order_worker:
                    max_concurrency: 3
                """;
        DeploymentSettings deployment = ConfigLoader.parseDeployment(file);

        assertThat(deployment.storeHash()).isEqualTo("abc123");
        assertThat(deployment.orderWorker().maxConcurrency()).isEqualTo(3);
        assertThat(deployment.orderWorker().batchSize()).isEqualTo(5);
        assertThat(deployment.acumatica().url()).isNull();
        assertThat(ConfigLoader.parseDeployment("").storeHash()).isNull();
        assertThat(ConfigLoader.parse(file)).as("the functions ignore the stack's section").isEqualTo(ConnectorConfig.defaults());
    }

    @Test
    void a_pos_beside_the_connector_owns_its_channel_and_catalogue_fields() {
        ConnectorConfig config = ConfigLoader.parse("""
                orders:
                  ignored_channels: [2]
                catalog:
                  owned_elsewhere: [price, sale_price]
                """);
        assertThat(config.orders().ignoredChannels()).containsExactly(2);
        assertThat(config.catalog().ownedElsewhere()).containsExactlyInAnyOrder(
                com.bcerp.core.catalog.CatalogField.PRICE, com.bcerp.core.catalog.CatalogField.SALE_PRICE);
        assertThatThrownBy(() -> ConfigLoader.parse("catalog:\n  owned_elsewhere: [colour]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config catalog.owned_elsewhere");
    }

    @Test
    void the_look_up_before_create_is_when_uncertain_unless_the_merchant_says_always() {
        assertThat(ConfigLoader.parse("").orders().alwaysLookUpBeforeCreate()).isFalse();
        assertThat(ConfigLoader.parse("orders:\n  look_up_before_create: always\n").orders().alwaysLookUpBeforeCreate())
                .isTrue();
        assertThatThrownBy(() -> ConfigLoader.parse("orders:\n  look_up_before_create: sometimes\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config orders.look_up_before_create")
                .hasMessageContaining("sometimes");
    }

    @Test
    void each_back_office_deployment_settings_are_read_by_name_and_the_secret_is_left_to_the_stack() {
        DeploymentSettings deployment = ConfigLoader.parseDeployment("""
                deployment:
                  back_offices:
                    books:
                      warehouses: MAIN
                      company_id: "123456"
                """);
        assertThat(deployment.backOffices()).isEqualTo(Map.of("books", Map.of("company_id", "123456",
                "warehouses", "MAIN")));
        assertThat(ConfigLoader.parseDeployment("").backOffices()).isEmpty();
        assertThatThrownBy(() -> ConfigLoader.parseDeployment(
                "deployment:\n  back_offices:\n    books:\n      secret: mine\n"))
                .hasMessageStartingWith("config deployment.back_offices.books.secret: is set by the stack");
        assertThatThrownBy(() -> ConfigLoader.parseDeployment(
                "deployment:\n  back_offices:\n    books:\n      Company-Id: \"1\"\n"))
                .hasMessageStartingWith("config deployment.back_offices.books.Company-Id: a setting is lower-case");
        assertThatThrownBy(() -> ConfigLoader.parseDeployment(
                "deployment:\n  back_offices:\n    books:\n      company_id: \" \"\n"))
                .hasMessageStartingWith("config deployment.back_offices.books.company_id: must have a value");
    }

    @Test
    void a_bad_deployment_value_names_its_nested_path() {
        assertThatThrownBy(() -> ConfigLoader.parseDeployment("deployment:\n  order_worker:\n    batch_size: 11\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config deployment.order_worker.batch_size: must be between 1 and 10");
        assertThatThrownBy(() -> ConfigLoader.parseDeployment("deployment:\n  acumatica:\n    url: http://erp.example.com\n"))
                .hasMessage("config deployment.acumatica.url: must be an https URL, was 'http://erp.example.com'");
        // plain http only to this machine: a local stand-in for the pre-flight check
        assertThat(ConfigLoader.parseDeployment("deployment:\n  acumatica:\n    url: http://127.0.0.1:8443/ACME\n")
                .acumatica().url()).isEqualTo("http://127.0.0.1:8443/ACME");
        assertThatThrownBy(() -> ConfigLoader.parseDeployment("deployment:\n  bigcommerce_api_url: http://10.0.0.1\n"))
                .hasMessageStartingWith("config deployment.bigcommerce_api_url: must be an https URL");
        assertThatThrownBy(() -> ConfigLoader.parseDeployment("deployment:\n  log_retention_days: 10\n"))
                .hasMessageStartingWith("config deployment.log_retention_days: must be one of CloudWatch's");
        assertThatThrownBy(() -> ConfigLoader.parseDeployment("deployment:\n  store_hash: ABC/1\n"))
                .hasMessageStartingWith("config deployment.store_hash: must be the store hash");
        assertThatThrownBy(() -> ConfigLoader.parseDeployment("deployment:\n  schedules:\n    stock_sync: 5\n"))
                .hasMessageStartingWith("config deployment.schedules.stock_sync: unknown field")
                .hasMessageContaining("stock_sync_minutes");
    }

    @Test
    void the_example_file_documents_every_deployment_key() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        JsonNode example = yaml.readTree(Path.of("..", "..", "config", "connector.example.yaml").toFile());
        JsonNode defaults = yaml.valueToTree(DeploymentSettings.defaults());

        List<String> undocumented = new ArrayList<>();
        missingKeys(defaults, example.get("deployment"), "deployment", undocumented);
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
    void the_back_office_pace_defaults_to_half_the_licence_which_a_pace_set_may_not_exceed() {
        assertThat(ConfigLoader.parse("reliability:\n  back_office_licence_per_minute: 300\n").reliability()
                .backOfficePace()).isEqualTo(150);
        assertThat(ConfigLoader.parse("reliability:\n  back_office_licence_per_minute: 300\n"
                + "  back_office_requests_per_minute: 200\n").reliability().backOfficePace()).isEqualTo(200);
        assertThat(ConfigLoader.defaults().reliability().backOfficePace()).as("licence unknown: not paced").isZero();
        assertThatThrownBy(() -> ConfigLoader.parse("reliability:\n  back_office_licence_per_minute: 100\n"
                + "  back_office_requests_per_minute: 150\n"))
                .hasMessage("config reliability.back_office_requests_per_minute: must not exceed "
                        + "back_office_licence_per_minute (100), was 150");
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
    void a_location_another_system_owns_is_read_and_a_warehouse_mapped_to_it_is_refused_naming_it() {
        ConnectorConfig config = ConfigLoader.parse("""
                stock:
                  locations:
                    MAIN: 1
                  owned_elsewhere:
                    2: pos
                """);
        assertThat(config.stock().ownedElsewhere()).containsOnly(Map.entry(2L, "pos"));
        assertThat(config.stock().targetLocations()).containsExactly(1L);
        assertThat(ConfigLoader.parse("stock: {}\n").stock().ownedElsewhere()).isEmpty();

        assertThatThrownBy(() -> ConfigLoader.parse("stock:\n  locations: {MAIN: 1, SHOP: 2}\n"
                + "  owned_elsewhere: {2: pos}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config stock.locations.SHOP: location 2 is owned by pos");
        assertThatThrownBy(() -> ConfigLoader.parse("stock:\n  owned_elsewhere: {1: pos}\n"))
                .hasMessageStartingWith("config stock.location: location 1 is owned by pos");
        assertThatThrownBy(() -> ConfigLoader.parse("stock:\n  locations: {MAIN: 1}\n  owned_elsewhere: {0: pos}\n"))
                .hasMessageStartingWith("config stock.owned_elsewhere.0:");
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

    @Test
    void back_offices_default_to_one_acumatica_and_flows_left_out_go_to_the_first_system() {
        assertThat(ConfigLoader.defaults().backOffices().takingOrders()).containsExactly("acumatica");

        ConnectorConfig two = ConfigLoader.parse("""
                back_offices:
                  systems:
                    erp: acumatica
                    wms: extensiv
                  flows:
                    orders: [erp, wms]
                    stock: wms
                """);

        assertThat(two.backOffices().systems()).containsExactly(Map.entry("erp", "acumatica"),
                Map.entry("wms", "extensiv"));
        assertThat(two.backOffices().takingOrders()).containsExactly("erp", "wms");
        assertThat(two.backOffices().stockFrom()).isEqualTo("wms");
        assertThat(two.backOffices().catalogFrom()).isEqualTo("erp");
        assertThat(two.backOffices().fulfilmentFrom()).isEqualTo("erp");
    }

    @Test
    void a_flow_naming_an_undeclared_back_office_is_refused_naming_the_flow() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                back_offices:
                  systems:
                    erp: acumatica
                  flows:
                    fulfilment: wms
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("back_offices.flows.fulfilment")
                .hasMessageContaining("'wms', which back_offices.systems does not declare (declared: [erp])");
        assertThatThrownBy(() -> ConfigLoader.parse("back_offices:\n  systems:\n    My-ERP: acumatica\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("back_offices.systems.My-ERP");
    }

    @Test
    void selling_units_are_read_per_store_sku_and_a_bad_entry_names_the_sku_and_field() {
        ConnectorConfig config = ConfigLoader.parse("""
                units:
                  WIDGET-6: {unit: EA, quantity: 6, base_units: 6}
                  WATER-CASE: {unit: CASE, quantity: 1, base_units: 24}
                """);
        assertThat(config.units()).containsOnlyKeys("WIDGET-6", "WATER-CASE");
        assertThat(config.units().get("WATER-CASE").baseUnits()).isEqualByComparingTo("24");

        assertThatThrownBy(() -> ConfigLoader.parse("units:\n  WIDGET-6: {unit: EA, quantity: 0, base_units: 6}\n"))
                .isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).field()).isEqualTo("units.WIDGET-6.quantity");
        assertThatThrownBy(() -> ConfigLoader.parse("units:\n  WIDGET-6: {quantity: 6, base_units: 6}\n"))
                .isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).field()).isEqualTo("units.WIDGET-6.unit");
        assertThatThrownBy(() -> ConfigLoader.parse("units:\n  WIDGET-6: {unit: EA, quantity: 6}\n"))
                .isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).field()).isEqualTo("units.WIDGET-6.base_units");
    }
}
