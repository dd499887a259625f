package com.bcerp.acumatica;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.fakes.InMemorySecrets;
import com.bcerp.core.pricelist.BackOfficePrice;
import com.bcerp.http.JsonSupport;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.bcerp.sandbox.acumatica.AcumaticaSpec;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A customer price class's prices read from the Sales Prices inquiry: only the class's, effective today, one per item
 * and currency, quantity breaks left out; every exchange conforms to Default/24.200.001.
 */
class AcumaticaPricesIT {

    AcumaticaSandbox sandbox;
    AcumaticaConnection connection;

    @BeforeEach
    void start() {
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults());
        connection = AcumaticaConnection.create(Fixtures.settingsFor(sandbox),
                new InMemorySecrets().with(Fixtures.SECRET, Fixtures.secretFor(sandbox)));
    }

    @AfterEach
    void stop() {
        connection.signOut();
        sandbox.close();
    }

    /** The price manager's worksheet, released: rows of price code, item, currency, break quantity and price. */
    private void release(Object... rows) {
        ObjectNode sheet = JsonSupport.MAPPER.createObjectNode();
        sheet.putObject("Hold").put("value", false);
        ArrayNode lines = sheet.putArray("SalesPrices");
        for (int i = 0; i + 4 < rows.length; i += 5) {
            ObjectNode line = lines.addObject();
            line.putObject("PriceType").put("value", "Customer Price Class");
            line.putObject("PriceCode").put("value", (String) rows[i]);
            line.putObject("InventoryID").put("value", (String) rows[i + 1]);
            line.putObject("CurrencyID").put("value", (String) rows[i + 2]);
            line.putObject("BreakQty").put("value", new BigDecimal(rows[i + 3].toString()));
            line.putObject("PendingPrice").put("value", new BigDecimal(rows[i + 4].toString()));
        }
        var put = connection.api().put("SalesPriceWorksheet", Map.of(), sheet, false);
        assertThat(put.status()).isEqualTo(200);
        ObjectNode keys = JsonSupport.MAPPER.createObjectNode();
        keys.putObject("entity").set("ReferenceNbr", put.json().path("ReferenceNbr"));
        assertThat(connection.api().action("SalesPriceWorksheet/ReleaseSalesPriceWorksheet", keys).status()).isEqualTo(204);
    }

    @Test
    void theClassesPricesEffectiveTodayOnePerItemAndCurrency() {
        release("WHOLESALE", "SKU-0100", "USD", 0, "8.50", "WHOLESALE", "SKU-0100", "EUR", 0, "7.90",
                "WHOLESALE", "SKU-0100", "USD", 10, "8.00", "WHOLESALE", "TEE-200-RED-S", "USD", 0, "14.20",
                "RETAIL", "SKU-0101", "USD", 0, "11.00");
        sandbox.calls().reset();

        var prices = new AcumaticaPrices(connection, Clock.systemUTC()).prices("WHOLESALE");

        assertThat(prices).extracting(p -> p.itemId() + "/" + p.currency() + "=" + p.price().stripTrailingZeros()
                .toPlainString()).containsExactlyInAnyOrder("SKU-0100/USD=8.5", "SKU-0100/EUR=7.9", "TEE-200-RED-S/USD=14.2");
        assertThat(prices).extracting(BackOfficePrice::itemId).doesNotContain("SKU-0101");
        assertThat(sandbox.calls().exchanges()).hasSize(1).allSatisfy(AcumaticaSpec.load()::assertConforms);
    }
}
