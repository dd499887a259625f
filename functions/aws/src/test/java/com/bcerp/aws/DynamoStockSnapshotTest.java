package com.bcerp.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.stock.InventoryTracking;
import com.bcerp.core.stock.SnapshotEntry;
import com.bcerp.core.stock.StoreItem;
import com.bcerp.core.sync.FeedCursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;

/** The snapshot and cursors against DynamoDB Local: round trips, batches past DynamoDB's per-request limits. */
class DynamoStockSnapshotTest {

    static DynamoDbClient dynamo;
    static final Instant AT = Instant.parse("2026-11-20T08:00:00Z");

    @BeforeAll
    static void startDynamo() {
        dynamo = DynamoDBEmbedded.create(true).dynamoDbClient();
        Tables.createIfMissing(dynamo, "state", "audit");
    }

    @AfterAll
    static void stopDynamo() {
        dynamo.close();
    }

    @Test
    void entries_come_back_as_written_with_identity_figures_per_location_and_parked_reason() {
        DynamoStockSnapshot snapshot = new DynamoStockSnapshot(dynamo, "state", "store1");
        SnapshotEntry tee = new SnapshotEntry("TEE-S", new StoreItem("TEE-S", 200, 1007, false, InventoryTracking.VARIANT),
                Map.of(1L, 12, 2L, 0), AT, null);
        SnapshotEntry absent = new SnapshotEntry("ERP-ONLY", null, Map.of(), AT, null);
        SnapshotEntry parked = new SnapshotEntry("CAP", new StoreItem("CAP", 9, 10, false, InventoryTracking.PRODUCT),
                Map.of(), AT, "tracks inventory by product");

        snapshot.write(List.of(tee, absent, parked));

        assertThat(snapshot.read(List.of("TEE-S", "ERP-ONLY", "CAP", "NEVER")))
                .containsOnly(Map.entry("TEE-S", tee), Map.entry("ERP-ONLY", absent), Map.entry("CAP", parked));
    }

    @Test
    void thousands_of_entries_go_through_in_batches_and_a_later_write_replaces_the_earlier() {
        DynamoStockSnapshot snapshot = new DynamoStockSnapshot(dynamo, "state", "store2");
        List<SnapshotEntry> entries = new ArrayList<>();
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 1234; i++) {
            String sku = "SKU-" + i;
            skus.add(sku);
            entries.add(new SnapshotEntry(sku, new StoreItem(sku, i, i + 5000L, true, InventoryTracking.PRODUCT),
                    Map.of(1L, i), AT, null));
        }
        snapshot.write(entries);
        snapshot.write(List.of(entries.get(7).withPushed(1, 999), entries.get(7).withPushed(2, 3)));

        Map<String, SnapshotEntry> read = snapshot.read(skus);

        assertThat(read).hasSize(1234);
        assertThat(read.get("SKU-1233").pushed()).containsEntry(1L, 1233);
        assertThat(read.get("SKU-7").pushed()).as("the last write of a key in one call wins").containsOnly(
                Map.entry(1L, 7), Map.entry(2L, 3));
    }

    @Test
    void stores_do_not_see_each_others_snapshot() {
        new DynamoStockSnapshot(dynamo, "state", "storeA").write(List.of(new SnapshotEntry("X", null, Map.of(), AT, null)));

        assertThat(new DynamoStockSnapshot(dynamo, "state", "storeB").read(List.of("X"))).isEmpty();
    }

    @Test
    void a_cursor_is_read_back_as_written() {
        DynamoCursors cursors = new DynamoCursors(dynamo, "state", java.time.Clock.systemUTC());
        assertThat(cursors.read("stock#s")).isEmpty();

        FeedCursor cursor = new FeedCursor(AT, AT.minusSeconds(3600), 100_000);
        cursors.write("stock#s", cursor);

        assertThat(cursors.read("stock#s")).contains(cursor);
    }
}
