package com.bcerp.core.order;

import java.math.BigDecimal;
import com.bcerp.core.config.InvalidConfig;
import java.util.Map;

/**
 * The merchant's choices for turning store orders into back-office sales orders.
 *
 * @param taxId             the back-office tax id the store's tax is posted under
 * @param handlingItem      non-stock item that carries the store's handling charge
 * @param wrappingItem      non-stock item that carries gift-wrapping charges
 * @param roundingItem      non-stock item that carries a rounding difference, so totals agree to the cent
 * @param roundingTolerance the largest difference treated as rounding; anything larger parks the order as a mismatch
 * @param unitPriceDecimals the decimals the back office keeps on unit prices (Acumatica: the company's price
 *                          precision); store prices are rounded to it and any difference goes to the rounding line
 * @param shipVia           store shipping method name to back-office ship-via code; an unmapped method is not sent
 * @param paymentMethods    store payment method name to back-office payment method; an unmapped one is not sent
 */
public record OrderMappingSettings(
        String taxId, String handlingItem, String wrappingItem, String roundingItem, BigDecimal roundingTolerance,
        int unitPriceDecimals, Map<String, String> shipVia, Map<String, String> paymentMethods) {

    public OrderMappingSettings {
        InvalidConfig.require(taxId != null && !taxId.isBlank(), "tax_id", "must name the back-office tax id");
        InvalidConfig.require(handlingItem != null && !handlingItem.isBlank(), "handling_item", "must name an item");
        InvalidConfig.require(wrappingItem != null && !wrappingItem.isBlank(), "wrapping_item", "must name an item");
        InvalidConfig.require(roundingItem != null && !roundingItem.isBlank(), "rounding_item", "must name an item");
        InvalidConfig.require(roundingTolerance != null && roundingTolerance.signum() >= 0
                && roundingTolerance.compareTo(BigDecimal.ONE) <= 0, "rounding_tolerance", "must be between 0 and 1");
        InvalidConfig.require(unitPriceDecimals >= 2 && unitPriceDecimals <= 6, "unit_price_decimals",
                "must be between 2 and 6, was " + unitPriceDecimals);
        shipVia = shipVia == null ? Map.of() : Map.copyOf(shipVia);
        paymentMethods = paymentMethods == null ? Map.of() : Map.copyOf(paymentMethods);
    }

    public static OrderMappingSettings defaults() {
        return new OrderMappingSettings("BCTAX", "HANDLING", "GIFTWRAP", "ROUNDING", new BigDecimal("0.05"), 4,
                Map.of(), Map.of());
    }
}
