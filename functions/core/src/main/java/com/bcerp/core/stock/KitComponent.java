package com.bcerp.core.stock;

import java.math.BigDecimal;
import java.util.Objects;

/** One stock component of a kit and how many of it one kit takes. */
public record KitComponent(String sku, BigDecimal quantity) {

    public KitComponent {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(quantity, "quantity");
    }
}
