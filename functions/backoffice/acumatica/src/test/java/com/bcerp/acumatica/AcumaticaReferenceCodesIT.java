package com.bcerp.acumatica;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.fakes.InMemorySecrets;
import com.bcerp.core.port.ReferenceCodes;
import com.bcerp.core.port.ReferenceCodes.Kind;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.bcerp.sandbox.acumatica.AcumaticaSpec;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The codes Acumatica keeps, read through the Default endpoint as the pre-flight check reads them; every request and
 * answer conforms to the vendor's OpenAPI file.
 */
class AcumaticaReferenceCodesIT {

    private AcumaticaSandbox sandbox;
    private AcumaticaConnection connection;

    @BeforeEach
    void start() {
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults());
        connection = AcumaticaConnection.create(Fixtures.settingsFor(sandbox).withCustomerClass("RETAIL"),
                new InMemorySecrets().with(Fixtures.SECRET, Fixtures.secretFor(sandbox)));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static java.util.Set<String> listed(ReferenceCodes codes, Kind kind) {
        return ((ReferenceCodes.Listed) codes.codes(kind)).codes();
    }

    @Test
    void lists_each_kind_from_its_entity_and_says_order_types_cannot_be_read() {
        ReferenceCodes codes = AcumaticaType.backOffice("acumatica", connection, AcumaticaTaxZones.NONE, 1, "USD", null,
                false).codes().orElseThrow();

        assertThat(listed(codes, Kind.TAX_ID)).isEqualTo(AcumaticaSandbox.TAX_IDS);
        assertThat(listed(codes, Kind.SHIP_VIA)).contains("FLATRATE", "UPSGROUND", "DHL").doesNotContain("CARD");
        assertThat(listed(codes, Kind.PAYMENT_METHOD)).contains("CREDITCARD", "CARD", "CARD-EUR", "GIFTCERT")
                .doesNotContain("10200");
        assertThat(listed(codes, Kind.CASH_ACCOUNT)).contains("10200", "10210", "24000").doesNotContain("CARD");
        assertThat(listed(codes, Kind.CUSTOMER_CLASS)).isEqualTo(AcumaticaSandbox.CUSTOMER_CLASSES);
        assertThat(listed(codes, Kind.PRICE_CLASS)).contains("RETAIL");
        assertThat(listed(codes, Kind.BRANCH)).contains("US-WEST", "EU", "HQ");
        assertThat(listed(codes, Kind.TAX_ZONE)).contains("ECOMMERCE", "EU");
        assertThat(codes.codes(Kind.ORDER_TYPE)).isInstanceOf(ReferenceCodes.Unreadable.class);
        // every read is a GET, or the inquiry's PUT, which stores nothing; each conforms to Default/24.200.001
        assertThat(sandbox.salesOrders()).isEmpty();
        assertThat(sandbox.customers()).isEmpty();
        assertThat(sandbox.calls().exchanges()).extracting(e -> e.method() + " " + e.path().replaceAll(".*/24.200.001/", "/"))
                .contains("GET /Tax", "GET /ShipVia", "GET /PaymentMethod", "GET /CustomerClass",
                        "GET /CustomerPriceClass", "PUT /CompaniesStructure", "GET /TaxZone");
        AcumaticaSpec spec = AcumaticaSpec.load();
        assertThat(sandbox.calls().exchanges()).allSatisfy(spec::assertConforms);
    }

    @Test
    void names_the_codes_of_its_own_settings() {
        ReferenceCodes codes = AcumaticaType.backOffice("acumatica", connection,
                new AcumaticaTaxZones("ECOMMERCE", Map.of("EUR", "EU")), 1, "USD", null, false).codes().orElseThrow();

        assertThat(codes.settings()).containsExactly(
                new ReferenceCodes.Setting("order_type", Kind.ORDER_TYPE, "SO"),
                new ReferenceCodes.Setting("credit_order_type", Kind.ORDER_TYPE, "CM"),
                new ReferenceCodes.Setting("return_order_type", Kind.ORDER_TYPE, "RC"),
                new ReferenceCodes.Setting("customer_class", Kind.CUSTOMER_CLASS, "RETAIL"),
                new ReferenceCodes.Setting("tax_zone", Kind.TAX_ZONE, "ECOMMERCE"),
                new ReferenceCodes.Setting("tax_zones_by_currency", Kind.TAX_ZONE, "EU"));
    }
}
