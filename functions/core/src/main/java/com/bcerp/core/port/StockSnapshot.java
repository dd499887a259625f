package com.bcerp.core.port;

import com.bcerp.core.stock.SnapshotEntry;
import java.util.Collection;
import java.util.Map;

/**
 * What the connector last pushed to the store, per SKU (DynamoDB on AWS). Read and written in batches the caller
 * keeps small, so memory never grows with the catalogue.
 */
public interface StockSnapshot {

    /** The entries of these SKUs that exist. */
    Map<String, SnapshotEntry> read(Collection<String> skus);

    void write(Collection<SnapshotEntry> entries);
}
