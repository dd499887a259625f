package com.bcerp.core.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.backoffice.DocumentState;
import com.bcerp.core.config.InvalidConfig;
import com.bcerp.core.fakes.InMemoryCursors;
import com.bcerp.core.fakes.InMemoryFulfilmentSource;
import com.bcerp.core.fakes.InMemoryStoreFulfilment;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.order.OwnStatusWrites;
import com.bcerp.core.order.StatusSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Payment back ({@code fulfilment.paid_status}): a shipped order whose every invoice the back office records paid
 * moves to the configured store status, with a staff-notes line naming the invoices and payments, once.
 */
class PaymentBackTest {

    static final String STORE = "abc123";
    static final int SHIPPED = 2;
    static final int COMPLETED = 10;
    static final int AWAITING_FULFILLMENT = 11;

    MutableClock clock = new MutableClock(Instant.parse("2026-11-24T08:00:00Z"));
    InMemorySyncState state = new InMemorySyncState(clock);
    InMemoryFulfilmentSource erp = new InMemoryFulfilmentSource(clock);
    InMemoryStoreFulfilment store = new InMemoryStoreFulfilment();
    FulfilmentSettings settings = FulfilmentSettings.defaults().withPaidStatus(COMPLETED);
    // B2B terms: invoicing does not complete the order, the payment does
    StatusSettings statuses = new StatusSettings(List.of(1, 11), List.of(5), Map.of("shipped", SHIPPED));
    InMemoryCursors cursors = new InMemoryCursors();
    OwnStatusWrites ownWrites = new OwnStatusWrites(state, Duration.ofMinutes(10));
    List<Integer> statusWrites = new ArrayList<>();

    FulfilmentReport run() {
        clock.advance(Duration.ofMinutes(5));
        FulfilmentReport report = new FulfilmentSync(erp, store, cursors, state, settings,
                statuses, ownWrites, STORE, clock, Duration.ofMinutes(2)).run();
        clock.advance(Duration.ofSeconds(30));
        return report;
    }


    /** Store order 250 (2 x TEE), shipped in full and invoiced as INV000045: Shipped in the store, nothing paid. */
    void shippedAndInvoiced() {
        store.order(250, 100L, "TEE", 2);
        store.onStatus = (id, status) -> statusWrites.add(status);
        erp.order("SO000001", "BC-abc123-250")
                .ship("SO000001", "SH000001", true, "UPSGROUND", List.of("1Z1"), "100", "TEE", 2)
                .state("SO000001", DocumentState.SHIPPED)
                .invoice("SO000001", "INV000045");
        FulfilmentReport first = run();
        assertThat(first.paymentsApplied()).isZero();
        assertThat(store.order(250).orElseThrow().statusId()).isEqualTo(SHIPPED);
        statusWrites.clear();
    }

    FulfilmentOrder order() {
        return store.order(250).orElseThrow();
    }

    @Test
    void a_paid_invoice_moves_the_order_to_the_paid_status_and_names_the_payment_once() {
        shippedAndInvoiced();
        erp.pay("SO000001", "INV000045", "000012", "BT-2026-118", true);

        FulfilmentReport paid = run();

        assertThat(paid.paymentsApplied()).isEqualTo(1);
        assertThat(order().statusId()).isEqualTo(COMPLETED);
        assertThat(order().staffNotes()).isEqualTo("Back office: ERP sales order SO000001; invoice INV000045\n"
                + "Paid: ERP invoice INV000045 by payment 000012 (ref BT-2026-118)");
        assertThat(statusWrites).containsExactly(COMPLETED);
        assertThat(ownWrites.isEcho(STORE, 250, COMPLETED, clock.instant())).as("its echo is the connector's own").isTrue();

        // the back office touches the order again; staff move the store order on and add a line
        store.setStatus(250, AWAITING_FULFILLMENT);
        store.staffNotes(250, "Call first\n" + order().staffNotes());
        erp.state("SO000001", DocumentState.SHIPPED);
        statusWrites.clear();
        String notes = order().staffNotes();

        FulfilmentReport again = run();

        assertThat(again.orders()).isEqualTo(1);
        assertThat(again.paymentsApplied()).isZero();
        assertThat(again.statusesSet()).isZero();
        assertThat(statusWrites).as("applied once: a status staff set afterwards stands").isEmpty();
        assertThat(order().staffNotes()).isEqualTo(notes);
    }

