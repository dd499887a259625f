package com.bcerp.core.stock;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Which back-office figure the store's available-to-sell starts from (Acumatica's Availability Mode). The config
 * file writes them in lower case ({@code on_hand}, {@code available}, {@code available_for_shipment}).
 */
public enum AvailabilityRule {
    /** Everything in the warehouse, including what open orders have already claimed. */
    ON_HAND,
    /** On hand minus what the back office reserves for orders (its availability calculation rules). */
    AVAILABLE,
    /** On hand minus what is allocated to, or being picked for, shipments. */
    AVAILABLE_FOR_SHIPMENT;

    BigDecimal pick(WarehouseStock stock) {
        return switch (this) {
            case ON_HAND -> stock.onHand();
            case AVAILABLE -> stock.available();
            case AVAILABLE_FOR_SHIPMENT -> stock.availableForShipment();
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
