package com.bcerp.core.catalog;

import java.math.BigDecimal;
import java.util.List;

/**
 * A variant as the store has it.
 *
 * @param key          its match-key value (the back-office item id it carries)
 * @param price        null when it inherits the product's price
 * @param optionValues the option values that make it up
 */
public record StoreVariant(long id, String key, BigDecimal price, BigDecimal cost, BigDecimal salePrice,
        BigDecimal weight, List<OptionValue> optionValues) {

    /** One option value of a variant, e.g. option 12 "Color", value 57 "Red". */
    public record OptionValue(long optionId, String optionName, long valueId, String label) {}

    public StoreVariant {
        optionValues = optionValues == null ? List.of() : List.copyOf(optionValues);
    }
}
