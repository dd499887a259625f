package com.bcerp.core.config;

import com.bcerp.core.catalog.CatalogSettings;
import com.bcerp.core.order.OrderMappingSettings;
import com.bcerp.core.stock.StockSettings;
import java.util.Objects;

/**
 * The merchant's configuration, one file for the whole connector (see {@code config/connector.example.yaml}). Each
 * section belongs to one flow; a section's record validates its own values and names the field it rejects.
 */
public record ConnectorConfig(OrderMappingSettings orders, StockSettings stock, CatalogSettings catalog) {

    public ConnectorConfig {
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(stock, "stock");
        Objects.requireNonNull(catalog, "catalog");
    }

    public static ConnectorConfig defaults() {
        return new ConnectorConfig(OrderMappingSettings.defaults(), StockSettings.defaults(), CatalogSettings.defaults());
    }
}
