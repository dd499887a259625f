package com.bcerp.handlers.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.bcerp.core.fakes.InMemoryCursors;
import com.bcerp.core.fakes.InMemoryInventorySource;
import com.bcerp.core.fakes.InMemoryStockSnapshot;
import com.bcerp.core.fakes.InMemoryStoreInventory;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.stock.StockSettings;
import com.bcerp.core.stock.StockSync;
import com.bcerp.core.sync.SyncProgress;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
                SyncProgress.NONE, ConnectorMetrics.lambda(clock), "erp");

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
    void an_event_without_a_detail_is_a_plain_schedule() {
        assertThat(ScheduledRuns.full(new ScheduledEvent())).isFalse();
        assertThat(ScheduledRuns.full(EventLoader.loadScheduledEvent("events/scheduled/stock-sync-full.json"))).isTrue();
    }
}
