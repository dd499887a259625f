package com.bcerp.core.catalog;

import com.bcerp.core.model.Money;
import java.math.BigDecimal;
import java.util.Objects;

/** The variant fields the back office owns; {@code salePrice} null leaves the store's alone. */
public record VariantFields(Money price, Money cost, Money salePrice, BigDecimal weight) {

    public VariantFields {
        Objects.requireNonNull(price, "price");
        weight = weight == null ? BigDecimal.ZERO : weight;
    }
}
