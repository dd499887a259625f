package com.bcerp.core.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.fakes.InMemoryStore;
import com.bcerp.core.fakes.InMemoryBackOffice;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.fakes.StoreOrders;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.StoreOrder;
import com.bcerp.core.model.StoreTax;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.Claim;
import com.bcerp.core.sync.Outcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class OrderImportTest {

    private static final String KEY = "order#abc123#250";
    private static final String REF = "BC-abc123-250";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final InMemorySyncState state = new InMemorySyncState(clock);
    private final InMemoryBackOffice backOffice = new InMemoryBackOffice(Set.of("SKU-0100", "SKU-0101", "HANDLING",
            "GIFTWRAP", "ROUNDING"));
    private final InMemoryStore store = new InMemoryStore();
    private final OrderImport orderImport = OrderFlows.wire(store, backOffice.backOffice(), state, state, ConnectorConfig.defaults(), clock,
            Duration.ofMinutes(2)).orderImport();

    private StoreOrder place(StoreOrder order) {
        store.place(order);
        return order;
    }

    @Test
    void a_back_office_total_other_than_the_stores_parks_the_posted_order_naming_both_and_a_replay_links_it() {
        place(StoreOrders.order().line("SKU-0100", 2, "12.50").build());
        backOffice.recalculatedBy = new java.math.BigDecimal("1.25");

        assertThat(orderImport.importOrder("abc123", 250, "store/order/created h1")).isEqualTo(Outcome.PARKED);
        assertThat(state.parked()).singleElement().satisfies(p -> assertThat(p.reason())
                .startsWith("total_inc_tax: order 250: memory totals doc-1 at").contains("replay the order"));

        assertThat(orderImport.importOrder("abc123", 250, "replay")).isEqualTo(Outcome.LINKED_EXISTING);
        assertThat(backOffice.ordersFor(REF)).isEqualTo(1);
    }

    @Test
    void an_order_delivered_twice_becomes_one_sales_order_and_both_attempts_are_audited() {
        place(StoreOrders.order().line("SKU-0100", 2, "12.50").build());

        Outcome first = orderImport.importOrder("abc123", 250, "store/order/created h1");
        Outcome second = orderImport.importOrder("abc123", 250, "store/order/created h1");

        assertThat(first).isEqualTo(Outcome.CREATED);
        assertThat(second).isEqualTo(Outcome.ALREADY_SYNCED);
        assertThat(backOffice.ordersFor(REF)).isEqualTo(1);
        assertThat(state.history(KEY)).extracting(AuditRecord::outcome)
                .containsExactly(Outcome.CREATED, Outcome.ALREADY_SYNCED);
        assertThat(state.history(KEY)).extracting(AuditRecord::document).containsOnly("doc-1");
    }

    @Test
    void concurrent_duplicate_deliveries_create_exactly_one_sales_order() throws Exception {
        place(StoreOrders.order().line("SKU-0100", 1, "20.00").build());
        int workers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Outcome>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            for (int i = 0; i < workers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return orderImport.importOrder("abc123", 250, "dup");
                    } catch (TransientFailure busy) {
                        return Outcome.RETRYING;
                    }
                }));
            }
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : results) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).filteredOn(o -> o == Outcome.CREATED).hasSize(1);
        }
        assertThat(backOffice.ordersFor(REF)).isEqualTo(1);
    }

    @Test
    void a_crash_after_the_back_office_write_is_recovered_by_the_look_up_not_duplicated() {
        StoreOrder order = place(StoreOrders.order().line("SKU-0100", 1, "20.00").build());
        // first attempt: the sales order is written, then the worker dies before recording it
        Claim claim = state.claim(KEY, Duration.ofMinutes(2));
        assertThat(claim.status()).isEqualTo(Claim.Status.ACQUIRED);
        backOffice.existingCustomer("C1", "jane@example.com", null);
        backOffice.createSalesOrder(new SalesOrderMapper(OrderMappingSettings.defaults(), RoutingSettings.defaults(), InMemoryBackOffice.ARITHMETIC)
                .toDraft(order, List.of()).withCustomerId("C1"));

        // the redelivery finds the key still leased, and is told to come back later
        assertThatThrownBy(() -> orderImport.importOrder("abc123", 250, "redelivery"))
                .isInstanceOf(TransientFailure.class);
        clock.advance(Duration.ofMinutes(3));
        Outcome outcome = orderImport.importOrder("abc123", 250, "redelivery after lease");

        assertThat(outcome).isEqualTo(Outcome.LINKED_EXISTING);
        assertThat(backOffice.ordersFor(REF)).isEqualTo(1);
        assertThat(orderImport.importOrder("abc123", 250, "late duplicate")).isEqualTo(Outcome.ALREADY_SYNCED);
    }

    @Test
    void a_first_attempt_at_a_new_order_under_intact_state_goes_straight_to_the_create() {
        state.keptSince(Instant.parse("2026-11-01T00:00:00Z"));
        place(StoreOrders.order().id(250).customer(7).line("SKU-0100", 1, "20.00").build());
        place(StoreOrders.order().id(251).customer(7).line("SKU-0101", 2, "5.00").build());

        assertThat(orderImport.importOrder("abc123", 250, "created")).isEqualTo(Outcome.CREATED);
        int afterFirst = backOffice.calls.get();
        assertThat(orderImport.importOrder("abc123", 251, "created")).isEqualTo(Outcome.CREATED);

        assertThat(backOffice.searches.get()).isZero();
        // a new buyer: the customer look-up, its create and the order; a returning one: the order alone
        assertThat(afterFirst).isEqualTo(3);
        assertThat(backOffice.calls.get() - afterFirst).isEqualTo(1);
        assertThat(backOffice.ordersFor(REF)).isEqualTo(1);
        assertThat(backOffice.ordersFor("BC-abc123-251")).isEqualTo(1);
    }

    @Test
    void an_order_older_than_the_sync_state_is_searched_for_so_one_posted_under_lost_state_is_not_posted_again() {
        // the order was posted before the state was lost: neither its claim nor its link survived
        StoreOrder order = place(StoreOrders.order().line("SKU-0100", 1, "20.00").build());
        backOffice.existingCustomer("C1", "jane@example.com", null);
        backOffice.createSalesOrder(new SalesOrderMapper(OrderMappingSettings.defaults(), RoutingSettings.defaults(),
                InMemoryBackOffice.ARITHMETIC).toDraft(order, List.of()).withCustomerId("C1"));
        state.keptSince(order.createdAt().plus(Duration.ofDays(1)));

        assertThat(orderImport.importOrder("abc123", 250, "catch-up after restore")).isEqualTo(Outcome.LINKED_EXISTING);
        assertThat(backOffice.ordersFor(REF)).isEqualTo(1);
    }

    @Test
    void an_order_an_earlier_attempt_may_have_posted_is_searched_for_even_when_newer_than_the_state() {
        StoreOrder order = place(StoreOrders.order().line("SKU-0100", 1, "20.00").build());
        state.keptSince(order.createdAt().minus(Duration.ofDays(1)));
        // an earlier attempt held the claim and wrote the order, and its link never reached the state
        state.claim(KEY, Duration.ofMinutes(2));
        backOffice.existingCustomer("C1", "jane@example.com", null);
        backOffice.createSalesOrder(new SalesOrderMapper(OrderMappingSettings.defaults(), RoutingSettings.defaults(),
                InMemoryBackOffice.ARITHMETIC).toDraft(order, List.of()).withCustomerId("C1"));
        state.release(KEY);

        assertThat(orderImport.importOrder("abc123", 250, "retry")).isEqualTo(Outcome.LINKED_EXISTING);
        assertThat(backOffice.ordersFor(REF)).isEqualTo(1);
    }

    @Test
    void with_look_up_before_create_always_a_first_attempt_finds_an_order_another_writer_posted() {
        StoreOrder order = place(StoreOrders.order().line("SKU-0100", 1, "20.00").build());
        state.keptSince(order.createdAt().minus(Duration.ofDays(1)));
        backOffice.existingCustomer("C1", "jane@example.com", null);
        backOffice.createSalesOrder(new SalesOrderMapper(OrderMappingSettings.defaults(), RoutingSettings.defaults(),
                InMemoryBackOffice.ARITHMETIC).toDraft(order, List.of()).withCustomerId("C1"));

        assertThat(importWith(Map.of(), OrderMappingSettings.ALWAYS).importOrder("abc123", 250, "created"))
                .isEqualTo(Outcome.LINKED_EXISTING);
        assertThat(backOffice.ordersFor(REF)).isEqualTo(1);
    }

    @Test
    void an_unknown_sku_parks_the_order_with_the_field_named_and_a_replay_after_the_fix_syncs_it() {
        place(StoreOrders.order().line("SKU-0100", 1, "20.00").line("SKU-NEW", 1, "5.00").build());

        Outcome outcome = orderImport.importOrder("abc123", 250, "store/order/created");

        assertThat(outcome).isEqualTo(Outcome.PARKED);
        assertThat(state.parkReason(KEY)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("lines[1].itemId").contains("SKU-NEW").contains("order 250 line 2"));
        assertThat(backOffice.orders()).isEmpty();

        // ops adds the item to the back office and replays
        backOffice.addItem("SKU-NEW");
        assertThat(orderImport.importOrder("abc123", 250, "replay")).isEqualTo(Outcome.CREATED);
        assertThat(backOffice.ordersFor(REF)).isEqualTo(1);
        assertThat(state.history(KEY)).extracting(AuditRecord::outcome).containsExactly(Outcome.PARKED, Outcome.CREATED);
    }

    @Test
    void an_unmapped_tax_class_parks_the_order_and_once_the_config_maps_it_a_replay_syncs_it() {
        place(StoreOrders.order().shipping("0").line("SKU-0100", 1, "20.00").build());
        store.taxes(250, List.of(new StoreTax(1, 7, "Luxury", "Tax", new BigDecimal("10"), Money.of("2.00", "USD"),
                "item", null, 5L)));
        backOffice.addItem("SKU-0100");

        OrderImport before = importWithTaxClasses(Map.of("0", "STDTAX"));
        assertThat(before.importOrder("abc123", 250, "store/order/created")).isEqualTo(Outcome.PARKED);
        assertThat(state.parkReason(KEY)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("taxes.tax_class_id").contains("tax class 7 (Luxury").contains("orders.tax_classes"));
        assertThat(backOffice.orders()).isEmpty();

        // the merchant maps the class; the functions start again with the file, and ops replays the order
        OrderImport after = importWithTaxClasses(Map.of("0", "STDTAX", "7", "LUXTAX"));
        assertThat(after.importOrder("abc123", 250, "replay")).isEqualTo(Outcome.CREATED);
        assertThat(backOffice.ordersFor(REF)).isEqualTo(1);
        assertThat(backOffice.orders().get(0).draft().taxes()).extracting(t -> t.taxId(), t -> t.amount().amount().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("LUXTAX", "2.00"));
        assertThat(state.history(KEY)).extracting(AuditRecord::outcome).containsExactly(Outcome.PARKED, Outcome.CREATED);
    }

    private OrderImport importWithTaxClasses(Map<String, String> classes) {
        return importWith(classes, OrderMappingSettings.WHEN_UNCERTAIN);
    }

    private OrderImport importWith(Map<String, String> classes, String lookUpBeforeCreate) {
        ConnectorConfig d = ConnectorConfig.defaults();
        OrderMappingSettings o = d.orders();
        OrderMappingSettings orders = new OrderMappingSettings(o.taxId(), classes, o.handlingItem(), o.wrappingItem(),
                o.roundingItem(), o.customProductItem(), o.giftCertificateItem(), o.feeItem(), o.refundItem(),
                o.roundingTolerance(), o.unitPriceDecimals(), o.shipVia(), o.paymentMethods(), null, o.refundDocument(), java.util.Set.of(), lookUpBeforeCreate);
        return OrderFlows.wire(store, backOffice.backOffice(), state, state, new ConnectorConfig(orders, d.statuses(), d.customers(),
                d.payments(), d.routing(), d.stock(), d.catalog(), d.fulfilment(), d.reliability(), d.backOffices(), d.priceLists(), d.invoices(), d.units()), clock, Duration.ofMinutes(2)).orderImport();
    }

    @Test
    void a_transient_failure_releases_the_claim_so_the_retry_runs_at_once() {
        place(StoreOrders.order().line("SKU-0100", 1, "20.00").build());
        backOffice.down = true;

        assertThatThrownBy(() -> orderImport.importOrder("abc123", 250, "created"))
                .isInstanceOf(TransientFailure.class).hasMessageContaining("unavailable");
        backOffice.down = false;

        assertThat(orderImport.importOrder("abc123", 250, "retry")).isEqualTo(Outcome.CREATED);
        assertThat(state.history(KEY)).extracting(AuditRecord::outcome).containsExactly(Outcome.RETRYING, Outcome.CREATED);
        assertThat(state.history(KEY).get(0).error()).contains("unavailable");
    }

    @Test
    void an_incomplete_order_is_skipped_and_imported_once_its_checkout_completes() {
        place(StoreOrders.order().status(0).line("SKU-0100", 1, "20.00").build());

        assertThat(orderImport.importOrder("abc123", 250, "created")).isEqualTo(Outcome.SKIPPED);
        assertThat(backOffice.orders()).isEmpty();

        place(StoreOrders.order().status(11).line("SKU-0100", 1, "20.00").build());
        assertThat(orderImport.importOrder("abc123", 250, "statusUpdated")).isEqualTo(Outcome.CREATED);
    }

    @Test
    void an_order_the_store_does_not_have_is_skipped() {
        assertThat(orderImport.importOrder("abc123", 999, "created")).isEqualTo(Outcome.SKIPPED);
        assertThat(state.history("order#abc123#999").get(0).error()).contains("no order 999");
    }

    @Test
    void two_orders_from_one_new_buyer_processed_at_once_create_one_customer() throws Exception {
        for (long id = 1; id <= 6; id++) {
            place(StoreOrders.order().id(id).email("new.buyer@example.com").line("SKU-0100", 1, "20.00").build());
        }
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            List<Future<?>> done = new ArrayList<>();
            for (long id = 1; id <= 6; id++) {
                long orderId = id;
                done.add(pool.submit(() -> {
                    go.await();
                    // a busy customer claim sends the order back to the queue; the redelivery then succeeds
                    for (int attempt = 0; attempt < 50; attempt++) {
                        try {
                            return orderImport.importOrder("abc123", orderId, "created");
                        } catch (TransientFailure busy) {
                            Thread.sleep(5);
                        }
                    }
                    throw new AssertionError("order " + orderId + " never imported");
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertThat(backOffice.customerCreates.get()).isEqualTo(1);
        assertThat(backOffice.orders()).hasSize(6).extracting(o -> o.draft().customerId()).containsOnly("C1");
    }

    @Test
    void a_returning_customer_is_matched_once_and_not_created_again() {
        place(StoreOrders.order().id(1).line("SKU-0100", 1, "20.00").build());
        place(StoreOrders.order().id(2).email("JANE@example.com ").line("SKU-0101", 1, "9.00").build());
        place(StoreOrders.order().id(3).email("someone@else.com").guest().line("SKU-0101", 1, "9.00").build());

        orderImport.importOrder("abc123", 1, "created");
        int callsBefore = backOffice.calls.get();
        orderImport.importOrder("abc123", 2, "created");
        orderImport.importOrder("abc123", 3, "created");

        assertThat(backOffice.customerCreates.get()).isEqualTo(2);
        assertThat(backOffice.orders()).extracting(o -> o.draft().customerId()).containsExactly("C1", "C1", "C2");
        // order 2: look up by external reference, then create; the customer came from the completed claim
        assertThat(backOffice.calls.get() - callsBefore).isEqualTo(2 + 4);
    }
}
