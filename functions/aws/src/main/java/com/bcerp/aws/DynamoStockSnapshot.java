package com.bcerp.aws;

import static com.bcerp.aws.Tables.PK;

import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.port.StockSnapshot;
import com.bcerp.core.stock.InventoryTracking;
import com.bcerp.core.stock.SnapshotEntry;
import com.bcerp.core.stock.StoreItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The stock snapshot in the state table: one item per SKU ({@code stock-snapshot#{store}#{sku}}) with where it lives
 * in the store and the figure last accepted at each location ({@code pushed}, a map of location id to quantity).
 * 100,000 SKUs are 100,000 small items (about 150 bytes each), read with BatchGetItem (100 keys a request) and
 * written with BatchWriteItem (25 a request) in the chunks the stock sync hands over, a few requests at a time; the
 * table is never scanned. Reads are strongly consistent, so a run sees everything the previous one wrote.
 */
public final class DynamoStockSnapshot implements StockSnapshot {

    static final int READ_BATCH = 100;
    static final int WRITE_BATCH = 25;
    private static final int MAX_ROUNDS = 8;

    /** Requests in flight at once for one read or write. */
    static final int PARALLEL_REQUESTS = 4;

    private final DynamoDbClient dynamo;
    private final String table;
    private final String prefix;

    public DynamoStockSnapshot(DynamoDbClient dynamo, String stateTable, String storeHash) {
        this.dynamo = dynamo;
        this.table = stateTable;
        this.prefix = "stock-snapshot#" + storeHash + "#";
    }

    @Override
    public Map<String, SnapshotEntry> read(Collection<String> skus) {
        Map<String, SnapshotEntry> found = new ConcurrentHashMap<>();
        inParallel(List.copyOf(new LinkedHashSet<>(skus)), READ_BATCH, batch -> readBatch(batch, found));
        return new HashMap<>(found);
    }

    private void readBatch(List<String> batch, Map<String, SnapshotEntry> found) {
        List<Map<String, AttributeValue>> keys = batch.stream()
                .map(s -> Map.of(PK, AttributeValue.fromS(prefix + s))).toList();
        Map<String, KeysAndAttributes> request = Map.of(table,
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int round = 0; !request.isEmpty(); round++) {
            giveUpAfter(round, "read the stock snapshot");
            Map<String, KeysAndAttributes> pending = request;
            BatchGetItemResponse response = call(() -> dynamo.batchGetItem(b -> b.requestItems(pending)));
            response.responses().getOrDefault(table, List.of()).forEach(item -> {
                SnapshotEntry entry = entry(item);
                found.put(entry.sku(), entry);
            });
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            backOff(round, !request.isEmpty());
        }
    }

    @Override
    public void write(Collection<SnapshotEntry> entries) {
        Map<String, SnapshotEntry> unique = new LinkedHashMap<>();
        entries.forEach(e -> unique.put(e.sku(), e)); // one request may not name a key twice
        inParallel(List.copyOf(unique.values()), WRITE_BATCH, this::writeBatch);
    }

    private void writeBatch(List<SnapshotEntry> batch) {
        List<WriteRequest> puts = batch.stream()
                .map(e -> WriteRequest.builder().putRequest(PutRequest.builder().item(item(e)).build()).build())
                .toList();
        Map<String, List<WriteRequest>> request = Map.of(table, puts);
        for (int round = 0; !request.isEmpty(); round++) {
            giveUpAfter(round, "write the stock snapshot");
            Map<String, List<WriteRequest>> pending = request;
            BatchWriteItemResponse response = call(() -> dynamo.batchWriteItem(b -> b.requestItems(pending)));
            request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            backOff(round, !request.isEmpty());
        }
    }

    /**
     * Cuts {@code all} into requests of {@code size} and sends them with up to {@value #PARALLEL_REQUESTS} in flight;
     * the first failure is thrown once all have finished.
     */
    private static <T> void inParallel(List<T> all, int size, Consumer<List<T>> request) {
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            batches.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        if (batches.size() <= 1) {
            batches.forEach(request);
            return;
        }
        Semaphore slots = new Semaphore(PARALLEL_REQUESTS);
        List<Future<?>> sent = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<T> batch : batches) {
                sent.add(pool.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        request.accept(batch);
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure("interrupted while using the stock snapshot", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new TransientFailure("stock snapshot: " + e.getCause(), e.getCause());
        }
    }

    private Map<String, AttributeValue> item(SnapshotEntry e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, AttributeValue.fromS(prefix + e.sku()));
        item.put("sku", AttributeValue.fromS(e.sku()));
        if (e.item() != null) {
            item.put("product_id", n(e.item().productId()));
            item.put("variant_id", n(e.item().variantId()));
            item.put("base_variant", AttributeValue.fromBool(e.item().baseVariant()));
            item.put("tracking", AttributeValue.fromS(e.item().tracking().name()));
        }
        Map<String, AttributeValue> pushed = new HashMap<>();
        e.pushed().forEach((location, quantity) -> pushed.put(Long.toString(location), n(quantity)));
        item.put("pushed", AttributeValue.fromM(pushed));
        if (e.identifiedAt() != null) {
            item.put("identified_at", AttributeValue.fromS(e.identifiedAt().toString()));
        }
        if (e.parked() != null) {
            item.put("parked_reason", AttributeValue.fromS(e.parked()));
        }
        return item;
    }

    private static SnapshotEntry entry(Map<String, AttributeValue> item) {
        String sku = item.get("sku").s();
        StoreItem storeItem = item.containsKey("product_id") ? new StoreItem(sku, Long.parseLong(item.get("product_id").n()),
                Long.parseLong(item.get("variant_id").n()), item.get("base_variant").bool(),
                InventoryTracking.valueOf(item.get("tracking").s())) : null;
        Map<Long, Integer> pushed = new HashMap<>();
        item.getOrDefault("pushed", AttributeValue.fromM(Map.of())).m()
                .forEach((location, quantity) -> pushed.put(Long.parseLong(location), Integer.parseInt(quantity.n())));
        Instant identified = item.containsKey("identified_at") ? Instant.parse(item.get("identified_at").s()) : null;
        String parked = item.containsKey("parked_reason") ? item.get("parked_reason").s() : null;
        return new SnapshotEntry(sku, storeItem, pushed, identified, parked);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw new TransientFailure("DynamoDB stock snapshot: " + e.getMessage(), e);
        }
    }

    private static void giveUpAfter(int round, String what) {
        if (round >= MAX_ROUNDS) {
            throw new TransientFailure("could not " + what + ": DynamoDB left items unprocessed " + MAX_ROUNDS
                    + " times (throttled)");
        }
    }

    /** DynamoDB asks for exponential backoff before sending unprocessed items again. */
    private static void backOff(int round, boolean again) {
        if (!again) {
            return;
        }
        try {
            Thread.sleep(Math.min(2_000, 25L << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure("interrupted while writing the stock snapshot", e);
        }
    }
}
