package com.bcerp.core.catalog;

import com.bcerp.core.model.Money;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The product fields the back office owns and the store shows.
 *
 * @param salePrice null when the back office does not manage it (the store's own stays); zero clears it
 * @param weight    in the store's weight unit
 */
public record ProductFields(String name, String description, Money price, Money cost, Money salePrice,
        BigDecimal weight) {

    public ProductFields {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        Objects.requireNonNull(price, "price");
        weight = weight == null ? BigDecimal.ZERO : weight;
    }
}
