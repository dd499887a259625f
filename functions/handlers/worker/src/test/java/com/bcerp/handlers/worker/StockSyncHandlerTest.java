package com.bcerp.handlers.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.bcerp.core.fakes.InMemoryCursors;
import com.bcerp.core.fakes.InMemoryInventorySource;
import com.bcerp.core.fakes.InMemoryStockSnapshot;
import com.bcerp.core.fakes.InMemoryStoreInventory;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.port.Cursors;
import com.bcerp.core.port.InventorySource;
import com.bcerp.core.stock.ItemStock;
import com.bcerp.core.stock.KitDefinition;
import com.bcerp.core.stock.StockChanges;
import com.bcerp.core.sync.FeedCursor;
import com.bcerp.core.stock.StockSettings;
import com.bcerp.core.stock.StockSync;
import com.bcerp.core.sync.SyncProgress;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The handler asks for what the schedule's event says, and answers what the run did. */
class StockSyncHandlerTest {

    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
    InMemoryInventorySource erp = new InMemoryInventorySource(clock, "MAIN");
    InMemoryStoreInventory store = new InMemoryStoreInventory(1L);
    StockSyncHandler handler = new StockSyncHandler(new StockSync(erp, store, new InMemoryStockSnapshot(),
            new InMemoryCursors(), new InMemorySyncState(clock), StockSettings.defaults(), "abc", clock), SyncProgress.NONE);

    Map<String, Object> run(String event) {
        clock.advance(Duration.ofMinutes(5));
        return handler.handleRequest(EventLoader.loadScheduledEvent(event), null);
    }

    @Test
    void a_plain_schedule_pushes_changes_and_a_full_one_pushes_everything() {
        store.simple("MUG");
        store.simple("CUP");
        erp.set("MUG", "MAIN", 4).set("CUP", "MAIN", 9);
        assertThat(run("events/scheduled/stock-sync.json")).containsEntry("mode", "full").containsEntry("pushed", 2L);

        clock.advance(Duration.ofMinutes(1));
        erp.set("MUG", "MAIN", 5);
        Map<String, Object> delta = run("events/scheduled/stock-sync.json");
        assertThat(delta).containsEntry("mode", "delta").containsEntry("pushed", 1L).containsEntry("adjustment_calls", 1L);
        assertThat(store.quantity("MUG", 1)).isEqualTo(5);

        Map<String, Object> full = run("events/scheduled/stock-sync-full.json");
        assertThat(full).containsEntry("mode", "full").containsEntry("pushed", 2L);
    }

    @Test
    void a_run_prints_its_stock_pushes_as_an_embedded_metric_of_the_stock_sync_and_its_back_office() {
        store.simple("MUG");
        store.simple("CUP");
        erp.set("MUG", "MAIN", 4).set("CUP", "MAIN", 9);
        StockSyncHandler metered = new StockSyncHandler(new StockSync(erp, store, new InMemoryStockSnapshot(),
                new InMemoryCursors(), new InMemorySyncState(clock), StockSettings.defaults(), "abc", clock),
                SyncProgress.NONE, ConnectorMetrics.lambda(clock), "erp", Optional::empty);

        List<JsonNode> emf = EmfLines.printedBy(() ->
                metered.handleRequest(EventLoader.loadScheduledEvent("events/scheduled/stock-sync.json"), null));

        assertThat(emf).singleElement().satisfies(line -> {
            assertThat(line.get("_aws").get("CloudWatchMetrics").get(0).get("Namespace").asText())
                    .isEqualTo(ConnectorMetrics.NAMESPACE);
            assertThat(line.get(ConnectorMetrics.FUNCTION).asText()).isEqualTo(ConnectorMetrics.STOCK_SYNC);
            assertThat(line.get(ConnectorMetrics.BACK_OFFICE).asText()).isEqualTo("erp");
            assertThat(line.get(ConnectorMetrics.STOCK_PUSHES).asDouble()).isEqualTo(2);
        });
    }

