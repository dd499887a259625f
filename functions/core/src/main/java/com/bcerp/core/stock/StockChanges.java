package com.bcerp.core.stock;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What the back office changed since a cursor: the items whose stock may differ now (their records, their
 * warehouse records, their quantities, or their kit specification changed), and the newest modification time seen,
 * which becomes the next cursor once the change is in the store.
 *
 * @param everything     the back office cannot tell what changed (it keeps no modification times on its stock):
 *                       every item may have, so the run reads them all and pushes what differs from the snapshot
 * @param quantitiesFrom where the quantity changes were found, when the back office has more than one way (e.g.
 *                       {@code "inquiry+documents"} or {@code "documents"}); empty when it has one; the run reports it
 */
public record StockChanges(Set<String> skus, Optional<Instant> newest, boolean everything, String quantitiesFrom) {

    public StockChanges {
        skus = Set.copyOf(skus);
        newest = newest == null ? Optional.empty() : newest;
        quantitiesFrom = quantitiesFrom == null ? "" : quantitiesFrom;
    }

    public StockChanges(Set<String> skus, Optional<Instant> newest) {
        this(skus, newest, false, "");
    }

    public StockChanges(Set<String> skus, Optional<Instant> newest, String quantitiesFrom) {
        this(skus, newest, false, quantitiesFrom);
    }

    /** Every item may have changed: the back office has no way to say which. */
    public static StockChanges cannotTell() {
        return new StockChanges(Set.of(), Optional.empty(), true, "");
    }
}
