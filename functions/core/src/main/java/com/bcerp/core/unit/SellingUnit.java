package com.bcerp.core.unit;

import com.bcerp.core.config.InvalidConfig;
import java.math.BigDecimal;

/**
 * How one store SKU is sold against its back-office item ({@code units.<sku>} in the config file): a store unit may be a
 * pack or a case of the item.
 *
 * @param unit      the back-office unit of measure the store's lines post in (Acumatica: the line's {@code UOM}, which
 *                  must be one of the item's units)
 * @param quantity  how many of {@code unit} one store unit is: the back-office line's quantity is the store's times this
 * @param baseUnits how many of the item's base unit one store unit holds: the back office reports stock in base units,
 *                  and the store's figure is that divided by this, rounded down
 */
public record SellingUnit(String unit, BigDecimal quantity, BigDecimal baseUnits) {

    public SellingUnit {
        InvalidConfig.require(unit != null && !unit.isBlank(), "unit",
                "must name the back-office unit of measure the store's unit posts in");
        // both factors are required: either left to a default could silently post or show six times too much
        InvalidConfig.require(quantity != null && quantity.signum() > 0, "quantity",
                "must be more than 0 (how many of '" + unit + "' one store unit is), was " + quantity);
        InvalidConfig.require(baseUnits != null && baseUnits.signum() > 0, "base_units",
                "must be more than 0 (how many base units one store unit holds), was " + baseUnits);
    }
}