    @Test
    void each_run_prints_how_long_ago_the_stock_feed_last_caught_up_which_grows_while_runs_fail() {
        store.simple("MUG");
        erp.set("MUG", "MAIN", 4);
        TimedCursors cursors = new TimedCursors();
        FailingSource source = new FailingSource(erp);
        StockSyncHandler metered = new StockSyncHandler(new StockSync(source, store, new InMemoryStockSnapshot(),
                cursors, new InMemorySyncState(clock), StockSettings.defaults(), "abc", clock),
                SyncProgress.NONE, ConnectorMetrics.lambda(clock), "erp",
                () -> cursors.writtenAt(StockSync.cursorName("abc")));
        Runnable run = () -> metered.handleRequest(EventLoader.loadScheduledEvent("events/scheduled/stock-sync.json"), null);

        assertThat(EmfLines.printedBy(run)).singleElement()
                .satisfies(line -> assertThat(line.get(ConnectorMetrics.FEED_LAG).asDouble()).isZero());

        // the back office goes down: two scheduled runs, 5 minutes apart, fail; the cursor stays where it was
        source.down = true;
        for (int minutes : List.of(5, 10)) {
            clock.advance(Duration.ofMinutes(5));
            assertThat(EmfLines.printedBy(() -> assertThatThrownBy(run::run).isInstanceOf(TransientFailure.class)))
                    .singleElement().satisfies(line -> {
                        assertThat(line.get(ConnectorMetrics.FUNCTION).asText()).isEqualTo(ConnectorMetrics.STOCK_SYNC);
                        assertThat(line.get(ConnectorMetrics.BACK_OFFICE).asText()).isEqualTo("erp");
                        assertThat(line.get(ConnectorMetrics.FEED_LAG).asDouble()).isEqualTo(minutes * 60);
                    });
        }

        // it is back: the run catches up
        source.down = false;
        clock.advance(Duration.ofMinutes(5));
        assertThat(EmfLines.printedBy(run)).singleElement()
                .satisfies(line -> assertThat(line.get(ConnectorMetrics.FEED_LAG).asDouble()).isZero());
    }

    /** Cursors in memory, each with the time it was last written (as the state table keeps {@code updated_at}). */
    private final class TimedCursors implements Cursors {
        private final InMemoryCursors cursors = new InMemoryCursors();
        private final Map<String, Instant> written = new java.util.HashMap<>();

        @Override
        public Optional<FeedCursor> read(String name) {
            return cursors.read(name);
        }

        @Override
        public void write(String name, FeedCursor cursor) {
            cursors.write(name, cursor);
            written.put(name, clock.instant());
        }

        Optional<Instant> writtenAt(String name) {
            return Optional.ofNullable(written.get(name));
        }
    }

    /** The back office's stock, unreachable while {@code down}, as the adapters report it (a transient failure). */
    private static final class FailingSource implements InventorySource {
        private final InventorySource source;
        boolean down;

        FailingSource(InventorySource source) {
            this.source = source;
        }

        private <T> T up(java.util.function.Supplier<T> call) {
            if (down) {
                throw new TransientFailure("erp GET /stock: 503 after 4 attempts");
            }
            return call.get();
        }

        @Override
        public Set<String> warehouses() {
            return source.warehouses();
        }

        @Override
        public StockChanges changedSince(Instant since) {
            return up(() -> source.changedSince(since));
        }

        @Override
        public List<ItemStock> stock(Collection<String> skus) {
            return up(() -> source.stock(skus));
        }

        @Override
        public void forEachItem(Consumer<List<ItemStock>> page) {
            up(() -> {
                source.forEachItem(page);
                return null;
            });
        }

        @Override
        public List<KitDefinition> kits() {
            return up(source::kits);
        }
    }

    @Test
    void an_event_without_a_detail_is_a_plain_schedule() {
        assertThat(ScheduledRuns.full(new ScheduledEvent())).isFalse();
        assertThat(ScheduledRuns.full(EventLoader.loadScheduledEvent("events/scheduled/stock-sync-full.json"))).isTrue();
    }
}
