package com.bcerp.core.fakes;

import com.bcerp.core.catalog.CatalogProduct;
import com.bcerp.core.port.CatalogSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/** A back office's catalogue in memory, each product stamped with the clock when it is put. */
public final class InMemoryCatalogSource implements CatalogSource {

    private final Clock clock;
    private final Map<String, CatalogProduct> products = new TreeMap<>();
    private final Map<String, Instant> modified = new TreeMap<>();

    public InMemoryCatalogSource(Clock clock) {
        this.clock = clock;
    }

    public InMemoryCatalogSource put(CatalogProduct product) {
        products.put(product.sku(), product);
        modified.put(product.sku(), clock.instant());
        return this;
    }

    @Override
    public Optional<Instant> forEachProduct(Optional<Instant> since, Consumer<List<CatalogProduct>> page) {
        List<CatalogProduct> buffer = new ArrayList<>();
        Optional<Instant> newest = Optional.empty();
        for (Map.Entry<String, CatalogProduct> e : products.entrySet()) {
            Instant at = modified.get(e.getKey());
            if (since.isPresent() && !at.isAfter(since.get())) {
                continue;
            }
            newest = newest.isEmpty() || at.isAfter(newest.get()) ? Optional.of(at) : newest;
            buffer.add(e.getValue());
            if (buffer.size() == 100) {
                page.accept(List.copyOf(buffer));
                buffer.clear();
            }
        }
        if (!buffer.isEmpty()) {
            page.accept(buffer);
        }
        return newest;
    }
}
