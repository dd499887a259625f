package com.bcerp.acumatica;

import com.bcerp.http.JsonSupport;
import com.bcerp.core.port.PriceSource;
import com.bcerp.core.pricelist.BackOfficePrice;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Customer price classes' prices behind {@link PriceSource}, from the Sales Prices inquiry (AR202000,
 * {@code SalesPricesInquiry} on the Default endpoint): one {@code PUT} with the filter PriceType "Customer Price
 * Class", PriceCode = the class and EffectiveAsOf = today, {@code $expand=SalesPriceDetails}. Rows with a break
 * quantity (tiered prices) are left out; where an item has several rows in one currency (prices per unit of
 * measure), the one effective latest is taken.
 */
public final class AcumaticaPrices implements PriceSource {

    static final String CUSTOMER_PRICE_CLASS = "Customer Price Class";

    private final AcumaticaApi api;
    private final Clock clock;

    public AcumaticaPrices(AcumaticaConnection connection, Clock clock) {
        this.api = connection.api();
        this.clock = clock;
    }

    @Override
    public List<BackOfficePrice> prices(String priceClass) {
        ObjectNode filter = JsonSupport.MAPPER.createObjectNode();
        filter.putObject("PriceType").put("value", CUSTOMER_PRICE_CLASS);
        filter.putObject("PriceCode").put("value", priceClass);
        filter.putObject("EffectiveAsOf").put("value", LocalDate.now(clock.withZone(ZoneOffset.UTC)) + "T00:00:00+00:00");
        JsonNode answer = Records.one(api.put("SalesPricesInquiry", Map.of("$expand", "SalesPriceDetails"), filter, true),
                "sales prices of customer price class " + priceClass);
        Map<String, JsonNode> chosen = new LinkedHashMap<>();
        for (JsonNode row : answer.path("SalesPriceDetails")) {
            BigDecimal breakQty = Records.decimal(row, "BreakQty");
            if (breakQty != null && breakQty.signum() > 0) {
                continue;
            }
            String key = Records.text(row, "InventoryID") + "\u0000" + Records.text(row, "CurrencyID");
            JsonNode had = chosen.get(key);
            if (had == null || effective(row).isAfter(effective(had))) {
                chosen.put(key, row);
            }
        }
        List<BackOfficePrice> out = new ArrayList<>();
        for (JsonNode row : chosen.values()) {
            String currency = Records.text(row, "CurrencyID");
            out.add(new BackOfficePrice(Records.text(row, "InventoryID"),
                    currency == null ? null : currency.toUpperCase(Locale.ROOT), Records.decimal(row, "Price")));
        }
        return out;
    }

    private static Instant effective(JsonNode row) {
        return Records.instant(row, "EffectiveDate").orElse(Instant.EPOCH);
    }
}
