package com.bcerp.core.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A variant to create ({@code variantId} null: it needs its product, key and option values) or to update.
 *
 * @param optionValues the option value ids that make it up (only for a create)
 */
public record VariantWrite(Long variantId, long productId, String key, VariantFields fields,
        List<OptionValueRef> optionValues) {

    /** One option value of a variant: the option's id and the value's id. */
    public record OptionValueRef(long optionId, long valueId) {}

    public VariantWrite {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fields, "fields");
        optionValues = optionValues == null ? List.of() : List.copyOf(optionValues);
    }

    public boolean isCreate() {
        return variantId == null;
    }
}
