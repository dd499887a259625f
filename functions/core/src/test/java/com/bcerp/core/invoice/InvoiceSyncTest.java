package com.bcerp.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.backoffice.PostedInvoice;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.config.InvalidConfig;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.fakes.InMemoryBackOffice;
import com.bcerp.core.fakes.InMemoryInvoices;
import com.bcerp.core.fakes.InMemoryStore;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.fakes.StoreOrders;
import com.bcerp.core.invoice.InvoiceSettings.MethodRule;
import com.bcerp.core.invoice.InvoiceSettings.Mode;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.PaymentTransaction;
import com.bcerp.core.model.StoreRefund;
import com.bcerp.core.order.OrderFlows;
import com.bcerp.core.payment.PaymentSettings;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.sync.Outcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InvoiceSyncTest {

    private static final PaymentSettings CARDS = new PaymentSettings(true, List.of(
            new PaymentSettings.MethodRule("braintree", null, "CARD", "10200"),
            new PaymentSettings.MethodRule("cod", null, "CASH", null)));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final InMemorySyncState state = new InMemorySyncState(clock);
    private final InMemoryBackOffice backOffice = new InMemoryBackOffice(Set.of("SKU-0100", "EBOOK", "REFUND"));
    private final InMemoryInvoices invoices = new InMemoryInvoices(backOffice);
    private final InMemoryStore store = new InMemoryStore();

    private OrderFlows flows(Mode mode) {
        return flows(invoices.backOffice(), new InvoiceSettings(true, List.of(new MethodRule("braintree", mode))));
    }

    private OrderFlows flows(BackOffice target, InvoiceSettings settings) {
        ConnectorConfig d = ConnectorConfig.defaults();
        return OrderFlows.wire(store, target, state, state, new ConnectorConfig(d.orders(), d.statuses(), d.customers(),
                CARDS, d.routing(), d.stock(), d.catalog(), d.fulfilment(), d.reliability(), d.backOffices())
                .withInvoices(settings), clock, Duration.ofMinutes(2));
    }

    static PaymentTransaction txn(long id, String event, String amount, String gateway, Long reference) {
        return new PaymentTransaction(id, 250, event, "credit_card", Money.of(amount, "USD"), gateway, "gw-" + id,
                gateway + ".card", "ok", false, Instant.parse("2026-11-20T10:00:00Z").plusSeconds(id), reference);
    }

    @Test
    void a_paid_order_is_invoiced_from_its_sales_order_released_and_its_payment_applied_to_a_zero_balance_once() {
        // 2 x 20.00 and 10.00 shipping, 10% tax: 55.00
        store.place(StoreOrders.order().line("SKU-0100", 2, "20.00").build())
                .transaction(txn(1, "purchase", "55.00", "braintree", null));
        OrderFlows flows = flows(Mode.FROM_ORDER);

        assertThat(flows.orderImport().importOrder("abc123", 250, "created")).isEqualTo(Outcome.CREATED);

        assertThat(invoices.invoices()).singleElement().satisfies(i -> {
            assertThat(i.creditMemo()).isFalse();
            assertThat(i.externalRef()).isEqualTo("BC-abc123-250");
            assertThat(i.total()).isEqualTo(Money.of("55.00", "USD"));
            assertThat(i.released()).isTrue();
            assertThat(i.balance().isZero()).isTrue();
            assertThat(i.appliedPayments()).containsExactly(backOffice.payments().get(0).posted().id());
            assertThat(i.lines()).singleElement().satisfies(l -> {
                assertThat(l.itemId()).isEqualTo("SKU-0100");
                assertThat(l.quantity()).isEqualByComparingTo("2");
            });
        });
        assertThat(state.history(InvoiceSync.recordKey("abc123", 250)).get(0).outcome()).isEqualTo(Outcome.CREATED);

        // the webhook redelivered, the transaction's event and the order's update: still one invoice
        assertThat(flows.events().handle(event("store/order/transaction/created"))).isPresent();
        flows.orderImport().importOrder("abc123", 250, "updated");
        assertThat(invoices.creates.get()).isEqualTo(1);
        assertThat(invoices.invoices()).hasSize(1);
        assertThat(invoices.searches.get()).as("searched once, before the first create; then its link tells").isEqualTo(1);
    }

    @Test
    void an_authorised_order_is_invoiced_when_it_is_captured_not_before() {
        store.place(StoreOrders.order().line("SKU-0100", 2, "20.00").build())
                .transaction(txn(1, "authorization", "55.00", "braintree", null));
        OrderFlows flows = flows(Mode.FROM_ORDER);
        flows.orderImport().importOrder("abc123", 250, "created");
        assertThat(invoices.invoices()).isEmpty();
        assertThat(state.history(InvoiceSync.recordKey("abc123", 250)).get(0).error()).contains("not paid in full yet");

        store.transaction(txn(2, "capture", "55.00", "braintree", 1L));
        flows.events().handle(event("store/order/transaction/created"));

        assertThat(invoices.invoices()).singleElement().satisfies(i -> {
            assertThat(i.released()).isTrue();
            assertThat(i.balance().isZero()).isTrue();
        });
    }

    @Test
    void an_order_paid_through_a_gateway_the_config_does_not_invoice_stays_a_sales_order() {
        store.place(StoreOrders.order().line("SKU-0100", 2, "20.00").build())
                .transaction(txn(1, "purchase", "55.00", "cod", null));
        flows(Mode.FROM_ORDER).orderImport().importOrder("abc123", 250, "created");

        assertThat(invoices.invoices()).isEmpty();
        assertThat(backOffice.payments()).hasSize(1);
        assertThat(state.history(InvoiceSync.recordKey("abc123", 250)).get(0).error()).contains("gateway 'cod'");
    }

    @Test
    void direct_mode_posts_the_store_orders_lines_as_the_invoice() {
        store.place(StoreOrders.order().digitalLine("EBOOK", 1, "30.00").shipping("0.00").build())
                .transaction(txn(1, "purchase", "33.00", "braintree", null));
        flows(Mode.DIRECT).orderImport().importOrder("abc123", 250, "created");

        assertThat(invoices.invoices()).singleElement().satisfies(i -> {
            assertThat(i.externalRef()).isEqualTo("BC-abc123-250");
            assertThat(i.total()).isEqualTo(Money.of("33.00", "USD"));
            assertThat(i.lines()).extracting(l -> l.itemId()).containsExactly("EBOOK");
            assertThat(i.balance().isZero()).isTrue();
        });
    }

    @Test
    void a_release_cut_short_is_finished_by_the_next_run_without_a_second_invoice() {
        store.place(StoreOrders.order().line("SKU-0100", 2, "20.00").build())
                .transaction(txn(1, "purchase", "55.00", "braintree", null));
        OrderFlows flows = flows(Mode.FROM_ORDER);
        invoices.releaseFailsOnce = true;
        assertThatThrownBy(() -> flows.orderImport().importOrder("abc123", 250, "created"))
                .isInstanceOf(TransientFailure.class);
        assertThat(invoices.invoices()).singleElement().satisfies(i -> assertThat(i.released()).isFalse());

        flows.orderImport().importOrder("abc123", 250, "created (retry)");

        assertThat(invoices.creates.get()).isEqualTo(1);
        assertThat(invoices.invoices()).singleElement().satisfies(i -> {
            assertThat(i.released()).isTrue();
            assertThat(i.balance().isZero()).isTrue();
        });
    }

    @Test
    void an_invoice_whose_answer_was_lost_is_found_by_its_reference_not_prepared_again() {
        store.place(StoreOrders.order().line("SKU-0100", 2, "20.00").build())
                .transaction(txn(1, "purchase", "55.00", "braintree", null));
        OrderFlows flows = flows(Mode.FROM_ORDER);
        invoices.answerLostOnce = true;
        assertThatThrownBy(() -> flows.orderImport().importOrder("abc123", 250, "created"))
                .isInstanceOf(TransientFailure.class);

        flows.events().handle(event("store/order/transaction/created"));

        assertThat(invoices.creates.get()).as("the pending link is settled by the look-up").isEqualTo(1);
        assertThat(invoices.invoices()).singleElement().satisfies(i -> assertThat(i.balance().isZero()).isTrue());
    }

    @Test
    void a_refund_after_invoicing_is_a_credit_memo_against_the_invoice_not_a_credit_order() {
        store.place(StoreOrders.order().line("SKU-0100", 2, "20.00").build())
                .transaction(txn(1, "purchase", "55.00", "braintree", null));
        OrderFlows flows = flows(Mode.FROM_ORDER);
        flows.orderImport().importOrder("abc123", 250, "created");
        store.refund(new StoreRefund(3, 250, Instant.parse("2026-11-22T12:00:00Z"), "Damaged", Money.of("22.00", "USD"),
                Money.of("2.00", "USD"), List.of(new StoreRefund.Item(StoreRefund.ItemType.PRODUCT, 100, BigDecimal.ONE,
                        null, null)), List.of(new StoreRefund.Payment("braintree", Money.of("22.00", "USD"), false, false))));

        assertThat(flows.refunds().sync("abc123", 250, "refund/created")).isEqualTo(Outcome.CREATED);
        assertThat(flows.refunds().sync("abc123", 250, "refund/created (again)")).isNotEqualTo(Outcome.CREATED);

        PostedInvoice invoice = invoices.invoices().get(0);
        assertThat(invoices.invoices()).filteredOn(PostedInvoice::creditMemo).singleElement().satisfies(m -> {
            assertThat(m.externalRef()).isEqualTo("BC-abc123-250-R3");
            assertThat(m.against()).isEqualTo(invoice.id());
            assertThat(m.total()).isEqualTo(Money.of("22.00", "USD"));
            assertThat(m.released()).isTrue();
        });
        assertThat(backOffice.ordersFor("BC-abc123-250-R3")).as("no credit order against the sales order").isZero();
    }

    @Test
    void a_refund_declined_after_its_credit_memo_was_posted_parks_naming_the_memo_to_reverse() {
        store.place(StoreOrders.order().line("SKU-0100", 2, "20.00").build())
                .transaction(txn(1, "purchase", "55.00", "braintree", null));
        OrderFlows flows = flows(Mode.FROM_ORDER);
        flows.orderImport().importOrder("abc123", 250, "created");
        store.refund(refund(false));
        assertThat(flows.refunds().sync("abc123", 250, "refund/created")).isEqualTo(Outcome.CREATED);
        assertThat(invoices.invoices()).filteredOn(PostedInvoice::creditMemo).hasSize(1);
        assertThat(state.linksOf(com.bcerp.core.order.OrderLedger.invoiceOwner("memory", "BC-abc123-250")))
                .as("the invoice and its credit memo are linked").extracting(l -> l.id()).containsExactlyInAnyOrder(
                        invoices.invoices().get(0).id(), invoices.invoices().get(1).id());
        InMemoryStore declined = new InMemoryStore();
        declined.place(StoreOrders.order().line("SKU-0100", 2, "20.00").build())
                .transaction(txn(1, "purchase", "55.00", "braintree", null)).refund(refund(true));
        OrderFlows later = OrderFlows.wire(declined, invoices.backOffice(), state, state, config(
                new InvoiceSettings(true, List.of(new MethodRule("braintree", Mode.FROM_ORDER)))), clock, Duration.ofMinutes(2));

        assertThat(later.refunds().sync("abc123", 250, "order/updated")).isEqualTo(Outcome.PARKED);

        String memo = invoices.invoices().stream().filter(PostedInvoice::creditMemo).findFirst().orElseThrow().id();
        assertThat(state.parked()).singleElement().satisfies(p -> assertThat(p.reason()).contains("reverse " + memo));
    }

    private static StoreRefund refund(boolean declined) {
        return new StoreRefund(3, 250, Instant.parse("2026-11-22T12:00:00Z"), "Damaged", Money.of("22.00", "USD"),
                Money.of("2.00", "USD"), List.of(new StoreRefund.Item(StoreRefund.ItemType.PRODUCT, 100, BigDecimal.ONE,
                        null, null)), List.of(new StoreRefund.Payment("braintree", Money.of("22.00", "USD"), false, declined)));
    }

    private static ConnectorConfig config(InvoiceSettings settings) {
        ConnectorConfig d = ConnectorConfig.defaults();
        return new ConnectorConfig(d.orders(), d.statuses(), d.customers(), CARDS, d.routing(), d.stock(), d.catalog(),
                d.fulfilment(), d.reliability(), d.backOffices()).withInvoices(settings);
    }

    @Test
    void a_back_office_without_invoices_is_refused_naming_the_field() {
        assertThatThrownBy(() -> flows(backOffice.backOffice(), new InvoiceSettings(true,
                List.of(new MethodRule("braintree", Mode.FROM_ORDER)))))
                .isInstanceOf(InvalidConfig.class).hasMessageContaining("invoices.enabled").hasMessageContaining("invoices");
        assertThatThrownBy(() -> new InvoiceSettings(true, List.of())).isInstanceOf(InvalidConfig.class)
                .hasMessageContaining("methods");
    }

    private static com.bcerp.core.model.StoreEvent event(String scope) {
        return new com.bcerp.core.model.StoreEvent("abc123", scope, "transaction", "2", 1_700_000_000L, "h-" + scope,
                java.util.Map.of("order_id", 250));
    }
}
