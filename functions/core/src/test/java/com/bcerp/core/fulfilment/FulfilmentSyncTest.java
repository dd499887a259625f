package com.bcerp.core.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.backoffice.DocumentState;
import com.bcerp.core.fakes.InMemoryBackOffice;
import com.bcerp.core.fakes.InMemoryCursors;
import com.bcerp.core.fakes.InMemoryFulfilmentSource;
import com.bcerp.core.fakes.InMemoryStore;
import com.bcerp.core.fakes.InMemoryStoreFulfilment;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.fakes.StoreOrders;
import com.bcerp.core.model.StoreEvent;
import com.bcerp.core.order.OrderFlows;
import com.bcerp.core.order.OwnStatusWrites;
import com.bcerp.core.order.StatusSettings;
import com.bcerp.core.sync.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FulfilmentSyncTest {

    static final String STORE = "abc123";

    MutableClock clock = new MutableClock(Instant.parse("2026-11-24T08:00:00Z"));
    InMemorySyncState state = new InMemorySyncState(clock);
    InMemoryCursors cursors = new InMemoryCursors();
    InMemoryFulfilmentSource erp = new InMemoryFulfilmentSource(clock);
    InMemoryStoreFulfilment store = new InMemoryStoreFulfilment();
    FulfilmentSettings settings = FulfilmentSettings.defaults();
    OwnStatusWrites ownWrites = new OwnStatusWrites(state, Duration.ofMinutes(10));

    FulfilmentReport run() {
        clock.advance(Duration.ofMinutes(5));
        FulfilmentReport report = new FulfilmentSync(erp, store, cursors, state, settings, StatusSettings.defaults(),
                ownWrites, STORE, clock, Duration.ofMinutes(2)).run();
        clock.advance(Duration.ofSeconds(30));
        return report;
    }

    /** Store order 250: 3 x TEE (product 100), 1 x MUG (product 101); sales order SO000001. */
    void imported() {
        store.order(250, 100L, "TEE", 3, 101L, "MUG", 1);
        erp.order("SO000001", "BC-abc123-250");
    }

    @Test
    void a_confirmed_shipment_becomes_one_store_shipment_with_its_items_tracking_and_carrier() {
        imported();
        erp.ship("SO000001", "SH000001", true, "UPSGROUND", List.of("1Z999"), "100", "TEE", 3, "101", "MUG", 1)
                .state("SO000001", DocumentState.SHIPPED);

        FulfilmentReport report = run();

        assertThat(report.shipmentsCreated()).isEqualTo(1);
        assertThat(store.shipments(250)).singleElement().satisfies(s -> {
            assertThat(s.items()).extracting(StoreShipment.Item::orderProductId, StoreShipment.Item::quantity)
                    .containsExactly(tuple(100L, 3), tuple(101L, 1));
            assertThat(s.orderAddressId()).isEqualTo(1);
            assertThat(s.trackingNumber()).isEqualTo("1Z999");
            assertThat(s.shippingProvider()).isEqualTo("ups");
            assertThat(s.trackingCarrier()).isNull();
            assertThat(s.comments()).isEqualTo("ERP shipment SH000001");
        });
        assertThat(store.order(250).orElseThrow().statusId()).as("Shipped").isEqualTo(2);
        assertThat(store.order(250).orElseThrow().staffNotes()).isEqualTo("Back office: ERP sales order SO000001");
    }

    @Test
    void a_partial_shipment_stays_partial_and_the_second_one_completes_the_order() {
        imported();
        erp.ship("SO000001", "SH000001", true, "UPSGROUND", List.of("1Z111"), "100", "TEE", 2)
                .ship("SO000001", "SH000002", false, "DHL", List.of("JD0002"), "100", "TEE", 1, "101", "MUG", 1)
                .state("SO000001", DocumentState.PARTLY_SHIPPED);

        run();

        assertThat(store.shipments(250)).singleElement().satisfies(s -> assertThat(s.items())
                .containsExactly(new StoreShipment.Item(100, 2)));
        assertThat(store.order(250).orElseThrow().statusId()).as("Partially Shipped").isEqualTo(3);

        erp.ship("SO000001", "SH000002", true, "DHL", List.of("JD0002", "JD0003"), "100", "TEE", 1, "101", "MUG", 1)
                .state("SO000001", DocumentState.SHIPPED);
        run();

        assertThat(store.shipments(250)).hasSize(2);
        StoreShipment second = store.shipments(250).get(1);
        assertThat(second.items()).containsExactly(new StoreShipment.Item(100, 1), new StoreShipment.Item(101, 1));
        assertThat(second.trackingCarrier()).as("DHL maps to a tracking carrier").isEqualTo("dhl");
        assertThat(second.shippingProvider()).isNull();
        assertThat(second.trackingNumber()).isEqualTo("JD0002");
        assertThat(second.comments()).isEqualTo("ERP shipment SH000002; packages: JD0002, JD0003");
        assertThat(store.shippedQuantities(250)).containsEntry(100L, 3).containsEntry(101L, 1);
        assertThat(store.order(250).orElseThrow().statusId()).isEqualTo(2);
    }

    @Test
    void an_order_the_back_office_closed_as_shipped_with_less_than_ordered_reads_partially_shipped() {
        imported();
        // a warehouse confirms the order with one tee short: shipped, and the rest never leaves
        erp.ship("SO000001", "SH000001", true, "UPSGROUND", List.of("1Z111"), "100", "TEE", 2, "101", "MUG", 1)
                .state("SO000001", DocumentState.SHIPPED);

        run();

        assertThat(store.order(250).orElseThrow().statusId()).as("Partially Shipped, not Shipped").isEqualTo(3);
    }

    @Test
    void a_custom_product_the_back_office_took_on_its_non_stock_item_does_not_hold_the_order_at_partially_shipped() {
        store.order(250, 100L, "TEE", 2).customProduct(250, 102L, "ENGRAVING", 1);
        erp.order("SO000001", "BC-abc123-250")
                .ship("SO000001", "SH000001", true, "UPSGROUND", List.of("1Z111"), "100", "TEE", 2)
                .state("SO000001", DocumentState.SHIPPED);

        run();

        assertThat(store.order(250).orElseThrow().statusId()).isEqualTo(2);
    }

    @Test
    void a_store_order_in_two_consignment_orders_reads_shipped_only_once_both_have_shipped() {
        store.order(250, 100L, "TEE", 1).product(250, 101L, "MUG", 2, 2);
        erp.order("W1", "BC-abc123-250").order("W2", "BC-abc123-250-S2")
                .ship("W1", "W1-P1", true, "UPSGROUND", List.of("1Z1"), "100", "TEE", 1).state("W1", DocumentState.SHIPPED);

        run();

        assertThat(store.order(250).orElseThrow().statusId()).as("one consignment of two").isEqualTo(3);

        erp.ship("W2", "W2-P1", true, "UPSGROUND", List.of("1Z2"), "101", "MUG", 2).state("W2", DocumentState.SHIPPED);
        run();

        assertThat(store.shipments(250)).extracting(StoreShipment::orderAddressId).containsExactly(1L, 2L);
        assertThat(store.order(250).orElseThrow().statusId()).isEqualTo(2);
    }

    @Test
    void carriers_map_as_configured_and_an_unmapped_one_ships_with_its_tracking_number_only() {
        settings = settings.withCarriers(Map.of("COURIER", Carrier.tracking("royal-mail"), "OWNFLEET",
                Carrier.provider("carrier_7")));
        store.order(250, 100L, "TEE", 3);
        erp.order("SO000001", "BC-abc123-250")
                .ship("SO000001", "SH1", true, "COURIER", List.of("RM1"), "100", "TEE", 1)
                .ship("SO000001", "SH2", true, "OWNFLEET", List.of("OF2"), "100", "TEE", 1)
                .ship("SO000001", "SH3", true, "UPSGROUND", List.of("UP3"), "100", "TEE", 1);

        run();

        assertThat(store.shipments(250)).extracting(StoreShipment::comments, StoreShipment::shippingProvider,
                StoreShipment::trackingCarrier, StoreShipment::trackingNumber).containsExactly(
                tuple("ERP shipment SH1", null, "royal-mail", "RM1"),
                tuple("ERP shipment SH2", "carrier_7", null, "OF2"),
                tuple("ERP shipment SH3", null, null, "UP3"));
    }

    @Test
    void running_again_creates_nothing_and_the_cursor_stays_at_the_newest_change() {
        imported();
        erp.ship("SO000001", "SH000001", true, "UPSGROUND", List.of("1Z999"), "100", "TEE", 3, "101", "MUG", 1);
        assertThat(run().shipmentsCreated()).isEqualTo(1);
        Instant position = cursors.read(FulfilmentSync.cursorName(STORE)).orElseThrow().position();

        FulfilmentReport again = run();

        assertThat(again.orders()).as("read again: the poll reaches back before the cursor").isEqualTo(1);
        assertThat(again.shipmentsCreated()).isZero();
        assertThat(store.creates).isEqualTo(1);
        assertThat(cursors.read(FulfilmentSync.cursorName(STORE)).orElseThrow().position()).isEqualTo(position);

        // the cursor reaches back (the overlap) and a restored cursor re-reads it all: still one shipment
        cursors.write(FulfilmentSync.cursorName(STORE), new com.bcerp.core.sync.FeedCursor(Instant.EPOCH, Instant.EPOCH, 0));
        FulfilmentReport reread = run();
        assertThat(reread.orders()).isEqualTo(1);
        assertThat(reread.shipmentsCreated()).isZero();
        assertThat(store.shipments(250)).hasSize(1);
    }

    @Test
    void a_crash_after_the_store_created_the_shipment_never_makes_a_second_one() {
        imported();
        erp.ship("SO000001", "SH000001", true, "UPSGROUND", List.of("1Z111"), "100", "TEE", 2);
        store.crashAfterNextCreate = true;

        FulfilmentReport crashed = run();

        assertThat(crashed.retrying()).isEqualTo(1);
        assertThat(store.shipments(250)).hasSize(1);
        assertThat(cursors.read(FulfilmentSync.cursorName(STORE))).as("the cursor waits for the order").isEmpty();
        assertThat(state.completed(FulfilmentSync.shipmentKey(STORE, "SH000001"))).isEmpty();

        FulfilmentReport rerun = run();

        assertThat(rerun.shipmentsFound()).isEqualTo(1);
        assertThat(rerun.shipmentsCreated()).isZero();
        assertThat(store.shipments(250)).hasSize(1);
        assertThat(state.completed(FulfilmentSync.shipmentKey(STORE, "SH000001"))).contains("store shipment 1");
        assertThat(run().shipmentsFound()).as("completed now: not even looked for").isZero();
    }

    @Test
    void a_shipment_the_store_cannot_take_is_parked_naming_the_field_and_others_go_on() {
        imported();
        store.order(251, 200L, "CAP", 1);
        erp.ship("SO000001", "SH000001", true, "UPSGROUND", List.of("1Z1"), null, "NOT-IN-ORDER", 1)
                .order("SO000002", "BC-abc123-251")
                .ship("SO000002", "SH000002", true, "UPSGROUND", List.of("1Z2"), "200", "CAP", 1);

        FulfilmentReport report = run();

        assertThat(report.parked()).isEqualTo(1);
        assertThat(store.shipments(251)).hasSize(1);
        assertThat(store.shipments(250)).isEmpty();
        assertThat(state.parkReason(FulfilmentSync.shipmentKey(STORE, "SH000001"))).get().asString()
                .contains("lines[0].orderLine").contains("NOT-IN-ORDER").contains("sales order SO000001");
        assertThat(state.isParked(FulfilmentSync.orderKey(STORE, "order/SO000001"))).isTrue();
        assertThat(store.order(250).orElseThrow().statusId()).as("no shipped status without the shipment").isEqualTo(11);

        // the warehouse corrects the shipment; the next run retries the parked order without it changing again
        erp.ship("SO000001", "SH000001", true, "UPSGROUND", List.of("1Z1"), "100", "TEE", 1);
        clock.advance(Duration.ofHours(1));
        FulfilmentReport retried = new FulfilmentSync(new OnlyParked(erp), store, cursors, state, settings,
                StatusSettings.defaults(), ownWrites, STORE, clock, Duration.ofMinutes(2)).run();

        assertThat(retried.shipmentsCreated()).isEqualTo(1);
        assertThat(store.shipments(250)).hasSize(1);
        assertThat(state.parked()).isEmpty();
    }

    @Test
    void a_parked_order_deleted_in_the_back_office_is_reported_as_gone_not_retried_as_before() {
        imported();
        erp.ship("SO000001", "SH000001", true, "UPSGROUND", List.of("1Z1"), null, "NOT-IN-ORDER", 1);
        assertThat(run().parked()).isEqualTo(1);

        clock.advance(Duration.ofHours(1));
        FulfilmentReport after = new FulfilmentSync(new Deleted(erp.name()), store, cursors, state, settings,
                StatusSettings.defaults(), ownWrites, STORE, clock, Duration.ofMinutes(2)).run();

        assertThat(after.parked()).isEqualTo(1);
        assertThat(after.retrying()).isZero();
        assertThat(state.parkReason(FulfilmentSync.orderKey(STORE, "order/SO000001"))).get().asString()
                .contains("sales order order/SO000001 no longer exists").contains("deleted");
        assertThat(store.shipments(250)).isEmpty();
    }

    /** A back office in which every sales order was deleted. */
    private record Deleted(String name) implements com.bcerp.core.port.FulfilmentSource {
        public List<BackOfficeOrder> changedSince(String prefix, Instant since) {
            return List.of();
        }

        public List<BackOfficeOrder> orders(java.util.Collection<String> ids) {
            return List.of();
        }
    }

    @Test
    void shipping_more_than_is_left_in_the_store_is_parked() {
        imported();
        erp.ship("SO000001", "SH000001", true, "UPSGROUND", List.of("1Z1"), "100", "TEE", 4);

        assertThat(run().parked()).isEqualTo(1);

        assertThat(state.parkReason(FulfilmentSync.shipmentKey(STORE, "SH000001"))).get().asString()
                .contains("ships 4 of order product 100").contains("only 3 of 3 are left to ship");
        assertThat(store.shipments(250)).isEmpty();
    }

    @Test
    void a_back_office_status_word_in_the_table_wins_over_its_state() {
        imported();
        erp.state("SO000001", DocumentState.OPEN, "Shipping");
        StatusSettings table = new StatusSettings(List.of(11), List.of(5), Map.of("Shipping", 9, "open", 7));

        new FulfilmentSync(erp, store, cursors, state, settings, table, ownWrites, STORE, clock, Duration.ofMinutes(2))
                .run();

        assertThat(store.order(250).orElseThrow().statusId()).isEqualTo(9);
    }

    @Test
    void statuses_map_through_the_table_once_per_change_and_a_later_store_edit_stands() {
        imported();
        store.order(251, 200L, "CAP", 1);
        store.order(252, 300L, "HAT", 1);
        erp.state("SO000001", DocumentState.CANCELLED).order("SO000002", "BC-abc123-251").state("SO000002", DocumentState.ON_HOLD)
                .order("SO000003", "BC-abc123-252").state("SO000003", DocumentState.OPEN);

        assertThat(run().statusesSet()).isEqualTo(2);

        assertThat(store.order(250).orElseThrow().statusId()).isEqualTo(5);
        assertThat(store.order(251).orElseThrow().statusId()).isEqualTo(12);
        assertThat(store.order(252).orElseThrow().statusId()).as("Open is not in the table").isEqualTo(11);

        store.setStatus(251, 9); // staff take it on in the store
        cursors.write(FulfilmentSync.cursorName(STORE), new com.bcerp.core.sync.FeedCursor(Instant.EPOCH, Instant.EPOCH, 0));
        assertThat(run().statusesSet()).isZero();
        assertThat(store.order(251).orElseThrow().statusId()).isEqualTo(9);
    }

    @Test
    void an_invoiced_order_is_completed_and_its_numbers_join_the_staff_notes() {
        imported();
        store.staffNotes(250, "Gift: call before delivery");
        erp.ship("SO000001", "SH000001", true, "UPSGROUND", List.of("1Z1"), "100", "TEE", 3, "101", "MUG", 1)
                .invoice("SO000001", "INV000045").state("SO000001", DocumentState.INVOICED);

        run();

        assertThat(store.order(250).orElseThrow().statusId()).as("Completed").isEqualTo(10);
        assertThat(store.order(250).orElseThrow().staffNotes()).isEqualTo(
                "Gift: call before delivery\nBack office: ERP sales order SO000001; invoice INV000045");

        erp.invoice("SO000001", "INV000046");
        run();
        assertThat(store.order(250).orElseThrow().staffNotes()).as("the connector's line is replaced, not added")
                .isEqualTo("Gift: call before delivery\nBack office: ERP sales order SO000001; invoice "
                        + "INV000045, INV000046");
    }

    @Test
    void references_are_not_written_when_switched_off() {
        settings = settings.withReferences(FulfilmentSettings.ReferencePlace.NONE);
        imported();
        erp.invoice("SO000001", "INV1");

        assertThat(run().referencesWritten()).isZero();
        assertThat(store.order(250).orElseThrow().staffNotes()).isEmpty();
    }

    @Test
    void a_store_status_the_connector_set_does_not_bounce_back_to_the_back_office() {
        // the order flow imported store order 250 as SO000001
        InMemoryStore orders = new InMemoryStore();
        InMemoryBackOffice backOffice = new InMemoryBackOffice(Set.of("TEE", "MUG", "ROUNDING"));
        OrderFlows flows = OrderFlows.wire(orders, backOffice.backOffice(), state, state, ConnectorConfig.defaults(), clock,
                Duration.ofMinutes(2));
        ownWrites = flows.ownWrites();
        orders.place(StoreOrders.order().lineWithId(100, "TEE", 3, "10.00", "0").lineWithId(101, "MUG", 1, "5.00", "0")
                .build());
        assertThat(flows.events().handle(event("store/order/created", Map.of("type", "order", "id", 250))))
                .contains(Outcome.CREATED);
        int callsAfterImport = backOffice.calls.get();
        // every status the store takes is echoed by a statusUpdated webhook, as BigCommerce does
        List<Outcome> echoes = new java.util.ArrayList<>();
        store.onStatus = (id, status) -> {
            orders.place(StoreOrders.order().status(status).lineWithId(100, "TEE", 3, "10.00", "0")
                    .lineWithId(101, "MUG", 1, "5.00", "0").build());
            flows.events().handle(statusTo(status)).ifPresent(echoes::add);
        };
        imported();

        // a partial shipment: the store moves the order to Partially Shipped itself
        erp.ship("SO000001", "SH000001", true, "UPSGROUND", List.of("1Z1"), "100", "TEE", 1);
        run();
        // the back office cancels the rest: the connector sets Cancelled in the store
        erp.state("SO000001", DocumentState.CANCELLED);
        run();

        assertThat(store.order(250).orElseThrow().statusId()).isEqualTo(5);
        assertThat(echoes).containsExactly(Outcome.SKIPPED, Outcome.SKIPPED);
        assertThat(state.history(com.bcerp.core.order.OrderChanges.recordKey(STORE, 250)))
                .extracting(r -> r.error()).containsExactly("status 3 was set by the connector itself",
                        "status 5 was set by the connector itself");
        assertThat(backOffice.calls.get()).as("no call reached the back office").isEqualTo(callsAfterImport);
        assertThat(backOffice.orders().get(0).cancelled()).isFalse();

        // the rule is about the connector's own writes: staff cancelling in the store still cancels
        clock.advance(Duration.ofHours(1));
        store.order(253, 100L, "TEE", 1);
        orders.place(StoreOrders.order().status(5).lineWithId(100, "TEE", 3, "10.00", "0")
                .lineWithId(101, "MUG", 1, "5.00", "0").build());
        backOffice.orders().get(0); // unchanged so far
        assertThat(flows.events().handle(event("store/order/statusUpdated", Map.of("type", "order", "id", 250,
                "status", Map.of("previous_status_id", 3, "new_status_id", 5)), clock.instant())))
                .contains(Outcome.CANCELLED);
        assertThat(backOffice.orders().get(0).cancelled()).isTrue();
    }

    @Test
    void staff_notes_keep_what_staff_wrote() {
        assertThat(FulfilmentSync.withLine("", FulfilmentSync.REFERENCE_PREFIX, "Back office: X")).isEqualTo("Back office: X");
        assertThat(FulfilmentSync.withLine("a\n\nBack office: old\nb\n", FulfilmentSync.REFERENCE_PREFIX, "Back office: new"))
                .isEqualTo("a\n\nb\nBack office: new");
    }

    @Test
    void switched_off_it_reads_nothing() {
        settings = new FulfilmentSettings(false, Map.of(), FulfilmentSettings.ReferencePlace.NONE, 0, 1, null);
        imported();
        assertThat(run().skipped()).isTrue();
        assertThat(erp.reads).isZero();
    }

    private StoreEvent statusTo(int status) {
        return event("store/order/statusUpdated", Map.of("type", "order", "id", 250,
                "status", Map.of("previous_status_id", 11, "new_status_id", status)), clock.instant());
    }

    private StoreEvent event(String scope, Map<String, Object> data) {
        return event(scope, data, clock.instant());
    }

    private static StoreEvent event(String scope, Map<String, Object> data, Instant at) {
        return new StoreEvent(STORE, scope, "order", "250", at.getEpochSecond(), "h-" + scope + at, data);
    }

    /** A back office whose orders changed long ago: only the parked list brings an order back. */
    private record OnlyParked(InMemoryFulfilmentSource source) implements com.bcerp.core.port.FulfilmentSource {
        public String name() {
            return source.name();
        }

        public List<BackOfficeOrder> changedSince(String prefix, Instant since) {
            return List.of();
        }

        public List<BackOfficeOrder> orders(java.util.Collection<String> nbrs) {
            return source.orders(nbrs);
        }
    }
}
