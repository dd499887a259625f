package com.bcerp.acumatica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.fakes.InMemorySecrets;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A branch whose tax zone applies other taxes than the store's: Acumatica would replace the store's taxes with its
 * own calculation. With the zone configured the order names it, and posts only when the zone applies its taxes.
 */
class AcumaticaTaxZoneIT {

    private AcumaticaSandbox sandbox;
    private AcumaticaConnection connection;
    private String customerId;

    @BeforeEach
    void start() {
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults());
        sandbox.taxZones().branchZone("NY"); // NYSTATETAX only; the store's tax posts under BCTAX
        connection = AcumaticaConnection.create(Fixtures.settingsFor(sandbox),
                new InMemorySecrets().with(Fixtures.SECRET, Fixtures.secretFor(sandbox)));
        customerId = new AcumaticaBackOffice(connection).createCustomer(Fixtures.customer("zone@example.com"));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private SalesOrderDraft order(String ref) {
        return Fixtures.order(customerId, ref, List.of(Fixtures.line(1, "SKU-0100", "3", "16.6583", "2.50")));
    }

    private JsonNode posted(String ref) throws Exception {
        JsonNode rows = new ObjectMapper().readTree(new SandboxReader(sandbox).get(
                "SalesOrder?$expand=TaxDetails,FinancialSettings&$filter=ExternalRef%20eq%20'" + ref + "'"));
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @Test
    void without_a_configured_zone_the_branch_zone_recalculates_the_store_taxes_which_is_what_this_guards_against()
            throws Exception {
        new AcumaticaBackOffice(connection).createSalesOrder(order("BC-zone-1"));

        JsonNode order = posted("BC-zone-1");
        assertThat(order.path("TaxDetails")).extracting(t -> t.path("TaxID").path("value").asText())
                .containsExactly("NYSTATETAX");
        assertThat(order.path("TaxTotal").path("value").decimalValue()).isNotEqualByComparingTo("6.51");
    }

    @Test
    void the_configured_zone_is_named_on_the_order_and_the_store_taxes_stand() throws Exception {
        AcumaticaBackOffice erp = new AcumaticaBackOffice(connection,
                new AcumaticaTaxZones("ECOMMERCE", Map.of("EUR", "EU")));

        erp.createSalesOrder(order("BC-zone-2"));

        JsonNode order = posted("BC-zone-2");
        assertThat(order.path("FinancialSettings").path("CustomerTaxZone").path("value").asText()).isEqualTo("ECOMMERCE");
        assertThat(order.path("TaxDetails")).extracting(t -> t.path("TaxID").path("value").asText())
                .containsExactly("BCTAX");
        assertThat(order.path("TaxTotal").path("value").decimalValue()).isEqualByComparingTo("6.51");
    }

    @Test
    void an_order_whose_tax_the_zone_does_not_apply_parks_naming_the_tax_and_the_zone_and_nothing_is_posted() {
        AcumaticaBackOffice erp = new AcumaticaBackOffice(connection, new AcumaticaTaxZones("NY", Map.of()));

        assertThatThrownBy(() -> erp.createSalesOrder(order("BC-zone-3")))
                .isInstanceOfSatisfying(PermanentFailure.class, f -> assertThat(f.field()).isEqualTo("TaxDetails[0].TaxID"))
                .hasMessageContaining("tax BCTAX is not one of tax zone NY's taxes [NYSTATETAX]");
        assertThatThrownBy(() -> new AcumaticaBackOffice(connection, new AcumaticaTaxZones("NOWHERE", Map.of()))
                .createSalesOrder(order("BC-zone-4")))
                .isInstanceOfSatisfying(PermanentFailure.class,
                        f -> assertThat(f.field()).isEqualTo("FinancialSettings.CustomerTaxZone"))
                .hasMessageContaining("Acumatica has no tax zone NOWHERE");
        assertThat(sandbox.salesOrders()).isEmpty();
    }

    @Test
    void a_zone_per_currency_wins_over_the_zone_for_all_and_a_bad_list_is_refused_naming_the_variable() {
        AcumaticaTaxZones zones = AcumaticaTaxZones.parse("ECOMMERCE", "eur:EU, GBP:UK", "ACUMATICA_TAX_ZONES_BY_CURRENCY");

        assertThat(zones.zoneFor("EUR")).contains("EU");
        assertThat(zones.zoneFor("USD")).contains("ECOMMERCE");
        assertThat(AcumaticaTaxZones.parse("", null, "X").zoneFor("USD")).isEmpty();
        assertThatThrownBy(() -> AcumaticaTaxZones.parse(null, "EUR=EU", "ACUMATICA_TAX_ZONES_BY_CURRENCY"))
                .hasMessageContaining("ACUMATICA_TAX_ZONES_BY_CURRENCY").hasMessageContaining("'EUR=EU'");
    }
}
