package com.bcerp.core.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.fakes.InMemoryBackOffice;
import com.bcerp.core.fakes.InMemoryStore;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.fakes.StoreOrders;
import com.bcerp.core.model.StoreEvent;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.SalesDocuments;
import com.bcerp.core.sync.Outcome;
import com.bcerp.core.sync.ParkedRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A warehouse as the order back office: it takes only the orders in its own import statuses, keeps quantities only,
 * and an edit is compared by quantity (nothing to do when the lines are the same; a changed line parks).
 */
class WarehouseOrdersTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final InMemorySyncState state = new InMemorySyncState(clock);
    private final InMemoryBackOffice documents = new InMemoryBackOffice(Set.of("SKU-0100", "SKU-0101"));
    private final InMemoryStore store = new InMemoryStore();
    private final BackOffice warehouse = warehouse();
    private final OrderFlows flows = OrderFlows.wire(store, warehouse, state, state, ConnectorConfig.defaults(), clock,
            Duration.ofMinutes(2));

    private BackOffice warehouse() {
        documents.needsCustomer = false;
        return BackOffice.named("wms", "warehouse").documents(new QuantitiesOnly(documents))
                .importStatuses(List.of(11)).build();
    }

    /** The fake's documents, as a warehouse keeps them: sales only, no amounts to compare. */
    private record QuantitiesOnly(SalesDocuments inner) implements SalesDocuments {
        @Override
        public Set<DocumentKind> kinds() {
            return EnumSet.of(DocumentKind.SALE);
        }

        @Override
        public boolean keepsAmounts() {
            return false;
        }

        @Override
        public DocumentRef createSalesOrder(SalesOrderDraft order) {
            return inner.createSalesOrder(order);
        }

        @Override
        public void cancelSalesOrder(DocumentRef order) {
            inner.cancelSalesOrder(order);
        }

        @Override
        public List<PostedDocument> readDocuments(Collection<String> ids) {
            return inner.readDocuments(ids);
        }

        @Override
        public Optional<List<PostedDocument>> findOrderDocuments(String externalRef) {
            return inner.findOrderDocuments(externalRef);
        }
    }

    private static StoreEvent event(String scope, int newStatus) {
        Map<String, Object> data = newStatus == 0 ? Map.of("type", "order", "id", 250)
                : Map.of("type", "order", "id", 250, "status", Map.of("previous_status_id", 11, "new_status_id", newStatus));
        return new StoreEvent("abc123", scope, "order", "250", clock().getEpochSecond(), "h-" + scope + newStatus, data);
    }

    private static Instant clock() {
        return Instant.parse("2026-11-23T09:00:00Z");
    }

    @Test
    void only_orders_in_the_warehouse_s_own_import_statuses_go_there_though_the_config_imports_more() {
        store.place(StoreOrders.order().status(1).line("SKU-0100", 1, "20.00").build());
        assertThat(ConnectorConfig.defaults().statuses().imports(1)).isTrue();

        assertThat(flows.orderImport().importOrder("abc123", 250, "created")).isEqualTo(Outcome.SKIPPED);
        assertThat(documents.orders()).isEmpty();

        store.place(StoreOrders.order().status(11).line("SKU-0100", 1, "20.00").build());
        assertThat(flows.events().handle(event("store/order/statusUpdated", 11))).contains(Outcome.CREATED);
        assertThat(documents.orders()).hasSize(1);
    }

    @Test
    void an_update_with_the_same_lines_changes_nothing_and_a_changed_quantity_parks_naming_the_line() {
        store.place(StoreOrders.order().status(11).lineWithId(100, "SKU-0100", 3, "10.00", "3.00").build());
        assertThat(flows.orderImport().importOrder("abc123", 250, "created")).isEqualTo(Outcome.CREATED);

        // a status change and a price the warehouse never held: nothing for it to do
        store.place(StoreOrders.order().status(9).lineWithId(100, "SKU-0100", 3, "10.00", "0").build());
        assertThat(flows.events().handle(event("store/order/statusUpdated", 9))).contains(Outcome.ALREADY_SYNCED);

        store.place(StoreOrders.order().status(11).lineWithId(100, "SKU-0100", 2, "10.00", "0").build());
        flows.events().handle(event("store/order/updated", 0));

        assertThat(documents.orders()).as("no credit or added sale for a warehouse").hasSize(1);
        assertThat(state.parked()).extracting(ParkedRecord::reason).singleElement().satisfies(reason ->
                assertThat(reason).contains("line 100: 3 -> 2").contains("change the order in the back office by hand"));
    }

    @Test
    void a_wholly_refunded_order_is_cancelled_in_the_warehouse_before_it_is_picked_and_a_part_refund_is_left() {
        store.place(StoreOrders.order().status(11).line("SKU-0100", 2, "20.00").build());
        assertThat(flows.orderImport().importOrder("abc123", 250, "created")).isEqualTo(Outcome.CREATED);

        store.place(StoreOrders.order().status(14).line("SKU-0100", 2, "20.00").build());
        flows.events().handle(event("store/order/statusUpdated", 14));
        assertThat(documents.orders()).singleElement().satisfies(o -> assertThat(o.cancelled()).isFalse());

        store.place(StoreOrders.order().status(4).line("SKU-0100", 2, "20.00").build());
        assertThat(flows.events().handle(event("store/order/statusUpdated", 4))).contains(Outcome.CANCELLED);
        assertThat(documents.orders()).singleElement().satisfies(o -> assertThat(o.cancelled()).isTrue());
        // delivered again: nothing more
        assertThat(flows.events().handle(event("store/order/statusUpdated", 4))).contains(Outcome.ALREADY_SYNCED);
    }
}
