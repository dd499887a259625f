package com.bcerp.core.payment;

import com.bcerp.core.model.Money;
import com.bcerp.core.model.PaymentStatus;
import com.bcerp.core.model.PaymentTransaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the back office should hold for an order's payment transactions, worked out from the whole list the store
 * has now (so duplicate and out-of-order events change nothing): one payment per purchase, per authorisation (held
 * until captured, then released at the captured amount, or voided) and per capture of no known authorisation.
 * Refund transactions belong to refunds; pending, settled and failed ones post nothing. Captures are asynchronous:
 * while the order's payment reads capture pending (or declined), its latest capture is not counted, so the
 * authorisation stays held until the provider settles it.
 */
public final class PaymentPlan {

    /** Where a payment stands in the store. */
    public enum Stage { AUTHORIZED, CAPTURED, VOIDED }

    /** One payment to hold: identified by the transaction that opened it. */
    public record Planned(PaymentTransaction opening, Money amount, Stage stage) {}

    private PaymentPlan() {}

    /** The plan of an order whose payment has nothing outstanding at the provider. */
    public static List<Planned> of(List<PaymentTransaction> transactions) {
        return of(transactions, PaymentStatus.SETTLED);
    }

    public static List<Planned> of(List<PaymentTransaction> transactions, PaymentStatus status) {
        List<PaymentTransaction> sorted = transactions.stream()
                .sorted(Comparator.comparing((PaymentTransaction t) -> t.createdAt() == null ? java.time.Instant.EPOCH
                        : t.createdAt()).thenComparingLong(PaymentTransaction::id)).toList();
        Optional<PaymentTransaction> unsettled = status == PaymentStatus.SETTLED ? Optional.empty()
                : sorted.stream().filter(t -> t.event().equals("capture")).reduce((first, second) -> second);
        List<PaymentTransaction> ok = sorted.stream().filter(PaymentTransaction::isOk)
                .filter(t -> unsettled.map(u -> u.id() != t.id()).orElse(true)).toList();
        List<Planned> planned = new ArrayList<>();
        for (PaymentTransaction t : ok) {
            switch (t.event()) {
                case "purchase" -> planned.add(new Planned(t, t.amount(), Stage.CAPTURED));
                case "authorization" -> planned.add(new Planned(t, t.amount(), Stage.AUTHORIZED));
                case "capture" -> {
                    Optional<Integer> auth = target(planned, t, Stage.AUTHORIZED);
                    if (auth.isPresent()) {
                        Planned a = planned.get(auth.get());
                        Money captured = a.stage() == Stage.CAPTURED ? a.amount().plus(t.amount()) : t.amount();
                        planned.set(auth.get(), new Planned(a.opening(), captured, Stage.CAPTURED));
                    } else {
                        planned.add(new Planned(t, t.amount(), Stage.CAPTURED));
                    }
                }
                case "void" -> target(planned, t, null).ifPresent(i -> planned.set(i,
                        new Planned(planned.get(i).opening(), planned.get(i).amount(), Stage.VOIDED)));
                default -> { } // refund, pending, settled
            }
        }
        return planned;
    }

    /**
     * The payment a capture or void acts on: the one its reference names, else the latest still-open one (an
     * authorisation for a capture; any for a void).
     */
    private static Optional<Integer> target(List<Planned> planned, PaymentTransaction t, Stage onlyFrom) {
        if (t.referenceTransactionId() != null) {
            for (int i = 0; i < planned.size(); i++) {
                if (planned.get(i).opening().id() == t.referenceTransactionId()) {
                    return Optional.of(i);
                }
            }
            return Optional.empty();
        }
        for (int i = planned.size() - 1; i >= 0; i--) {
            Stage stage = planned.get(i).stage();
            if (onlyFrom == null ? stage != Stage.VOIDED : stage == onlyFrom) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
