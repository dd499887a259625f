package com.bcerp.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.stock.InventoryTracking;
import com.bcerp.core.stock.SnapshotEntry;
import com.bcerp.core.stock.StoreItem;
import com.bcerp.core.sync.FeedCursor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The snapshot and the feeds' cursors against DynamoDB Local: round trips, batches past DynamoDB's per-request limits. */
class DynamoStockSnapshotTest {

    @RegisterExtension
    static final EmbeddedDynamo DYNAMO = new EmbeddedDynamo();
    static final Instant AT = Instant.parse("2026-11-20T08:00:00Z");


    @Test
    void entries_come_back_as_written_with_identity_figures_per_location_and_parked_reason() {
        DynamoStockSnapshot snapshot = new DynamoStockSnapshot(DYNAMO.client(), "state", "store1");
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
        DynamoStockSnapshot snapshot = new DynamoStockSnapshot(DYNAMO.client(), "state", "store2");
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
        new DynamoStockSnapshot(DYNAMO.client(), "state", "storeA").write(List.of(new SnapshotEntry("X", null, Map.of(), AT, null)));

        assertThat(new DynamoStockSnapshot(DYNAMO.client(), "state", "storeB").read(List.of("X"))).isEmpty();
    }

    @Test
    void a_cursor_is_read_back_as_written_and_ops_status_can_show_it() {
        Clock clock = Clock.fixed(AT.plusSeconds(60), ZoneOffset.UTC);
        DynamoSyncState cursors = new DynamoSyncState(DYNAMO.client(), "state", "audit", clock, Duration.ofDays(1));
        assertThat(cursors.read("stock#s")).isEmpty();

        FeedCursor cursor = new FeedCursor(AT, AT.minusSeconds(3600), 100_000);
        cursors.write("stock#s", cursor);

        assertThat(cursors.read("stock#s")).contains(cursor);
        // ops status reads every job's cursor through SyncState, the order jobs' and the feeds' alike
        assertThat(cursors.cursor("stock#s"))
                .hasValueSatisfying(c -> {
                    assertThat(c.position()).isEqualTo(AT.toString());
                    assertThat(c.updatedAt()).isEqualTo(AT.plusSeconds(60));
                    assertThat(c.note()).isEqualTo("last full pass " + AT.minusSeconds(3600) + " read 100000 item(s)");
                });
    }
}
