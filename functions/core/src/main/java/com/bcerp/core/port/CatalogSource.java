package com.bcerp.core.port;

import com.bcerp.core.catalog.CatalogProduct;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The back office's product catalogue, read-only (Acumatica: stock items and template items with their attributes). */
public interface CatalogSource {

    /**
     * Every product changed after {@code since} (every product when empty), page by page; a variant's change brings
     * its whole product. Returns the newest modification time seen, for the next cursor.
     */
    Optional<Instant> forEachProduct(Optional<Instant> since, Consumer<List<CatalogProduct>> page);
}
