package com.bcerp.core.config;

import com.bcerp.core.order.OrderMappingSettings;
import java.util.Objects;

/**
 * The merchant's configuration, one file for the whole connector (see {@code config/connector.example.yaml}). Each
 * section belongs to one flow; a section's record validates its own values and names the field it rejects.
 */
public record ConnectorConfig(OrderMappingSettings orders, ReliabilitySettings reliability,
        DeploymentSettings deployment) {

    public ConnectorConfig {
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(reliability, "reliability");
        Objects.requireNonNull(deployment, "deployment");
    }

    public static ConnectorConfig defaults() {
        return new ConnectorConfig(OrderMappingSettings.defaults(), ReliabilitySettings.defaults(),
                DeploymentSettings.defaults());
    }
}
