package com.bcerp.handlers.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.bcerp.core.fakes.InMemoryCursors;
import com.bcerp.core.fakes.InMemoryFulfilmentSource;
import com.bcerp.core.fakes.InMemoryStoreFulfilment;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.fulfilment.FulfilmentSettings;
import com.bcerp.core.fulfilment.FulfilmentSync;
import com.bcerp.core.order.OwnStatusWrites;
import com.bcerp.core.order.StatusSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schedule's event runs the sync; the answer says what it did, and a second run does nothing new. */
class FulfilmentSyncHandlerTest {

    MutableClock clock = new MutableClock(Instant.parse("2026-11-24T08:00:00Z"));
    InMemorySyncState state = new InMemorySyncState(clock);
    InMemoryFulfilmentSource erp = new InMemoryFulfilmentSource(clock);
    InMemoryStoreFulfilment store = new InMemoryStoreFulfilment();
    FulfilmentSyncHandler handler = new FulfilmentSyncHandler(new FulfilmentSync(erp, store, new InMemoryCursors(), state,
            FulfilmentSettings.defaults(), StatusSettings.defaults(), new OwnStatusWrites(state, Duration.ofMinutes(10)),
            "abc", clock, Duration.ofMinutes(2)));

    Map<String, Object> run() {
        clock.advance(Duration.ofMinutes(5));
        return handler.handleRequest(EventLoader.loadScheduledEvent("events/scheduled/fulfilment-sync.json"), null);
    }

    @Test
    void a_scheduled_run_ships_in_the_store_and_reports_it() {
        store.order(250, 100L, "TEE", 2);
        erp.order("SO000001", "BC-abc-250")
                .ship("SO000001", "SH000001", true, "FEDEX2DAY", List.of("7489"), "100", "TEE", 2)
                .state("SO000001", com.bcerp.core.backoffice.DocumentState.SHIPPED);

        assertThat(run()).containsEntry("skipped", false).containsEntry("orders", 1L)
                .containsEntry("shipments_created", 1L).containsEntry("references_written", 1L)
                .containsEntry("parked", 0L).containsEntry("retrying", 0L);
        assertThat(store.shipments(250)).singleElement().satisfies(s -> {
            assertThat(s.shippingProvider()).isEqualTo("fedex");
            assertThat(s.trackingNumber()).isEqualTo("7489");
        });
        assertThat(store.order(250).orElseThrow().statusId()).isEqualTo(2);

        assertThat(run()).containsEntry("shipments_created", 0L).containsEntry("references_written", 0L);
        assertThat(store.shipments(250)).hasSize(1);
    }
}
