package com.bcerp.core.payment;

import static com.bcerp.core.payment.PaymentPlanTest.txn;
import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.fakes.InMemoryBackOffice;
import com.bcerp.core.fakes.InMemoryStore;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.fakes.StoreOrders;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.PaymentStatus;
import com.bcerp.core.model.PaymentTransaction;
import com.bcerp.core.order.OrderFlows;
import com.bcerp.core.sync.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaymentSyncTest {

    private static final PaymentSettings CARDS = new PaymentSettings(true, List.of(
            new PaymentSettings.MethodRule("braintree", "EUR", "CARD-EUR", "10210"),
            new PaymentSettings.MethodRule("braintree", null, "CARD", "10200"),
            new PaymentSettings.MethodRule("giftcertificate", null, "GIFTCERT", "24000")));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final InMemorySyncState state = new InMemorySyncState(clock);
    private final InMemoryBackOffice backOffice = new InMemoryBackOffice(Set.of("SKU-0100"));
    private final InMemoryStore store = new InMemoryStore();

    private OrderFlows flows(PaymentSettings payments) {
        return flows(store, payments);
    }

    private OrderFlows flows(InMemoryStore store, PaymentSettings payments) {
        ConnectorConfig d = ConnectorConfig.defaults();
        return OrderFlows.wire(store, backOffice.backOffice(), state, state, new ConnectorConfig(d.orders(), d.statuses(), d.customers(),
                payments, d.routing(), d.stock(), d.catalog(), d.fulfilment(), d.reliability(), d.backOffices(), d.priceLists(), d.invoices(), d.units()), clock, Duration.ofMinutes(2));
    }

    @Test
    void the_orders_payment_is_posted_with_its_import_applied_to_the_sales_order_with_the_mapped_method() {
        store.place(StoreOrders.order().line("SKU-0100", 2, "20.00").build()).transaction(txn(1, "purchase", "54.00", null));

        assertThat(flows(CARDS).orderImport().importOrder("abc123", 250, "created")).isEqualTo(Outcome.CREATED);

        assertThat(backOffice.payments()).singleElement().satisfies(p -> {
            assertThat(p.draft().externalRef()).isEqualTo("BC-abc123-250-T1");
            assertThat(p.draft().paymentMethod()).isEqualTo("CARD");
            assertThat(p.draft().cashAccount()).isEqualTo("10200");
            assertThat(p.draft().amount()).isEqualTo(Money.of("54.00", "USD"));
            assertThat(p.draft().appliesTo().display()).isEqualTo("doc-1");
            assertThat(p.draft().customerId()).isEqualTo("C1");
            assertThat(p.draft().paymentRef()).isEqualTo("gw-1");
            assertThat(p.posted().onHold()).isFalse();
        });
    }

    @Test
    void transaction_events_delivered_twice_and_out_of_order_end_with_one_released_payment() {
        OrderFlows flows = flows(CARDS);
        store.place(StoreOrders.order().line("SKU-0100", 2, "20.00").build()).transaction(txn(1, "authorization", "54.00", null));
        flows.orderImport().importOrder("abc123", 250, "created");
        assertThat(backOffice.payments()).singleElement().satisfies(p -> assertThat(p.posted().onHold()).isTrue());

        store.transaction(txn(2, "capture", "54.00", 1L));
        assertThat(flows.payments().sync("abc123", 250, "transaction/created 2")).isEqualTo(Outcome.CREATED);
        assertThat(flows.payments().sync("abc123", 250, "transaction/created 2 again")).isEqualTo(Outcome.ALREADY_SYNCED);
        assertThat(flows.payments().sync("abc123", 250, "transaction/created 1 late")).isEqualTo(Outcome.ALREADY_SYNCED);

        assertThat(backOffice.payments()).singleElement().satisfies(p -> {
            assertThat(p.posted().onHold()).isFalse();
            assertThat(p.posted().amount()).isEqualTo(Money.of("54.00", "USD"));
        });
    }

    @Test
    void a_capture_pending_at_the_provider_keeps_the_payment_held_and_a_declined_one_never_releases_it() {
        OrderFlows flows = flows(CARDS);
        store.place(StoreOrders.order().line("SKU-0100", 2, "20.00").build()).transaction(txn(1, "authorization", "54.00", null));
        flows.orderImport().importOrder("abc123", 250, "created");

        // the store lists the capture while its payment reads capture pending: a state, not a success
        store.place(StoreOrders.order().line("SKU-0100", 2, "20.00").paymentStatus(PaymentStatus.CAPTURE_PENDING).build())
                .transaction(txn(2, "capture", "54.00", 1L));
        assertThat(flows.payments().sync("abc123", 250, "transaction/created 2")).isEqualTo(Outcome.ALREADY_SYNCED);
        assertThat(backOffice.payments()).singleElement().satisfies(p -> assertThat(p.posted().onHold()).isTrue());

        // the provider declines it: the capture reads error, the payment declined; delivered twice, still held
        InMemoryStore later = new InMemoryStore();
        later.place(StoreOrders.order().line("SKU-0100", 2, "20.00").paymentStatus(PaymentStatus.DECLINED).build())
                .transaction(txn(1, "authorization", "54.00", null))
                .transaction(new PaymentTransaction(2, 250, "capture", "credit_card", Money.of("54.00", "USD"), "braintree",
                        "bt-2", "", "error", false, Instant.parse("2026-03-01T10:05:00Z"), 1L));
        OrderFlows again = flows(later, CARDS);
        again.payments().sync("abc123", 250, "transaction/updated 2");
        again.payments().sync("abc123", 250, "transaction/updated 2 again");
        assertThat(backOffice.payments()).singleElement().satisfies(p -> {
            assertThat(p.posted().onHold()).isTrue();
            assertThat(p.posted().isVoided()).isFalse();
        });
    }

    @Test
    void a_pending_capture_the_provider_settles_releases_the_payment_once() {
        OrderFlows flows = flows(CARDS);
        store.place(StoreOrders.order().line("SKU-0100", 2, "20.00").paymentStatus(PaymentStatus.CAPTURE_PENDING).build())
                .transaction(txn(1, "authorization", "54.00", null)).transaction(txn(2, "capture", "54.00", 1L));
        flows.orderImport().importOrder("abc123", 250, "created");
        assertThat(backOffice.payments()).singleElement().satisfies(p -> assertThat(p.posted().onHold()).isTrue());

        store.place(StoreOrders.order().line("SKU-0100", 2, "20.00").build());
        assertThat(flows.payments().sync("abc123", 250, "transaction/updated 2")).isEqualTo(Outcome.CREATED);
        assertThat(flows.payments().sync("abc123", 250, "order/updated late")).isEqualTo(Outcome.ALREADY_SYNCED);
        assertThat(backOffice.payments()).singleElement().satisfies(p -> assertThat(p.posted().onHold()).isFalse());
    }

    @Test
    void a_void_of_the_authorisation_voids_the_payment() {
        OrderFlows flows = flows(CARDS);
        store.place(StoreOrders.order().line("SKU-0100", 1, "20.00").build()).transaction(txn(1, "authorization", "32.00", null));
        flows.orderImport().importOrder("abc123", 250, "created");

        store.transaction(txn(2, "void", "32.00", 1L));
        flows.payments().sync("abc123", 250, "transaction/created 2");

        assertThat(backOffice.payments()).singleElement().satisfies(p -> assertThat(p.posted().isVoided()).isTrue());
    }

    @Test
    void the_method_is_chosen_per_gateway_and_currency_and_a_gift_certificate_is_a_payment() {
        store.place(StoreOrders.order().currency("EUR", "USD", "0.92").line("SKU-0100", 1, "20.00").build())
                .transaction(new PaymentTransaction(1, 250, "purchase", "gift_certificate", Money.of("10.00", "EUR"),
                        "giftcertificate", "GC-XYZ", "", "ok", false, Instant.parse("2026-11-20T10:00:00Z"), null))
                .transaction(new PaymentTransaction(2, 250, "purchase", "credit_card", Money.of("22.00", "EUR"),
                        "braintree", "gw-2", "", "ok", false, Instant.parse("2026-11-20T10:00:01Z"), null));

        flows(CARDS).orderImport().importOrder("abc123", 250, "created");

        assertThat(backOffice.payments()).extracting(p -> p.draft().paymentMethod(), p -> p.draft().amount())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GIFTCERT", Money.of("10.00", "EUR")),
                        org.assertj.core.groups.Tuple.tuple("CARD-EUR", Money.of("22.00", "EUR")));
    }

    @Test
    void an_unmapped_gateway_parks_the_payments_not_the_order_and_a_replay_after_the_fix_posts_them() {
        store.place(StoreOrders.order().line("SKU-0100", 1, "20.00").build()).transaction(new PaymentTransaction(7, 250,
                "purchase", "offline", Money.of("32.00", "USD"), "cod", "", "", "ok", false,
                Instant.parse("2026-11-20T10:00:00Z"), null));

        assertThat(flows(CARDS).orderImport().importOrder("abc123", 250, "created")).isEqualTo(Outcome.CREATED);

        assertThat(backOffice.ordersFor("BC-abc123-250")).isEqualTo(1);
        assertThat(backOffice.payments()).isEmpty();
        assertThat(state.parkReason("payments#abc123#250")).hasValueSatisfying(reason -> assertThat(reason)
                .contains("order 250").contains("transaction 7").contains("gateway 'cod'").contains("payments.methods"));

        PaymentSettings fixed = new PaymentSettings(true, List.of(new PaymentSettings.MethodRule("cod", null, "CASH", null)));
        assertThat(flows(fixed).payments().sync("abc123", 250, "replay")).isEqualTo(Outcome.CREATED);
        assertThat(backOffice.payments()).singleElement().satisfies(p -> assertThat(p.draft().paymentMethod()).isEqualTo("CASH"));
        assertThat(state.parked()).isEmpty();
    }

    @Test
    void a_transaction_for_an_order_not_yet_imported_waits_for_the_import() {
        OrderFlows flows = flows(CARDS);
        store.place(StoreOrders.order().line("SKU-0100", 1, "20.00").build()).transaction(txn(1, "purchase", "32.00", null));

        assertThat(flows.payments().sync("abc123", 250, "transaction/created")).isEqualTo(Outcome.SKIPPED);
        assertThat(backOffice.payments()).isEmpty();
        flows.orderImport().importOrder("abc123", 250, "created");
        assertThat(backOffice.payments()).hasSize(1);
    }

    @Test
    void with_payments_off_nothing_is_asked_of_the_store_or_the_back_office() {
        store.place(StoreOrders.order().line("SKU-0100", 1, "20.00").build()).transaction(txn(1, "purchase", "32.00", null));
        OrderFlows flows = flows(PaymentSettings.defaults());
        flows.orderImport().importOrder("abc123", 250, "created");
        int storeCalls = store.calls.get();

        assertThat(flows.payments().sync("abc123", 250, "transaction/created")).isEqualTo(Outcome.SKIPPED);
        assertThat(store.calls.get()).isEqualTo(storeCalls);
        assertThat(backOffice.payments()).isEmpty();
    }
}
