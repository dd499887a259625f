package com.bcerp.core.fakes;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.port.StorePriceLists;
import com.bcerp.core.pricelist.StoreCustomerGroup;
import com.bcerp.core.pricelist.StorePriceRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** A store's price lists in memory: records by list, variant and currency; counts every request; holds the limits. */
public final class InMemoryStorePriceLists implements StorePriceLists {

    private final Map<String, Long> variantsBySku = new HashMap<>();
    private final Map<String, Long> lists = new LinkedHashMap<>();
    private final Map<Long, Map<String, StorePriceRecord>> records = new HashMap<>();
    private final Set<String> refusedSkus = new HashSet<>();
    private final Map<String, StoreCustomerGroup> groups = new HashMap<>();
    public int assignments;
    public int upserts;
    public int deletes;
    public int recordsWritten;
    public final List<Integer> batchSizes = new ArrayList<>();

    /** The store has a variant with this SKU. */
    public InMemoryStorePriceLists variant(String sku, long id) {
        variantsBySku.put(sku.toUpperCase(Locale.ROOT), id);
        return this;
    }

    /** The store has this customer group (with discounts of its own, or none). */
    public void group(String name, long id, boolean otherDiscounts) {
        groups.put(name, new StoreCustomerGroup(id, name, null, otherDiscounts));
    }

    /** The id of the price list the group's shoppers get, or null. */
    public Long groupList(String name) {
        return groups.get(name).priceListId();
    }

    public long listId(String name) {
        return lists.get(name);
    }

    @Override
    public Optional<StoreCustomerGroup> customerGroup(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    @Override
    public void assign(long groupId, long listId) {
        assignments++;
        groups.replaceAll((n, g) -> g.id() == groupId ? new StoreCustomerGroup(g.id(), n, listId, false) : g);
    }

    /** Any batch with a record of this SKU is refused (as a store refuses a variant it cannot price). */
    public void refuse(String sku) {
        refusedSkus.add(sku.toUpperCase(Locale.ROOT));
    }

    /** The list's price for a SKU in a currency, or null. */
    public BigDecimal price(String list, String sku, String currency) {
        Long id = lists.get(list);
        StorePriceRecord r = id == null ? null : records.get(id).get(key(variantsBySku.get(sku.toUpperCase(Locale.ROOT)), currency));
        return r == null ? null : r.price();
    }

    public int size(String list) {
        return records.get(lists.get(list)).size();
    }

    @Override
    public long findOrCreate(String name) {
        return lists.computeIfAbsent(name, n -> {
            long id = lists.size() + 1L;
            records.put(id, new TreeMap<>());
            return id;
        });
    }

    @Override
    public List<StorePriceRecord> records(long listId) {
        return List.copyOf(records.get(listId).values());
    }

    @Override
    public Map<String, Long> variantIds(Collection<String> skus) {
        Map<String, Long> out = new HashMap<>();
        for (String sku : skus) {
            Long id = variantsBySku.get(sku.toUpperCase(Locale.ROOT));
            if (id != null) {
                out.put(sku, id);
            }
        }
        return out;
    }

    @Override
    public void upsert(long listId, List<StorePriceRecord> batch) {
        if (batch.size() > MAX_RECORDS_PER_UPSERT) {
            throw new IllegalStateException("a batch of " + batch.size() + " is over the store's limit");
        }
        upserts++;
        batchSizes.add(batch.size());
        for (StorePriceRecord r : batch) {
            if (refusedSkus.contains(r.sku().toUpperCase(Locale.ROOT))) {
                throw new PermanentFailure("variant_id", "the store refuses a price for " + r.sku());
            }
        }
        for (StorePriceRecord r : batch) {
            records.get(listId).put(key(r.variantId(), r.currency()), r);
        }
        recordsWritten += batch.size();
    }

    @Override
    public void delete(long listId, String currency, List<Long> variantIds) {
        if (variantIds.size() > MAX_VARIANTS_PER_DELETE) {
            throw new IllegalStateException("a delete of " + variantIds.size() + " is over the limit");
        }
        deletes++;
        variantIds.forEach(v -> records.get(listId).remove(key(v, currency)));
    }

    private static String key(Long variantId, String currency) {
        return variantId + "/" + currency.toUpperCase(Locale.ROOT);
    }
}
