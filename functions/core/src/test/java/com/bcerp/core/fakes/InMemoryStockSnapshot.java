package com.bcerp.core.fakes;

import com.bcerp.core.port.StockSnapshot;
import com.bcerp.core.stock.SnapshotEntry;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The stock snapshot in memory. */
public final class InMemoryStockSnapshot implements StockSnapshot {

    private final Map<String, SnapshotEntry> entries = new ConcurrentHashMap<>();
    public int writes;

    @Override
    public Map<String, SnapshotEntry> read(Collection<String> skus) {
        Map<String, SnapshotEntry> found = new HashMap<>();
        skus.forEach(s -> {
            SnapshotEntry e = entries.get(s);
            if (e != null) {
                found.put(s, e);
            }
        });
        return found;
    }

    @Override
    public void write(Collection<SnapshotEntry> batch) {
        writes += batch.size();
        batch.forEach(e -> entries.put(e.sku(), e));
    }

    public SnapshotEntry get(String sku) {
        return entries.get(sku);
    }

    public int size() {
        return entries.size();
    }
}
