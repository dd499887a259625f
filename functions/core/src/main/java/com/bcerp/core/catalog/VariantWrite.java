package com.bcerp.core.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A variant to create ({@code variantId} null: it needs its product, key and option values) or to update.
 *
 * @param optionValues the option value ids that make it up (only for a create)
 * @param untouched    fields an update leaves out (another system owns them); a create sends every field
 */
public record VariantWrite(Long variantId, long productId, String key, VariantFields fields,
        List<OptionValueRef> optionValues, Set<CatalogField> untouched) {

    public VariantWrite(Long variantId, long productId, String key, VariantFields fields,
            List<OptionValueRef> optionValues) {
        this(variantId, productId, key, fields, optionValues, Set.of());
    }

    /** One option value of a variant: the option's id and the value's id. */
    public record OptionValueRef(long optionId, long valueId) {}

    public VariantWrite {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fields, "fields");
        optionValues = optionValues == null ? List.of() : List.copyOf(optionValues);
        untouched = untouched == null ? Set.of() : Set.copyOf(untouched);
    }

    public boolean isCreate() {
        return variantId == null;
    }
}
