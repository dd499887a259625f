package com.bcerp.core.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.fakes.InMemoryCursors;
import com.bcerp.core.fakes.InMemoryInventorySource;
import com.bcerp.core.fakes.InMemoryStockSnapshot;
import com.bcerp.core.fakes.InMemoryStoreInventory;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.sync.FeedCursor;
import com.bcerp.core.sync.ParkedRecord;
import com.bcerp.core.sync.SyncProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StockSyncTest {

    MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
    InMemoryInventorySource erp = new InMemoryInventorySource(clock, "MAIN", "EAST", "WEST");
    InMemoryStoreInventory store = new InMemoryStoreInventory(1L, 2L);
    InMemoryStockSnapshot snapshot = new InMemoryStockSnapshot();
    InMemoryCursors cursors = new InMemoryCursors();
    InMemorySyncState state = new InMemorySyncState(clock);
    StockSettings settings = StockSettings.defaults();
    int fullThreshold = StockSync.FULL_THRESHOLD;

    @BeforeEach
    void later() {
        clock.advance(Duration.ofMinutes(1));
    }

    StockSyncReport run() {
        return run(StockSync.Mode.SCHEDULED);
    }

    StockSyncReport run(StockSync.Mode mode) {
        clock.advance(Duration.ofMinutes(5));
        StockSyncReport report = new StockSync(erp, store, snapshot, cursors, state, settings, "abc", clock,
                fullThreshold).run(mode, SyncProgress.NONE);
        clock.advance(Duration.ofMinutes(1));
        return report;
    }

    List<String> simpleSkus(int count) {
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String sku = String.format("SKU-%05d", i);
            store.simple(sku);
            erp.set(sku, "MAIN", i % 40);
            skus.add(sku);
        }
        return skus;
    }

    @Test
    void the_first_run_learns_the_store_and_sets_every_sku_in_requests_of_at_most_2000() {
        List<String> skus = simpleSkus(4500);

        StockSyncReport report = run();

        assertThat(report.mode()).isEqualTo("full");
        assertThat(store.requests()).containsExactly(Map.entry(1L, 2000), Map.entry(1L, 2000), Map.entry(1L, 500));
        assertThat(report.adjustmentCalls()).isEqualTo(3);
        assertThat(report.pushed()).isEqualTo(4500);
        for (int i = 0; i < skus.size(); i++) {
            assertThat(store.quantity(skus.get(i), 1)).as(skus.get(i)).isEqualTo(i % 40);
        }
        assertThat(store.identifyCalls).as("identities come from one pass over the store's catalogue").isZero();
        assertThat(cursors.read("stock#abc")).isPresent();
    }

    @Test
    void pages_that_are_not_a_multiple_of_the_read_chunk_still_go_out_in_requests_of_at_most_2000() {
        erp.pageSize = 1013; // Uniconta's pages end after the last whole item, so their size varies
        simpleSkus(4500);

        StockSyncReport report = run(StockSync.Mode.FULL);

        assertThat(store.requests()).containsExactly(Map.entry(1L, 2000), Map.entry(1L, 2000), Map.entry(1L, 500));
        assertThat(report.pushed()).isEqualTo(4500);
    }

    @Test
    void more_changes_than_the_threshold_are_read_as_a_scan_that_pushes_only_what_differs() {
        fullThreshold = 100;
        List<String> skus = simpleSkus(150);
        run();
        store.clearRequests();
        Instant lastFull = cursors.read("stock#abc").orElseThrow().lastFullRun();
        for (String sku : skus) {
            erp.set(sku, "MAIN", sku.equals(skus.get(3)) ? 77 : skus.indexOf(sku) % 40); // every SKU touched, one moved
        }

        StockSyncReport report = run();

        assertThat(report.mode()).isEqualTo("scan");
        assertThat(report.read()).isEqualTo(skus.size());
        assertThat(store.requests()).containsExactly(Map.entry(1L, 1));
        assertThat(store.quantity(skus.get(3), 1)).isEqualTo(77);
        assertThat(cursors.read("stock#abc").orElseThrow().lastFullRun()).as("the reconcile stays due as it was")
                .isEqualTo(lastFull);
    }

    @Test
    void a_back_office_that_cannot_say_what_changed_is_scanned_and_only_what_differs_is_pushed() {
        List<String> skus = simpleSkus(30);
        run();
        store.clearRequests();
        erp.keepsNoModificationTimes = true;
        erp.set(skus.get(5), "MAIN", 33);
        int lookUps = erp.stockCalls.get();

        StockSyncReport report = run();

        assertThat(report.mode()).isEqualTo("scan");
        assertThat(report.read()).isEqualTo(30);
        assertThat(store.requests()).containsExactly(Map.entry(1L, 1));
        assertThat(store.quantity(skus.get(5), 1)).isEqualTo(33);
        assertThat(erp.stockCalls.get() - lookUps).as("no look-up SKU by SKU").isZero();
    }

    @Test
    void a_scheduled_run_pushes_only_the_figures_that_changed_in_one_request() {
        simpleSkus(3000);
        run();
        store.clearRequests();

        erp.set("SKU-00007", "MAIN", 99);
        erp.set("SKU-01234", "MAIN", 0);
        erp.set("SKU-02999", "MAIN", 5, 5, 5, 2);
        erp.set("SKU-00010", "MAIN", 25, 10, 10, 0); // on hand went up, available (the rule's figure) did not
        StockSyncReport report = run();

        assertThat(report.mode()).isEqualTo("delta");
        assertThat(store.requests()).containsExactly(Map.entry(1L, 3));
        assertThat(report.unchanged()).isEqualTo(1);
        assertThat(store.quantity("SKU-00007", 1)).isEqualTo(99);
        assertThat(store.quantity("SKU-01234", 1)).isZero();
        assertThat(store.quantity("SKU-02999", 1)).isEqualTo(3);
        assertThat(erp.stockCalls.get()).as("only the changed SKUs are read in the delta").isGreaterThan(0);
    }

    @Test
    void nothing_changed_means_no_store_call_and_the_cursor_stays_put() {
        simpleSkus(10);
        run();
        FeedCursor before = cursors.read("stock#abc").orElseThrow();
        store.clearRequests();

        StockSyncReport report = run();

        assertThat(report.adjustmentCalls()).isZero();
        assertThat(cursors.read("stock#abc")).contains(before);
    }

    @Test
    void the_cursor_moves_to_the_newest_change_the_store_accepted() {
        simpleSkus(10);
        run();
        Instant changedAt = clock.instant();
        erp.set("SKU-00003", "MAIN", 77);

        run();

        assertThat(cursors.read("stock#abc").orElseThrow().position()).isEqualTo(changedAt);
    }

    @Test
    void each_warehouse_goes_to_its_own_location_and_only_the_touched_location_is_called() {
        settings = settings.withLocations(Map.of("EAST", 1L, "WEST", 2L));
        for (int i = 0; i < 10; i++) {
            String sku = "SKU-" + i;
            store.simple(sku);
            erp.set(sku, "EAST", 10 + i).set(sku, "WEST", 20 + i);
        }
        run();
        assertThat(store.quantity("SKU-3", 1)).isEqualTo(13);
        assertThat(store.quantity("SKU-3", 2)).isEqualTo(23);
        store.clearRequests();

        erp.set("SKU-3", "EAST", 1).set("SKU-4", "EAST", 2);
        run();

        assertThat(store.requests()).containsExactly(Map.entry(1L, 2));
        assertThat(store.quantity("SKU-3", 1)).isEqualTo(1);
        assertThat(store.quantity("SKU-3", 2)).isEqualTo(23);
    }

    @Test
    void many_changes_at_one_location_go_in_requests_of_2000() {
        List<String> skus = simpleSkus(4500);
        run();
        store.clearRequests();

        skus.forEach(s -> erp.set(s, "MAIN", 1000));
        StockSyncReport report = run();

        assertThat(report.mode()).isEqualTo("delta");
        assertThat(store.requests()).containsExactly(Map.entry(1L, 2000), Map.entry(1L, 2000), Map.entry(1L, 500));
    }

    @Test
    void stock_is_set_the_way_each_product_tracks_it() {
        long simple = store.simple("MUG");
        long byVariant = store.withVariants(InventoryTracking.VARIANT, "TEE-S", "TEE-M");
        store.withVariants(InventoryTracking.PRODUCT, "CAP-RED", "CAP-BLUE");
        store.simple("GIFTCARD");
        store.setTracking(store.simple("POSTER"), InventoryTracking.NONE);
        erp.set("MUG", "MAIN", 8).set("TEE-S", "MAIN", 3).set("TEE-M", "MAIN", 4).set("CAP-RED", "MAIN", 5)
                .set("CAP-BLUE", "MAIN", 6).set("POSTER", "MAIN", 9);

        StockSyncReport report = run();

        assertThat(store.quantity("MUG", 1)).isEqualTo(8);
        assertThat(store.quantity("TEE-S", 1)).isEqualTo(3);
        assertThat(store.quantity("TEE-M", 1)).isEqualTo(4);
        assertThat(store.quantity("POSTER", 1)).isNull();
        assertThat(report.untracked()).isEqualTo(1);
        assertThat(report.parked()).isEqualTo(2);
        assertThat(state.parked()).extracting(ParkedRecord::recordKey)
                .containsExactlyInAnyOrder("stock#abc#CAP-RED", "stock#abc#CAP-BLUE");
        assertThat(state.parked().get(0).reason()).contains("tracks inventory by product")
                .contains("cannot be set per variant");
        assertThat(simple).isNotEqualTo(byVariant);
    }

    @Test
    void a_parked_sku_is_pushed_and_leaves_the_parked_list_once_the_merchant_fixes_the_tracking_mode() {
        long cap = store.withVariants(InventoryTracking.PRODUCT, "CAP-RED");
        erp.set("CAP-RED", "MAIN", 5);
        run();
        assertThat(state.parked()).hasSize(1);

        store.setTracking(cap, InventoryTracking.VARIANT);
        run(); // nothing changed in the back office: the parked SKU is retried anyway

        assertThat(store.quantity("CAP-RED", 1)).isEqualTo(5);
        assertThat(state.parked()).isEmpty();
    }

    @Test
    void a_tracking_mode_changed_in_the_store_is_learnt_from_the_refusal_and_only_the_refused_items_park() {
        simpleSkus(3);
        long tee = store.withVariants(InventoryTracking.VARIANT, "TEE-S", "TEE-M");
        erp.set("TEE-S", "MAIN", 1).set("TEE-M", "MAIN", 2);
        run();
        store.clearRequests();

        store.setTracking(tee, InventoryTracking.PRODUCT); // the merchant switched it; the snapshot still says variant
        erp.set("TEE-S", "MAIN", 7).set("SKU-00001", "MAIN", 33);
        StockSyncReport report = run();

        assertThat(store.requests()).as("refused once, then sent without the item that cannot be set")
                .containsExactly(Map.entry(1L, 2), Map.entry(1L, 1));
        assertThat(store.quantity("SKU-00001", 1)).isEqualTo(33);
        assertThat(report.parked()).isEqualTo(1);
        assertThat(state.parked()).extracting(ParkedRecord::recordKey).containsExactly("stock#abc#TEE-S");
    }

    @Test
    void a_kit_follows_its_components_and_shows_zero_when_one_runs_out() {
        store.simple("MUG");
        store.simple("TEA");
        store.simple("GIFT-SET");
        erp.set("MUG", "MAIN", 9).set("TEA", "MAIN", 30).kit("GIFT-SET", "MUG", 2, "TEA", 1);
        erp.set("GIFT-SET", "MAIN", 500); // a kit's own figure is never used

        run();
        assertThat(store.quantity("GIFT-SET", 1)).isEqualTo(4);

        erp.set("MUG", "MAIN", 20);
        run();
        assertThat(store.quantity("GIFT-SET", 1)).isEqualTo(10);

        erp.set("TEA", "MAIN", 0);
        run();
        assertThat(store.quantity("GIFT-SET", 1)).isZero();
        assertThat(store.quantity("MUG", 1)).isEqualTo(20);
    }

    @Test
    void a_run_that_stops_half_way_keeps_its_cursor_and_the_next_run_sends_the_rest_once() {
        List<String> skus = simpleSkus(4500);
        run();
        FeedCursor before = cursors.read("stock#abc").orElseThrow();
        store.clearRequests();
        skus.forEach(s -> erp.set(s, "MAIN", 500));

        store.failRequest(2);
        assertThatThrownBy(this::run).isInstanceOf(TransientFailure.class);
        assertThat(cursors.read("stock#abc")).contains(before);
        assertThat(skus.stream().filter(s -> store.quantity(s, 1) == 500).count()).isEqualTo(2000);
        store.clearRequests();

        StockSyncReport report = run();

        assertThat(report.pushed()).as("the 2,000 the store accepted are not sent again").isEqualTo(2500);
        assertThat(store.requests()).containsExactly(Map.entry(1L, 2000), Map.entry(1L, 500));
        assertThat(skus).allSatisfy(s -> assertThat(store.quantity(s, 1)).isEqualTo(500));
        assertThat(cursors.read("stock#abc").orElseThrow().position()).isAfter(before.position());
    }

    @Test
    void a_full_reconcile_undoes_an_edit_made_in_the_store() {
        simpleSkus(5);
        run();
        store.edit("SKU-00003", 1, 999);

        run();
        assertThat(store.quantity("SKU-00003", 1)).as("a delta does not see store-side edits").isEqualTo(999);

        clock.advance(Duration.ofHours(25));
        StockSyncReport report = run();

        assertThat(report.mode()).isEqualTo("full");
        assertThat(store.quantity("SKU-00003", 1)).isEqualTo(3);
        assertThat(report.pushed()).isEqualTo(5);
    }

    @Test
    void a_full_reconcile_can_be_asked_for() {
        simpleSkus(5);
        run();
        store.clearRequests();

        assertThat(run(StockSync.Mode.FULL).mode()).isEqualTo("full");
        assertThat(store.requests()).containsExactly(Map.entry(1L, 5));
    }

    @Test
    void a_sku_the_store_lacks_is_counted_and_not_asked_about_again_for_a_day() {
        simpleSkus(2);
        erp.set("ERP-ONLY", "MAIN", 4);
        StockSyncReport first = run();
        assertThat(first.notInStore()).isEqualTo(1);

        erp.set("ERP-ONLY", "MAIN", 5);
        int before = store.identifyCalls;
        StockSyncReport second = run();

        assertThat(second.notInStore()).isEqualTo(1);
        assertThat(store.identifyCalls).isEqualTo(before);
        assertThat(second.adjustmentCalls()).isZero();
    }

    @Test
    void an_item_no_longer_sellable_shows_zero() {
        simpleSkus(3);
        run();

        erp.sellable("SKU-00002", false);
        run();

        assertThat(store.quantity("SKU-00002", 1)).isZero();
    }

    @Test
    void a_run_while_another_holds_the_lock_does_nothing() {
        simpleSkus(3);
        state.claim("stock-sync#abc", Duration.ofMinutes(15));

        StockSyncReport report = run();

        assertThat(report.mode()).isEqualTo("skipped");
        assertThat(store.requests()).isEmpty();
    }

    @Test
    void a_mapping_to_a_warehouse_or_location_that_does_not_exist_is_refused_by_name() {
        simpleSkus(1);
        settings = settings.withLocations(Map.of("EAST", 1L, "NORTH", 2L));
        assertThatThrownBy(this::run).isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("warehouse NORTH").extracting(e -> ((PermanentFailure) e).field())
                .isEqualTo("stock.locations.NORTH");

        settings = settings.withLocations(Map.of("EAST", 7L));
        assertThatThrownBy(this::run).isInstanceOf(PermanentFailure.class).hasMessageContaining("store location 7");
    }

    @Test
    void switched_off_it_does_nothing() {
        simpleSkus(3);
        settings = new StockSettings(false, AvailabilityRule.AVAILABLE, true, 0, Map.of(), 1, 24, 120, Map.of());

        assertThat(run().mode()).isEqualTo("skipped");
        assertThat(store.requests()).isEmpty();
    }

    @Test
    void a_location_another_system_owns_keeps_its_figures_through_a_full_reconcile() {
        settings = settings.withLocations(Map.of("MAIN", 1L)).withOwnedElsewhere(Map.of(2L, "pos"));
        List<String> skus = simpleSkus(5);
        erp.set(skus.get(1), "EAST", 40);
        run();
        store.edit(skus.get(1), 2, 7); // the POS integration writes its own location
        store.edit(skus.get(1), 1, 3); // and someone edits the connector's location, which the reconcile repairs
        store.clearRequests();

        run(StockSync.Mode.FULL);

        assertThat(store.requestsAt(2)).as("requests to the POS's location").isZero();
        assertThat(store.quantity(skus.get(1), 2)).isEqualTo(7);
        assertThat(store.quantity(skus.get(1), 1)).isEqualTo(1);
    }

    @Test
    void mapping_a_warehouse_to_a_location_another_system_owns_is_refused_naming_the_warehouse() {
        assertThatThrownBy(() -> settings.withLocations(Map.of("MAIN", 1L, "EAST", 2L))
                .withOwnedElsewhere(Map.of(2L, "pos")))
                .hasMessage("locations.EAST: location 2 is owned by pos (stock.owned_elsewhere), so the connector "
                        + "never writes its stock");
        assertThatThrownBy(() -> settings.withOwnedElsewhere(Map.of(1L, "pos")))
                .hasMessageStartingWith("location: location 1 is owned by pos");
    }
}
