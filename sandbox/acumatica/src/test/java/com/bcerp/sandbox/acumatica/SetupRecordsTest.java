package com.bcerp.sandbox.acumatica;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The setup records (Tax, PaymentMethod with its allowed cash accounts, ShipVia, CustomerClass, CustomerPriceClass,
 * the CompaniesStructure inquiry) are listed as a client reads them, agree with what the documents accept, and every
 * exchange conforms to the vendor's OpenAPI file.
 */
class SetupRecordsTest {

    private static AcumaticaSpec spec;
    private static AcumaticaSandbox sandbox;
    private static SandboxHttp http;

    @BeforeAll
    static void start() {
        spec = AcumaticaSpec.load();
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static List<String> ids(SandboxHttp.Response response, String key) throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        SandboxHttp.JSON.readTree(response.body()).forEach(r -> ids.add(r.path(key).path("value").asText()));
        return ids;
    }

    @Test
    void listsTheCodesTheExampleAndDemoConfigsMapAndConforms() throws Exception {
        sandbox.calls().reset();
        assertThat(ids(http.get("Tax", "$select", "TaxID"), "TaxID"))
                .containsExactlyInAnyOrderElementsOf(AcumaticaSandbox.TAX_IDS).contains("BCTAX", "STDTAX", "EXEMPT");
        assertThat(ids(http.get("ShipVia", "$select", "CarrierID", "$top", "1000", "$skip", "0"), "CarrierID"))
                .contains("FLATRATE", "UPSGROUND", "FEDEX2DAY", "USPS", "DHL");
        assertThat(ids(http.get("CustomerClass", "$select", "ClassID"), "ClassID"))
                .containsExactlyInAnyOrderElementsOf(AcumaticaSandbox.CUSTOMER_CLASSES).contains("WEB", "RETAIL");
        assertThat(ids(http.get("CustomerPriceClass", "$select", "PriceClassID"), "PriceClassID")).contains("RETAIL");

        SandboxHttp.Response methods = http.get("PaymentMethod", "$filter", "Active eq true", "$expand",
                "AllowedCashAccounts");
        assertThat(ids(methods, "PaymentMethodID")).contains("CREDITCARD", "CARD", "CARD-EUR", "GIFTCERT", "STORECREDIT");
        JsonNode cardEur = find(SandboxHttp.JSON.readTree(methods.body()), "PaymentMethodID", "CARD-EUR");
        assertThat(cardEur.path("UseInAR").path("value").asBoolean()).isTrue();
        assertThat(cardEur.path("AllowedCashAccounts")).extracting(a -> a.path("CashAccount").path("value").asText())
                .containsExactly("10210");
        // a detail collection comes only when expanded, as on a live instance
        JsonNode plain = find(SandboxHttp.JSON.readTree(http.get("PaymentMethod").body()), "PaymentMethodID", "CARD");
        assertThat(plain.has("AllowedCashAccounts")).isFalse();

        SandboxHttp.Response companies = http.put("CompaniesStructure", "{}", "$expand", "Results");
        assertThat(companies.status()).as(companies.body()).isEqualTo(200);
        List<String> branches = new ArrayList<>();
        SandboxHttp.JSON.readTree(companies.body()).path("Results").forEach(r -> {
            assertThat(r.path("BranchStatus").path("value").asBoolean()).isTrue();
            branches.add(r.path("BranchID").path("value").asText());
        });
        assertThat(branches).contains("US-WEST", "EU", "HQ");

        assertThat(sandbox.calls().exchanges()).isNotEmpty().allSatisfy(spec::assertConforms);
    }

    @Test
    void aPaymentTakesOnlyAListedMethodAndCashAccount() throws Exception {
        String customer = http.put("Customer", Bodies.customer("Ada Lovelace", "ada@example.com")).json()
                .get("CustomerID").get("value").asText();
        SandboxHttp.Response listed = http.put("Payment", Bodies.entity("Type", "Payment", "CustomerID", customer,
                "PaymentMethod", "CARD-EUR", "CashAccount", "10210", "PaymentAmount", 5.0, "Hold", true));
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        SandboxHttp.Response unlisted = http.put("Payment", Bodies.entity("Type", "Payment", "CustomerID", customer,
                "PaymentMethod", "BITCOIN", "CashAccount", "99999", "PaymentAmount", 5.0, "Hold", true));
        assertThat(unlisted.status()).isEqualTo(422);
        assertThat(ids(http.get("PaymentMethod"), "PaymentMethodID")).doesNotContain("BITCOIN");
    }

    private static JsonNode find(JsonNode rows, String key, String value) {
        for (JsonNode row : rows) {
            if (value.equals(row.path(key).path("value").asText())) {
                return row;
            }
        }
        throw new AssertionError(value + " not in " + rows);
    }
}
