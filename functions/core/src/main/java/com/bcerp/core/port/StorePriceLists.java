package com.bcerp.core.port;

import com.bcerp.core.pricelist.StoreCustomerGroup;
import com.bcerp.core.pricelist.StorePriceRecord;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store's price lists (BigCommerce Price Lists V3): records per variant and currency. Writes are all or nothing
 * and stay within the store's limits; a refusal is a {@link com.bcerp.core.failure.PermanentFailure} naming the field.
 */
public interface StorePriceLists {

    /** The most records one upsert may carry (BigCommerce: "up to 1,000 items per request"). */
    int MAX_RECORDS_PER_UPSERT = 1000;
    /** The most variants one delete names (ours: the ids go in the query string, which must stay short). */
    int MAX_VARIANTS_PER_DELETE = 100;

    /** The id of the store's price list of this name, created (active) when there is none. */
    long findOrCreate(String name);

    /** Every record of the list. */
    List<StorePriceRecord> records(long listId);

    /** The store's variant ids of these SKUs (SKUs no variant has are absent), matched without regard to case. */
    Map<String, Long> variantIds(Collection<String> skus);

    /** Creates or replaces up to {@link #MAX_RECORDS_PER_UPSERT} records. */
    void upsert(long listId, List<StorePriceRecord> records);

    /** The store's customer group of this name, if it has one. */
    Optional<StoreCustomerGroup> customerGroup(String name);

    /** Makes the list the group's one discount rule: its shoppers get the list's prices. */
    void assign(long groupId, long listId);

    /** Removes the records of up to {@link #MAX_VARIANTS_PER_DELETE} variants in one currency. */
    void delete(long listId, String currency, List<Long> variantIds);
}
