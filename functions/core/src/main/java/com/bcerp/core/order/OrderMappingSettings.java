package com.bcerp.core.order;

import java.math.BigDecimal;

/**
 * The merchant's choices for turning store orders into back-office sales orders.
 *
 * @param taxId             the back-office tax id the store's tax is posted under
 * @param handlingItem      non-stock item that carries the store's handling charge
 * @param wrappingItem      non-stock item that carries gift-wrapping charges
 * @param roundingItem      non-stock item that carries a rounding difference, so totals agree to the cent
 * @param roundingTolerance the largest difference treated as rounding; anything larger parks the order as a mismatch
 */
public record OrderMappingSettings(
        String taxId, String handlingItem, String wrappingItem, String roundingItem, BigDecimal roundingTolerance) {

    public static OrderMappingSettings defaults() {
        return new OrderMappingSettings("BCTAX", "HANDLING", "GIFTWRAP", "ROUNDING", new BigDecimal("0.05"));
    }
}
