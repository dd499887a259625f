package com.bcerp.handlers.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.aws.Environment;
import com.bcerp.core.backoffice.Capability;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.config.InvalidConfig;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.SecretSource;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackOfficeRegistryTest {

    private final BackOfficeRegistry.Shared shared = new BackOfficeRegistry.Shared(new SecretSource() {
        @Override
        public Map<String, String> get(String name) {
            return Map.of();
        }

        @Override
        public void put(String name, Map<String, String> value) {}
    }, null,
            ConnectorConfig.defaults(), Clock.systemUTC());

    @Test
    void a_type_the_registry_does_not_know_is_refused_naming_the_system_and_the_known_types() {
        assertThatThrownBy(() -> BackOfficeRegistry.standard().create("wms", "extensive", new Environment(Map.of()),
                shared)).isInstanceOf(InvalidConfig.class).hasMessageContaining("back_offices.systems.wms")
                .hasMessageContaining("unknown back-office type 'extensive'; known: " + BackOfficeRegistry.standard().types());
        assertThat(BackOfficeRegistry.standard().types()).contains("acumatica", "uniconta", "extensiv", "visma");
    }

    @Test
    void an_acumatica_named_erp_reads_its_own_prefixed_variables_and_offers_every_erp_capability() {
        Environment env = new Environment(Map.of("ERP_URL", "https://erp.example.com/ACME"));

        BackOffice erp = BackOfficeRegistry.standard().create("erp", "acumatica", env, shared);

        assertThat(erp.name()).isEqualTo("erp");
        assertThat(erp.capabilities()).contains(Capability.CUSTOMERS, Capability.SALES_ORDERS, Capability.PAYMENTS,
                Capability.INVENTORY, Capability.CATALOGUE, Capability.FULFILMENT, Capability.PRICE_LISTS);
        assertThat(new BackOfficeRegistry.Variables("erp", env).secretName()).isEqualTo("bc-erp-connector/erp");
        assertThatThrownBy(() -> BackOfficeRegistry.standard().create("erp", "acumatica",
                new Environment(Map.of("ACUMATICA_URL", "https://erp.example.com/ACME")), shared))
                .as("another back office's variables are not this one's").hasMessageContaining("ERP_URL");
    }

    @Test
    void a_uniconta_erp_is_built_from_its_own_variables_and_says_it_takes_no_payments() {
        Environment env = new Environment(Map.of("BOOKS_URL", "https://odata.uniconta.com", "BOOKS_COMPANY_ID", "123456"));

        BackOffice books = BackOfficeRegistry.standard().create("books", "uniconta", env, shared);

        assertThat(books.name()).isEqualTo("books");
        assertThat(books.capabilities()).contains(Capability.CUSTOMERS, Capability.SALES_ORDERS, Capability.INVENTORY,
                Capability.CATALOGUE, Capability.FULFILMENT).doesNotContain(Capability.PAYMENTS);
        assertThatThrownBy(() -> BackOfficeRegistry.standard().create("books", "uniconta",
                new Environment(Map.of("BOOKS_COMPANY_ID", "ACME")), shared)).hasMessageContaining("BOOKS_COMPANY_ID");
    }

    @Test
    void a_uniconta_sales_price_other_than_1_2_or_3_and_unusable_variant_names_are_refused_naming_the_variable() {
        assertThat(BackOfficeRegistry.standard().create("books", "uniconta", new Environment(Map.of("BOOKS_COMPANY_ID",
                "123456", "BOOKS_SALES_PRICE", "2", "BOOKS_VARIANT_NAMES", "Color,Size")), shared).has(Capability.CATALOGUE))
                .isTrue();
        assertThatThrownBy(() -> BackOfficeRegistry.standard().create("books", "uniconta", new Environment(Map.of(
                "BOOKS_COMPANY_ID", "123456", "BOOKS_SALES_PRICE", "4")), shared))
                .hasMessageContaining("BOOKS_SALES_PRICE").hasMessageContaining("1, 2 or 3").hasMessageContaining("'4'");
        assertThatThrownBy(() -> BackOfficeRegistry.standard().create("books", "uniconta", new Environment(Map.of(
                "BOOKS_COMPANY_ID", "123456", "BOOKS_VARIANT_NAMES", "Color,Color")), shared))
                .hasMessageContaining("BOOKS_VARIANT_NAMES");
    }

    @Test
    void a_visma_erp_offers_a_catalogue() {
        BackOffice visma = BackOfficeRegistry.standard().create("visma", "visma", new Environment(Map.of(
                "VISMA_TENANT_ID", "4f1c2b7e", "VISMA_BASE_CURRENCY", "NOK")), shared);

        assertThat(visma.capabilities()).contains(Capability.CATALOGUE, Capability.INVENTORY, Capability.FULFILMENT);
    }

    @Test
    void an_extensiv_warehouse_is_built_from_its_own_variables_and_config_asking_it_for_payments_is_refused() {
        Environment env = new Environment(Map.of("WMS_CUSTOMER_ID", "12", "WMS_FACILITY_ID", "3",
                "WMS_CARRIERS", "UPSGROUND=UPS/Ground"));

        BackOffice wms = BackOfficeRegistry.standard().create("wms", "extensiv", env, shared);

        assertThat(wms.name()).isEqualTo("wms");
        assertThat(wms.system()).isEqualTo("extensiv");
        assertThat(wms.capabilities()).containsExactlyInAnyOrder(Capability.SALES_ORDERS, Capability.INVENTORY,
                Capability.FULFILMENT);
        assertThat(wms.importStatuses()).contains(java.util.List.of(11));
        assertThat(wms.inventory().orElseThrow().warehouses()).containsExactly("3");
        assertThatThrownBy(() -> wms.require(Capability.PAYMENTS, "payments.enabled"))
                .isInstanceOf(InvalidConfig.class).hasMessageContaining("payments.enabled")
                .hasMessageContaining("'wms' (extensiv) has no payments");
        assertThatThrownBy(() -> wms.require(Capability.CUSTOMERS, "customers.match"))
                .hasMessageContaining("customers.match");
        assertThatThrownBy(() -> BackOfficeRegistry.standard().create("wms", "extensiv",
                new Environment(Map.of("WMS_CUSTOMER_ID", "12")), shared)).hasMessageContaining("WMS_FACILITY_ID");
        assertThatThrownBy(() -> BackOfficeRegistry.standard().create("wms", "extensiv",
                new Environment(Map.of("WMS_CUSTOMER_ID", "12", "WMS_FACILITY_ID", "3", "WMS_IMPORT_STATUSES", "11,x")),
                shared)).hasMessageContaining("WMS_IMPORT_STATUSES");
    }

    @Test
    void an_extensiv_facility_per_store_location_is_read_from_its_variable_and_a_bad_one_is_refused_naming_it() {
        BackOffice wms = BackOfficeRegistry.standard().create("wms", "extensiv", new Environment(Map.of(
                "WMS_CUSTOMER_ID", "12", "WMS_FACILITY_ID", "3", "WMS_LOCATION_FACILITIES", "1=3; 2=4")), shared);

        assertThat(wms.inventory().orElseThrow().warehouses()).containsExactly("3", "4");
        assertThat(wms.inventory().orElseThrow().warehouseLocations()).isEqualTo(Map.of("3", 1L, "4", 2L));
        for (String bad : java.util.List.of("1=x", "1:3", "1=3;1=4", "1=4;2=4")) {
            assertThatThrownBy(() -> BackOfficeRegistry.standard().create("wms", "extensiv", new Environment(Map.of(
                    "WMS_CUSTOMER_ID", "12", "WMS_FACILITY_ID", "3", "WMS_LOCATION_FACILITIES", bad)), shared))
                    .as(bad).hasMessageContaining("WMS_LOCATION_FACILITIES");
        }
    }

    @Test
    void a_visma_erp_is_built_from_its_own_variables_reads_its_warehouses_and_names_a_bad_variable() {
        Environment env = new Environment(Map.of("FINANCE_TENANT_ID", "4f1c2b7e-9a3d-4c5e-8b21-6d7f0e1a2b3c",
                "FINANCE_WAREHOUSES", "MAIN, OSLO", "FINANCE_ORDER_NUMBERING", "series"));

        BackOffice finance = BackOfficeRegistry.standard().create("finance", "visma", env, shared);

        assertThat(finance.name()).isEqualTo("finance");
        assertThat(finance.system()).isEqualTo("visma");
        assertThat(finance.capabilities()).contains(Capability.CUSTOMERS, Capability.SALES_ORDERS, Capability.INVENTORY,
                Capability.FULFILMENT).doesNotContain(Capability.PAYMENTS);
        assertThat(finance.inventory().orElseThrow().warehouses()).containsExactly("MAIN", "OSLO");
        assertThatThrownBy(() -> BackOfficeRegistry.standard().create("finance", "visma", new Environment(Map.of()),
                shared)).hasMessageContaining("FINANCE_TENANT_ID");
        assertThatThrownBy(() -> BackOfficeRegistry.standard().create("finance", "visma", new Environment(Map.of(
                "FINANCE_TENANT_ID", "t", "FINANCE_ORDER_NUMBERING", "random")), shared))
                .hasMessageContaining("FINANCE_ORDER_NUMBERING").hasMessageContaining("[derived, series]");
        assertThatThrownBy(() -> BackOfficeRegistry.standard().create("finance", "visma", new Environment(Map.of(
                "FINANCE_TENANT_ID", "t", "FINANCE_ORDER_NUMBER_PREFIX", "bc-store")), shared))
                .hasMessageContaining("FINANCE_ORDER_NUMBER_PREFIX");
    }
}
