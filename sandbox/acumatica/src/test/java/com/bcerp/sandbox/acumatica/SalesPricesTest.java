package com.bcerp.sandbox.acumatica;

import static com.bcerp.sandbox.acumatica.Bodies.entity;
import static com.bcerp.sandbox.acumatica.Bodies.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.sandbox.calls.CallLog;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sales prices enter through a worksheet and its release, and the Sales Prices inquiry lists those effective today
 * per price type and code; every exchange conforms to the vendor's OpenAPI file.
 */
class SalesPricesTest {

    private AcumaticaSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private SandboxHttp.Response worksheet(Object... lines) {
        List<com.fasterxml.jackson.databind.node.ObjectNode> rows = new ArrayList<>();
        for (int i = 0; i + 2 < lines.length; i += 3) {
            rows.add(entity("PriceType", "Customer Price Class", "PriceCode", lines[i], "InventoryID", lines[i + 1],
                    "CurrencyID", "USD", "PendingPrice", lines[i + 2]));
        }
        return http.put("SalesPriceWorksheet", entity("Description", "prices", "Hold", false, "SalesPrices",
                rows(rows.toArray(com.fasterxml.jackson.databind.node.ObjectNode[]::new))), "$expand", "SalesPrices");
    }

    private SandboxHttp.Response release(String referenceNbr) {
        return http.send(http.authorised("SalesPriceWorksheet/ReleaseSalesPriceWorksheet")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(entity("entity", entity("ReferenceNbr", referenceNbr)).toString())).build());
    }

    private JsonNode prices(String code) throws Exception {
        SandboxHttp.Response r = http.put("SalesPricesInquiry", entity("PriceType", "Customer Price Class", "PriceCode", code),
                "$expand", "SalesPriceDetails");
        assertThat(r.status()).isEqualTo(200);
        return SandboxHttp.JSON.readTree(r.body()).path("SalesPriceDetails");
    }

    private static String nbr(SandboxHttp.Response r) throws Exception {
        return SandboxHttp.JSON.readTree(r.body()).path("ReferenceNbr").path("value").asText();
    }

    @Test
    void a_released_worksheet_sets_the_prices_of_its_class_and_a_later_one_replaces_them() throws Exception {
        SandboxHttp.Response first = worksheet("WHOLESALE", "SKU-0100", 8.5, "WHOLESALE", "SKU-0101", 12, "RETAIL", "SKU-0100", 9.9);
        assertThat(first.status()).isEqualTo(200);
        assertThat(prices("WHOLESALE")).isEmpty(); // not released yet
        assertThat(release(nbr(first)).status()).isEqualTo(204);

        JsonNode wholesale = prices("WHOLESALE");
        assertThat(wholesale).hasSize(2);
        assertThat(wholesale.get(0).path("InventoryID").path("value").asText()).isEqualTo("SKU-0100");
        assertThat(wholesale.get(0).path("Price").path("value").decimalValue()).isEqualByComparingTo("8.5");
        assertThat(prices("RETAIL")).hasSize(1);

        assertThat(release(nbr(worksheet("WHOLESALE", "SKU-0100", 7.25))).status()).isEqualTo(204);
        JsonNode after = prices("WHOLESALE");
        assertThat(after).hasSize(2);
        assertThat(after.get(0).path("Price").path("value").decimalValue()).isEqualByComparingTo("7.25");
    }

    @Test
    void a_worksheet_names_the_field_at_fault_and_a_held_or_released_one_does_not_release() throws Exception {
        SandboxHttp.Response bad = worksheet("WHOLESALE", "NO-SUCH-ITEM", 1);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(SandboxHttp.JSON.readTree(bad.body()).path("SalesPrices").get(0).path("InventoryID").path("error").asText())
                .contains("cannot be found");

        SandboxHttp.Response held = http.put("SalesPriceWorksheet", entity("Hold", true, "SalesPrices", rows(entity(
                "PriceType", "Customer Price Class", "PriceCode", "WHOLESALE", "InventoryID", "SKU-0100",
                "PendingPrice", 3))));
        assertThat(release(nbr(held)).status()).isEqualTo(500);
        String open = nbr(worksheet("WHOLESALE", "SKU-0100", 3));
        assertThat(release(open).status()).isEqualTo(204);
        assertThat(release(open).status()).isEqualTo(500);
    }

    @Test
    void sales_price_exchanges_conform() throws Exception {
        AcumaticaSpec spec = AcumaticaSpec.load();
        sandbox.calls().reset();
        String nbr = nbr(worksheet("WHOLESALE", "SKU-0100", 8.5, "WHOLESALE", "SKU-0101", 12));
        release(nbr);
        http.get("SalesPriceWorksheet/" + nbr, "$expand", "SalesPrices");
        http.get("SalesPriceWorksheet");
        prices("WHOLESALE");

        assertThat(sandbox.calls().exchanges()).hasSize(5).extracting(CallLog.Exchange::status)
                .containsExactly(200, 204, 200, 200, 200);
        assertThat(sandbox.calls().exchanges()).allSatisfy(spec::assertConforms);
    }
}
