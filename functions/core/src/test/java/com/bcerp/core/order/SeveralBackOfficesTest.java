package com.bcerp.core.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.fakes.InMemoryBackOffice;
import com.bcerp.core.fakes.InMemoryStore;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.fakes.StoreOrders;
import com.bcerp.core.model.StoreEvent;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.sync.KeyScope;
import com.bcerp.core.sync.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An ERP and a warehouse take the same store orders: each gets every order once, and fails or succeeds alone. */
class SeveralBackOfficesTest {

    private static final Duration LEASE = Duration.ofMinutes(2);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final InMemorySyncState state = new InMemorySyncState(clock);
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryBackOffice erp = new InMemoryBackOffice(Set.of("SKU-0100"));
    private final InMemoryBackOffice warehouse = new InMemoryBackOffice(Set.of("SKU-0100"));
    private final StoreEventHandler events;

    SeveralBackOfficesTest() {
        warehouse.needsCustomer = false;
        BackOffice wms = BackOffice.named("wms", "memory").documents(warehouse).build();
        OwnStatusWrites ownWrites = new OwnStatusWrites(state, OrderFlows.ECHO_WINDOW);
        ConnectorConfig config = ConnectorConfig.defaults();
        events = StoreEventHandler.of(List.of(
                OrderFlows.wire(store, erp.backOffice(), KeyScope.primary("memory"), state, state, config, ownWrites,
                        clock, LEASE),
                OrderFlows.wire(store, wms, KeyScope.secondary("wms"), state, state, config, ownWrites, clock, LEASE)));
        store.place(StoreOrders.order().line("SKU-0100", 2, "12.50").build());
    }

    private static StoreEvent created() {
        return new StoreEvent("abc123", "store/order/created", "order", "250",
                Instant.parse("2026-11-23T09:00:00Z").getEpochSecond(), "h-created", Map.of("type", "order", "id", 250));
    }

    @Test
    void one_order_event_creates_one_document_in_each_with_its_own_record() {
        assertThat(events.handle(created())).contains(Outcome.CREATED);

        assertThat(erp.orders()).singleElement().satisfies(o -> assertThat(o.draft().customerId()).isNotNull());
        assertThat(warehouse.orders()).singleElement().satisfies(o -> assertThat(o.draft().customerId()).isNull());
        assertThat(warehouse.customerCreates.get()).isZero();
        assertThat(state.completed(OrderImport.recordKey("abc123", 250))).isPresent();
        assertThat(state.completed(OrderImport.recordKey("abc123@wms", 250))).isPresent();
    }

    @Test
    void a_warehouse_that_is_down_is_retried_by_the_redelivery_while_the_erp_keeps_its_one_document() {
        warehouse.down = true;

        assertThatThrownBy(() -> events.handle(created())).isInstanceOf(TransientFailure.class);
        assertThat(erp.orders()).hasSize(1);
        assertThat(warehouse.orders()).isEmpty();

        warehouse.down = false;
        clock.advance(LEASE.plusSeconds(1));
        Optional<Outcome> redelivered = events.handle(created());

        assertThat(redelivered).as("the primary's outcome").contains(Outcome.ALREADY_SYNCED);
        assertThat(erp.orders()).hasSize(1);
        assertThat(warehouse.orders()).hasSize(1);
        assertThat(state.completed(OrderImport.recordKey("abc123@wms", 250))).isPresent();
    }
}
