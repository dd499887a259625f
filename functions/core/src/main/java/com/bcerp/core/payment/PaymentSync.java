package com.bcerp.core.payment;

import com.bcerp.core.backoffice.PaymentDraft;
import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.PostedPayment;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.PaymentTransaction;
import com.bcerp.core.model.StoreOrder;
import com.bcerp.core.order.OrderFollowUp;
import com.bcerp.core.order.OrderLookup;
import com.bcerp.core.order.OrderPolicy;
import com.bcerp.core.order.SalesOrderMapper;
import com.bcerp.core.payment.PaymentPlan.Planned;
import com.bcerp.core.order.OrderLedger;
import com.bcerp.core.port.Storefront;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.sync.Attempt;
import com.bcerp.core.sync.ClaimedWork;
import com.bcerp.core.sync.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An order's payment transactions become back-office payments applied to its sales order: authorisations held,
 * captures and purchases released, voids voided, the payment method mapped per gateway and currency.
 *
 * <p>Each run reconciles the store's whole list of transactions against the payments already posted (found by
 * their external reference {@code BC-{store}-{order}-T{transaction}}), so a duplicate or late event changes nothing
 * and a run cut short is completed by the next. Runs for one order are serialised by a claim on
 * {@code payments#{store}#{order}}, released when done. A transaction whose gateway is not mapped parks that record
 * (naming it) before anything is posted; the sales order is unaffected, and a replay after the mapping is fixed
 * posts the payments.
 */
public final class PaymentSync implements OrderFollowUp {

    private final Storefront store;
    private final OrderLedger ledger;
    private final SyncState state;
    private final PaymentSettings settings;
    private final OrderLookup lookup;
    private final ClaimedWork claims;

    public PaymentSync(Storefront store, OrderLedger ledger, SyncState state, PaymentSettings settings,
            OrderPolicy policy, Clock clock, Duration lease) {
        this.store = store;
        this.ledger = ledger;
        this.state = state;
        this.settings = settings;
        this.lookup = new OrderLookup(store, ledger, policy);
        this.claims = new ClaimedWork(state, clock, lease);
    }

    public static String recordKey(String storeHash, long orderId) {
        return "payments#" + storeHash + "#" + orderId;
    }

    /** The external reference prefix of an order's payments; the transaction id follows. */
    public static String externalRefPrefix(String storeHash, long orderId) {
        return SalesOrderMapper.externalRef(storeHash, orderId) + "-T";
    }

    /** On a transaction event: the order's payments, if its sales order is in the back office. */
    public Outcome sync(String storeHash, long orderId, String trigger) {
        if (!settings.enabled()) {
            return Outcome.SKIPPED;
        }
        return claimed(storeHash, orderId, trigger, attempt -> {
            OrderLookup.Result result = lookup.find(storeHash, orderId);
            if (result instanceof OrderLookup.Skipped skipped) {
                return attempt.end(Outcome.SKIPPED, null, skipped.reason());
            }
            OrderLookup.Found found = (OrderLookup.Found) result;
            Optional<PostedDocument> sale = found.documents().sale();
            if (sale.isEmpty()) {
                return attempt.end(Outcome.SKIPPED, null, "order " + orderId + " is not in the back office yet; its"
                        + " payments are posted when it is imported");
            }
            return reconcile(found.order(), sale.get(), attempt);
        });
    }

    @Override
    public void afterImport(StoreOrder order, PostedDocument salesOrder, String trigger) {
        if (settings.enabled()) {
            claimed(order.storeHash(), order.id(), trigger, attempt -> reconcile(order, salesOrder, attempt));
        }
    }

    private Outcome claimed(String storeHash, long orderId, String trigger, Function<Attempt, Outcome> work) {
        return claims.run(recordKey(ledger.scope().store(storeHash), orderId), trigger, "the payments of order " + orderId, true, work);
    }

    private Outcome reconcile(StoreOrder order, PostedDocument sale, Attempt attempt) {
        List<PaymentTransaction> transactions = store.transactions(order.id());
        List<Planned> plan = PaymentPlan.of(transactions, order.paymentStatus());
        List<PaymentDraft> drafts = new ArrayList<>();
        for (Planned planned : plan) {
            drafts.add(draft(order, sale, planned, transactions.indexOf(planned.opening())));
        }
        String prefix = externalRefPrefix(order.storeHash(), order.id());
        String orderRef = SalesOrderMapper.externalRef(order.storeHash(), order.id());
        Map<String, PostedPayment> posted = ledger.payments(orderRef, prefix).stream()
                .collect(Collectors.toMap(PostedPayment::externalRef, p -> p, (a, b) -> a));
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            Planned planned = plan.get(i);
            PaymentDraft draft = drafts.get(i);
            PostedPayment existing = posted.get(draft.externalRef());
            switch (planned.stage()) {
                case VOIDED -> {
                    if (existing != null && !existing.isVoided()) {
                        ledger.voidPayment(existing);
                        changed.add("voided " + existing.display());
                    }
                }
                case AUTHORIZED, CAPTURED -> {
                    if (existing == null) {
                        changed.add("created " + ledger.createPayment(orderRef, draft).display());
                    } else if (!existing.isVoided() && (existing.onHold() != draft.onHold()
                            || !existing.amount().sameAs(draft.amount()))) {
                        changed.add("updated " + ledger.updatePayment(existing, draft).display());
                    }
                }
            }
        }
        // a pending or declined capture is a state the audit shows, not a success: its payment stays held
        String waiting = switch (order.paymentStatus()) {
            case CAPTURE_PENDING -> "; the capture is pending at the payment provider, its payment stays on hold";
            case DECLINED -> "; the payment provider declined the capture, its payment stays on hold";
            case SETTLED -> "";
        };
        return changed.isEmpty()
                ? attempt.end(Outcome.ALREADY_SYNCED, plan.size() + " payment(s) already posted" + waiting, null)
                : attempt.end(Outcome.CREATED, String.join(", ", changed) + waiting, null);
    }

    private PaymentDraft draft(StoreOrder order, PostedDocument sale, Planned planned, int index) {
        PaymentTransaction t = planned.opening();
        String currency = t.amount().currency();
        PaymentSettings.MethodRule rule = settings.ruleFor(t.gateway(), currency).orElseThrow(() -> new PermanentFailure(
                "transactions[" + index + "].gateway", order.describe() + ": transaction " + t.id() + " (" + t.event()
                        + " of " + t.amount() + " through gateway '" + t.gateway() + "') has no payment method mapped;"
                        + " add a payments.methods rule for gateway " + t.gateway() + " and currency " + currency));
        return new PaymentDraft(
                externalRefPrefix(order.storeHash(), order.id()) + t.id(),
                sale.customerId(),
                rule.paymentMethod(),
                rule.cashAccount(),
                planned.amount(),
                (t.createdAt() == null ? order.createdAt() : t.createdAt()).atZone(ZoneOffset.UTC).toLocalDate(),
                t.gatewayTransactionId() == null || t.gatewayTransactionId().isBlank() ? Long.toString(t.id())
                        : t.gatewayTransactionId(),
                planned.stage() == PaymentPlan.Stage.AUTHORIZED,
                sale.ref(),
                sale.branch(),
                "BigCommerce order " + order.id() + ": " + t.event() + " " + t.id() + " (" + t.gateway() + ")");
    }
}
