package com.bcerp.core.catalog;

/**
 * What one catalogue sync run did.
 *
 * @param mode             {@code changes}, {@code full}, or {@code skipped} (switched off, or another run held the lock)
 * @param read             back-office products read
 * @param skipped          products and variants left out by item sync enforcement (not for e-commerce, or not
 *                         stocked in a warehouse of the store's locations)
 * @param productWrites    product create and batch-update requests sent
 * @param variantWrites    variant batch-write requests sent
 * @param optionWrites     option and option-value create requests sent
 * @param parked           products the store refused (in the parked list with the reason)
 */
public record CatalogSyncReport(String mode, long read, long productsCreated, long productsUpdated,
        long variantsCreated, long variantsUpdated, long unchanged, long skipped, long productWrites,
        long variantWrites, long optionWrites, long parked, long elapsedMs) {

    static CatalogSyncReport skipped(long elapsedMs) {
        return new CatalogSyncReport("skipped", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, elapsedMs);
    }
}
