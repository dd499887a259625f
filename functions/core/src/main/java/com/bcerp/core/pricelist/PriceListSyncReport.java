package com.bcerp.core.pricelist;

/**
 * What one price-list run did, over every mapping.
 *
 * @param lists     store price lists compared
 * @param read      back-office prices read
 * @param written   records created or changed in the store
 * @param deleted   store records removed because the back office no longer prices them
 * @param unchanged records already right
 * @param unmatched back-office prices whose item is no store variant's SKU (left out; the SKUs are logged)
 * @param refused   prices not sent: bad back-office values, or records the store refused (parked with the reason)
 * @param batches   upsert and delete requests sent
 * @param groupsAssigned customer groups given their price list by this run (already assigned: not counted)
 */
public record PriceListSyncReport(long lists, long read, long written, long deleted, long unchanged, long unmatched,
        long refused, long batches, long groupsAssigned) {}
