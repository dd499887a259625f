package com.bcerp.core.port;

import com.bcerp.core.catalog.CatalogField;
import com.bcerp.core.catalog.CatalogProduct;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** The back office's product catalogue, read-only (Acumatica: stock items and template items with their attributes). */
public interface CatalogSource {

    /**
     * Every product changed after {@code since} (every product when empty), page by page; a variant's change brings
     * its whole product. Returns the newest modification time seen, for the next cursor.
     */
    Optional<Instant> forEachProduct(Optional<Instant> since, Consumer<List<CatalogProduct>> page);

    /**
     * Whether the back office keeps a modification time on its products, so {@link #forEachProduct} can bring only
     * what changed; false (Uniconta): every read is a full one, and core compares every product with the store's.
     */
    default boolean tellsChanges() {
        return true;
    }

    /** Store fields the back office keeps nothing for (Uniconta: no description): left as the store has them. */
    default Set<CatalogField> fieldsNotKept() {
        return Set.of();
    }
}
