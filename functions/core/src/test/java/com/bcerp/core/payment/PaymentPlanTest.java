package com.bcerp.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.bcerp.core.model.Money;
import com.bcerp.core.model.PaymentTransaction;
import com.bcerp.core.payment.PaymentPlan.Planned;
import com.bcerp.core.payment.PaymentPlan.Stage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaymentPlanTest {

    static PaymentTransaction txn(long id, String event, String amount, Long reference) {
        return new PaymentTransaction(id, 250, event, "credit_card", Money.of(amount, "USD"), "braintree", "gw-" + id,
                "braintree.card", "ok", false, Instant.parse("2026-11-20T10:00:00Z").plusSeconds(id), reference);
    }

    private static List<Object[]> summary(List<Planned> plan) {
        return plan.stream().map(p -> new Object[] {p.opening().id(), p.amount().amount().toPlainString(), p.stage()})
                .toList();
    }

    @Test
    void a_purchase_is_one_captured_payment() {
        assertThat(PaymentPlan.of(List.of(txn(1, "purchase", "49.90", null))))
                .extracting(p -> p.opening().id(), p -> p.amount().amount().toPlainString(), Planned::stage)
                .containsExactly(tuple(1L, "49.90", Stage.CAPTURED));
    }

    @Test
    void an_authorisation_is_held_until_captured_and_then_released_at_the_captured_amount() {
        assertThat(PaymentPlan.of(List.of(txn(1, "authorization", "50.00", null))))
                .extracting(Planned::stage).containsExactly(Stage.AUTHORIZED);

        List<Planned> captured = PaymentPlan.of(List.of(txn(1, "authorization", "50.00", null),
                txn(2, "capture", "45.00", 1L)));
        assertThat(captured).extracting(p -> p.opening().id(), p -> p.amount().amount().toPlainString(), Planned::stage)
                .containsExactly(tuple(1L, "45.00", Stage.CAPTURED));
    }

    @Test
    void a_capture_without_a_reference_captures_the_open_authorisation_and_events_arrive_in_any_order() {
        List<PaymentTransaction> inOrder = List.of(txn(1, "authorization", "50.00", null), txn(2, "capture", "50.00", null));
        List<PaymentTransaction> reversed = List.of(inOrder.get(1), inOrder.get(0));

        assertThat(summary(PaymentPlan.of(reversed))).usingRecursiveComparison().isEqualTo(summary(PaymentPlan.of(inOrder)));
        assertThat(PaymentPlan.of(inOrder)).singleElement().extracting(Planned::stage).isEqualTo(Stage.CAPTURED);
    }

    @Test
    void a_void_voids_the_authorisation_it_names() {
        List<Planned> plan = PaymentPlan.of(List.of(txn(1, "authorization", "50.00", null),
                txn(2, "authorization", "20.00", null), txn(3, "void", "50.00", 1L)));

        assertThat(plan).extracting(p -> p.opening().id(), Planned::stage)
                .containsExactly(tuple(1L, Stage.VOIDED), tuple(2L, Stage.AUTHORIZED));
    }

    @Test
    void a_capture_of_no_known_authorisation_is_its_own_payment_and_refunds_pending_and_failures_post_nothing() {
        PaymentTransaction failed = new PaymentTransaction(9, 250, "purchase", "credit_card", Money.of("10", "USD"),
                "braintree", "gw-9", "", "error", false, Instant.parse("2026-11-20T10:00:00Z"), null);
        List<Planned> plan = PaymentPlan.of(List.of(txn(1, "capture", "30.00", 77L), txn(2, "refund", "5.00", 1L),
                txn(3, "pending", "1.00", null), txn(4, "settled", "30.00", null), failed));

        assertThat(plan).extracting(p -> p.opening().id(), Planned::stage).containsExactly(tuple(1L, Stage.CAPTURED));
    }

    @Test
    void gift_certificate_and_card_payments_of_one_order_are_separate_payments() {
        PaymentTransaction giftCertificate = new PaymentTransaction(1, 250, "purchase", "gift_certificate",
                Money.of("25.00", "USD"), "giftcertificate", "GC-1", "", "ok", false, Instant.parse("2026-11-20T10:00:00Z"),
                null);
        List<Planned> plan = PaymentPlan.of(List.of(giftCertificate, txn(2, "purchase", "24.90", null)));

        assertThat(plan).extracting(p -> p.opening().gateway(), p -> p.amount().amount().toPlainString())
                .containsExactly(tuple("giftcertificate", "25.00"), tuple("braintree", "24.90"));
    }
}
