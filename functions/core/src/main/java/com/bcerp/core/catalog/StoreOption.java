package com.bcerp.core.catalog;

import java.util.List;
import java.util.Optional;

/** A variant option of a store product (e.g. Color) with its values. */
public record StoreOption(long id, String name, List<Value> values) {

    public record Value(long id, String label) {}

    public StoreOption {
        values = values == null ? List.of() : List.copyOf(values);
    }

    public Optional<Value> value(String label) {
        return values.stream().filter(v -> v.label().equalsIgnoreCase(label)).findFirst();
    }
}
