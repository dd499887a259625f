package com.bcerp.core.stock;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One item's quantities in one back-office warehouse, in the item's base unit, as the back office reports them.
 *
 * @param safetyStock what the back office keeps back in this warehouse (Acumatica: the item-warehouse safety stock)
 */
public record WarehouseStock(String warehouse, BigDecimal onHand, BigDecimal available, BigDecimal availableForShipment,
        BigDecimal safetyStock) {

    public WarehouseStock {
        Objects.requireNonNull(warehouse, "warehouse");
        onHand = orZero(onHand);
        available = orZero(available);
        availableForShipment = orZero(availableForShipment);
        safetyStock = orZero(safetyStock);
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
