package com.bcerp.core.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
        return warehouse(false);
    }

    private BackOffice warehouse(boolean updatesLines) {
        documents.needsCustomer = false;
        return BackOffice.named("wms", "warehouse").documents(new QuantitiesOnly(documents, updatesLines))
                .importStatuses(List.of(11)).build();
    }

    /** The fake's documents, as a warehouse keeps them: sales only, no amounts to compare. */
    private record QuantitiesOnly(SalesDocuments inner, boolean updatesLines) implements SalesDocuments {
        @Override
        public boolean updatesOrderLines() {
            return updatesLines;
        }

        @Override
        public void updateSalesOrder(DocumentRef order, SalesOrderDraft desired) {
            inner.updateSalesOrder(order, desired);
        }

        @Override
        public Set<DocumentKind> kinds() {
            return EnumSet.of(DocumentKind.SALE);
        }

        @Override
        public boolean keepsAmounts() {
            return false;
        }

        @Override
        public boolean shipsGoodsOnly() {
            return true;
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

    @Test
    void only_the_physical_goods_go_to_the_warehouse_never_downloads_gift_certificates_non_stock_items_or_charges() {
        store.place(StoreOrders.order().status(11).line("SKU-0100", 2, "20.00").digitalLine("SKU-0101", 1, "5.00")
                .giftCertificate("25.00").customProduct("ENGRAVE-1", 1, "4.00").handling("2.50").wrapping("3.00")
                .fee(7, "Eco fee", "1.50").build());

        assertThat(flows.orderImport().importOrder("abc123", 250, "created")).isEqualTo(Outcome.CREATED);

        assertThat(state.parked()).isEmpty();
        assertThat(documents.orders()).singleElement().satisfies(o -> assertThat(o.draft().lines())
                .extracting(l -> l.itemId(), l -> l.quantity().intValue()).containsExactly(tuple("SKU-0100", 2)));
    }

    @Test
    void an_order_with_nothing_to_ship_is_recorded_as_needing_no_fulfilment_not_parked_and_sent_once_goods_are_added() {
        store.place(StoreOrders.order().status(11).digitalLine("SKU-0101", 1, "5.00").giftCertificate("25.00").build());

        assertThat(flows.orderImport().importOrder("abc123", 250, "created")).isEqualTo(Outcome.SKIPPED);

        assertThat(documents.orders()).isEmpty();
        assertThat(state.parked()).isEmpty();
        assertThat(state.history(OrderImport.recordKey("abc123", 250))).last().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(r.error()).contains("order 250").contains("no physical goods to ship")
                    .contains("needs no fulfilment by wms");
        });

        // an edit adds a physical product: the order is not lost, it goes to the warehouse now
        store.place(StoreOrders.order().status(11).digitalLine("SKU-0101", 1, "5.00").giftCertificate("25.00")
                .line("SKU-0100", 1, "20.00").build());
        assertThat(flows.events().handle(event("store/order/updated", 0))).contains(Outcome.CREATED);
        assertThat(documents.orders()).singleElement().satisfies(o -> assertThat(o.draft().lines())
                .extracting(l -> l.itemId()).containsExactly("SKU-0100"));
    }

    @Test
    void each_consignment_is_its_own_warehouse_order_with_its_own_ship_to_and_lines_once() {
        store.place(StoreOrders.order().status(11).line("SKU-0100", 1, "20.00")
                .secondConsignment("Charles", "9 Harbour Rd", "Express").line("SKU-0101", 2, "10.00").build());

        assertThat(flows.orderImport().importOrder("abc123", 250, "created")).isEqualTo(Outcome.CREATED);
        assertThat(flows.events().handle(event("store/order/updated", 0))).contains(Outcome.ALREADY_SYNCED);

        assertThat(state.parked()).isEmpty();
        assertThat(documents.orders()).extracting(o -> o.draft().externalRef(), o -> o.draft().shipTo().fullName(),
                o -> o.draft().shipTo().street1(), o -> o.draft().lines().stream().map(l -> l.itemId() + " x"
                        + l.quantity().intValue()).toList())
                .containsExactly(tuple("BC-abc123-250", "Jane Doe", "555 East Street", List.of("SKU-0100 x1")),
                        tuple("BC-abc123-250-S2", "Charles Roe", "9 Harbour Rd", List.of("SKU-0101 x2")));

        // cancelled in the store: both of the warehouse's orders are cancelled
        store.place(StoreOrders.order().status(5).line("SKU-0100", 1, "20.00")
                .secondConsignment("Charles", "9 Harbour Rd", "Express").line("SKU-0101", 2, "10.00").build());
        assertThat(flows.events().handle(event("store/order/statusUpdated", 5))).contains(Outcome.CANCELLED);
        assertThat(documents.orders()).allSatisfy(o -> assertThat(o.cancelled()).isTrue());
    }

    @Test
    void in_a_warehouse_that_takes_changes_an_edit_changes_the_order_s_lines_once_and_one_it_refuses_parks_with_its_reason() {
        OrderFlows updating = OrderFlows.wire(store, warehouse(true), state, state, ConnectorConfig.defaults(), clock,
                Duration.ofMinutes(2));
        store.place(StoreOrders.order().status(11).lineWithId(100, "SKU-0100", 3, "10.00", "0").build());
        assertThat(updating.orderImport().importOrder("abc123", 250, "created")).isEqualTo(Outcome.CREATED);

        store.place(StoreOrders.order().status(11).lineWithId(100, "SKU-0100", 2, "10.00", "0")
                .lineWithId(101, "SKU-0101", 1, "5.00", "0").build());
        assertThat(updating.events().handle(event("store/order/updated", 0))).contains(Outcome.UPDATED);
        assertThat(updating.events().handle(event("store/order/updated", 0))).as("a replay")
                .contains(Outcome.ALREADY_SYNCED);

        assertThat(documents.lineUpdates).as("changed once").hasValue(1);
        assertThat(documents.orders()).singleElement().satisfies(o -> assertThat(o.draft().lines())
                .extracting(l -> l.storeLineRef() + " " + l.itemId() + " x" + l.quantity().intValue())
                .containsExactly("100 SKU-0100 x2", "101 SKU-0101 x1"));
        assertThat(state.parked()).isEmpty();

        documents.orders().get(0).refuseChange("picked in the warehouse");
        store.place(StoreOrders.order().status(11).lineWithId(100, "SKU-0100", 1, "10.00", "0")
                .lineWithId(101, "SKU-0101", 1, "5.00", "0").build());
        updating.events().handle(event("store/order/updated", 0));

        assertThat(documents.lineUpdates).hasValue(1);
        assertThat(state.parked()).extracting(ParkedRecord::reason).singleElement().satisfies(reason ->
                assertThat(reason).contains("picked in the warehouse"));
    }

    @Test
    void an_edit_that_moves_goods_to_another_consignment_parks_rather_than_change_warehouse_orders() {
        OrderFlows updating = OrderFlows.wire(store, warehouse(true), state, state, ConnectorConfig.defaults(), clock,
                Duration.ofMinutes(2));
        store.place(StoreOrders.order().status(11).line("SKU-0100", 1, "20.00").build());
        assertThat(updating.orderImport().importOrder("abc123", 250, "created")).isEqualTo(Outcome.CREATED);

        store.place(StoreOrders.order().status(11).line("SKU-0100", 1, "20.00")
                .secondConsignment("Charles", "9 Harbour Rd", "Express").line("SKU-0101", 2, "10.00").build());
        updating.events().handle(event("store/order/updated", 0));

        assertThat(documents.lineUpdates).hasValue(0);
        assertThat(documents.orders()).hasSize(1);
        assertThat(state.parked()).extracting(ParkedRecord::reason).singleElement().satisfies(reason ->
                assertThat(reason).contains("BC-abc123-250-S2").contains("by hand"));
    }

    @Test
    void goods_the_order_names_a_store_location_for_are_their_own_warehouse_order_carrying_that_location() {
        store.place(StoreOrders.order().status(11).line("SKU-0100", 1, "20.00").pickupAt(2).line("SKU-0101", 2, "10.00")
                .build());

        assertThat(flows.orderImport().importOrder("abc123", 250, "created")).isEqualTo(Outcome.CREATED);

        assertThat(documents.orders()).extracting(o -> o.draft().externalRef(), o -> o.draft().location(),
                o -> o.draft().lines().stream().map(l -> l.itemId() + " x" + l.quantity().intValue()).toList())
                .containsExactly(tuple("BC-abc123-250", null, List.of("SKU-0100 x1")),
                        tuple("BC-abc123-250-S2", 2L, List.of("SKU-0101 x2")));
    }
}