    @Test
    void nothing_happens_until_every_invoice_is_paid_in_full() {
        shippedAndInvoiced();
        erp.invoice("SO000001", "INV000046").pay("SO000001", "INV000045", "000012", "BT-1", true)
                .pay("SO000001", "INV000046", "000013", null, false);

        assertThat(run().paymentsApplied()).as("INV000046 is paid in part").isZero();
        assertThat(order().statusId()).isEqualTo(SHIPPED);
        assertThat(order().staffNotes()).doesNotContain("Paid:");

        erp.pay("SO000001", "INV000046", "000014", "CHK 5521", true);

        assertThat(run().paymentsApplied()).isEqualTo(1);
        assertThat(order().statusId()).isEqualTo(COMPLETED);
        assertThat(order().staffNotes()).endsWith("\nPaid: ERP invoice INV000045 by payment 000012 (ref BT-1); "
                + "invoice INV000046 by payment 000013, payment 000014 (ref CHK 5521)");
    }

    @Test
    void an_invoice_closed_without_a_named_payment_is_noted_as_paid() {
        shippedAndInvoiced();
        erp.pay("SO000001", "INV000045", null, null, true);

        assertThat(run().paymentsApplied()).isEqualTo(1);
        assertThat(order().staffNotes()).endsWith("\nPaid: ERP invoice INV000045 paid");
    }

    @Test
    void an_order_not_shipped_in_full_waits_even_when_its_invoices_are_paid() {
        store.order(250, 100L, "TEE", 2);
        erp.order("SO000001", "BC-abc123-250")
                .ship("SO000001", "SH000001", true, "UPSGROUND", List.of("1Z1"), "100", "TEE", 1)
                .state("SO000001", DocumentState.PARTLY_SHIPPED)
                .invoice("SO000001", "INV000045").pay("SO000001", "INV000045", "000012", "BT-1", true);

        assertThat(run().paymentsApplied()).isZero();
        assertThat(order().staffNotes()).doesNotContain("Paid:");
    }

    @Test
    void switched_off_by_default() {
        settings = FulfilmentSettings.defaults();
        shippedAndInvoiced();
        erp.pay("SO000001", "INV000045", "000012", "BT-1", true);

        assertThat(run().paymentsApplied()).isZero();
        assertThat(order().statusId()).isEqualTo(SHIPPED);
        assertThat(order().staffNotes()).doesNotContain("Paid:");
    }

    @Test
    void a_cancelled_or_refunded_store_order_is_never_moved() {
        shippedAndInvoiced();
        store.setStatus(250, 4); // refunded in the store meanwhile
        statusWrites.clear();
        erp.pay("SO000001", "INV000045", "000012", "BT-1", true);

        assertThat(run().paymentsApplied()).isZero();
        assertThat(order().statusId()).isEqualTo(4);
        assertThat(order().staffNotes()).doesNotContain("Paid:");
        assertThat(statusWrites).isEmpty();
    }

    @Test
    void an_order_already_as_far_along_keeps_its_status_and_gets_the_note() {
        settings = settings.withPaidStatus(AWAITING_FULFILLMENT);
        shippedAndInvoiced();
        erp.pay("SO000001", "INV000045", "000012", "BT-1", true);

        assertThat(run().paymentsApplied()).isEqualTo(1);
        assertThat(order().statusId()).as("Shipped is further on than Awaiting Fulfillment").isEqualTo(SHIPPED);
        assertThat(statusWrites).isEmpty();
        assertThat(order().staffNotes()).endsWith("\nPaid: ERP invoice INV000045 by payment 000012 (ref BT-1)");
    }

    @Test
    void a_run_that_died_after_the_note_finishes_without_writing_it_twice() {
        shippedAndInvoiced();
        erp.pay("SO000001", "INV000045", "000012", "BT-1", true);
        store.onStatus = (id, status) -> {
            throw new IllegalStateException("the process died after the store took status " + status);
        };

        FulfilmentReport died = run();
        assertThat(died.retrying() + died.parked()).isPositive();
        String notes = order().staffNotes();
        assertThat(notes).endsWith("Paid: ERP invoice INV000045 by payment 000012 (ref BT-1)");

        store.onStatus = (id, status) -> statusWrites.add(status);
        FulfilmentReport next = run();

        assertThat(next.paymentsApplied()).isEqualTo(1);
        assertThat(order().statusId()).isEqualTo(COMPLETED);
        assertThat(statusWrites).as("the status reached the store before the crash").isEmpty();
        assertThat(order().staffNotes()).isEqualTo(notes);
        assertThat(run().paymentsApplied()).isZero();
    }

    @Test
    void a_paid_status_an_order_cannot_take_is_refused_naming_the_field() {
        assertThatThrownBy(() -> FulfilmentSettings.defaults().withPaidStatus(5)).isInstanceOf(InvalidConfig.class)
                .hasMessageContaining("paid_status").hasMessageContaining("was 5");
    }
}
