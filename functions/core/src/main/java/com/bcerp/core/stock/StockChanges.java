package com.bcerp.core.stock;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What the back office changed since a cursor: the items whose stock may differ now (their records, their
 * warehouse records, their quantities, or their kit specification changed), and the newest modification time seen,
 * which becomes the next cursor once the change is in the store.
 */
public record StockChanges(Set<String> skus, Optional<Instant> newest) {

    public StockChanges {
        skus = Set.copyOf(skus);
        newest = newest == null ? Optional.empty() : newest;
    }
}
