package com.bcerp.core.refund;

import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.PostedInvoice;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.invoice.InvoiceSync;
import com.bcerp.core.model.StoreOrder;
import com.bcerp.core.model.StoreRefund;
import com.bcerp.core.model.StoreTax;
import com.bcerp.core.order.OrderDocuments;
import com.bcerp.core.order.OrderFollowUp;
import com.bcerp.core.order.OrderLookup;
import com.bcerp.core.order.OrderPolicy;
import com.bcerp.core.order.SalesOrderMapper;
import com.bcerp.core.order.OrderLedger;
import com.bcerp.core.port.Storefront;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.sync.Attempt;
import com.bcerp.core.sync.Claim;
import com.bcerp.core.sync.ClaimedWork;
import com.bcerp.core.sync.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Store refunds become credit documents linked to the order's sales order, each exactly once: a claim per refund
 * ({@code refund#{store}#{order}#{refund}}) and a look-up of the credit's reference ({@code BC-{store}-{order}-R{refund}})
 * before creating, as for orders. A refund event reconciles every refund the order has, oldest first (all events of
 * an order share one queue group, so they run one at a time), so a missed event is made good by the next.
 *
 * <p>A refund of an order that is to be imported but is not in the back office yet (its import is parked) parks
 * too, and is posted when the order's import succeeds. One refund that cannot be posted parks alone.
 *
 * <p>Where paid orders are invoiced ({@code invoices.enabled}), a refund of an order that has its invoice becomes a
 * credit memo against that invoice (same lines, same reference {@code ...-R{refund}}, linked among the order's
 * invoices), released, instead of a credit order against the sales order, which is invoiced already.
 */
public final class RefundImport implements OrderFollowUp {

    private final Storefront store;
    private final OrderLedger ledger;
    private final SyncState state;
    private final SalesOrderMapper mapper;
    private final RefundCreditMapper credits;
    private final OrderPolicy policy;
    private final OrderLookup lookup;
    private final Clock clock;
    private final Duration lease;
    private final ClaimedWork claims;
    private final boolean invoicing;

    public RefundImport(Storefront store, OrderLedger ledger, SyncState state, SalesOrderMapper mapper,
            OrderPolicy policy, Clock clock, Duration lease) {
        this(store, ledger, state, mapper, policy, clock, lease, false);
    }

    /** @param invoicing paid orders are invoiced: a refund of an invoiced order is a credit memo against its invoice */
    public RefundImport(Storefront store, OrderLedger ledger, SyncState state, SalesOrderMapper mapper,
            OrderPolicy policy, Clock clock, Duration lease, boolean invoicing) {
        this.invoicing = invoicing;
        this.store = store;
        this.ledger = ledger;
        this.state = state;
        this.mapper = mapper;
        this.credits = new RefundCreditMapper(mapper);
        this.policy = policy;
        this.lookup = new OrderLookup(store, ledger, policy);
        this.clock = clock;
        this.lease = lease;
        this.claims = new ClaimedWork(state, clock, lease);
    }

    public static String recordKey(String storeHash, long orderId, long refundId) {
        return "refund#" + storeHash + "#" + orderId + "#" + refundId;
    }

    /** On a refund event: every refund of the order not posted yet. */
    public Outcome sync(String storeHash, long orderId, String trigger) {
        return sync(storeHash, orderId, trigger, false);
    }

    /**
     * On an order update of an order with refunds: a refund's payment declined later is told only by the order's
     * update (BigCommerce documents no refund webhook for it), so the refunds are read again and a declined one's
     * credit cancelled. An order never refunded costs no refunds call.
     */
    public Outcome recheck(String storeHash, long orderId, String trigger) {
        return sync(storeHash, orderId, trigger, true);
    }

    private Outcome sync(String storeHash, long orderId, String trigger, boolean onlyIfRefunded) {
        Attempt attempt = Attempt.start(state, clock, "refunds#" + storeHash + "#" + orderId, trigger);
        OrderLookup.Result result = lookup.find(storeHash, orderId);
        if (result instanceof OrderLookup.Skipped skipped) {
            return attempt.end(Outcome.SKIPPED, null, skipped.reason());
        }
        OrderLookup.Found found = (OrderLookup.Found) result;
        StoreOrder order = found.order();
        if (onlyIfRefunded && !order.hasRefunds()) {
            return attempt.end(Outcome.SKIPPED, null, order.describe() + " has no refunds");
        }
        OrderDocuments documents = found.documents();
        Optional<PostedDocument> sale = documents.sale();
        List<StoreRefund> refunds = store.refunds(order);
        if (sale.isEmpty()) {
            Optional<String> notImported = policy.notImported(order);
            if (notImported.isPresent()) {
                return attempt.end(Outcome.SKIPPED, null, notImported.get() + "; its refunds are not posted either");
            }
            String reason = order.describe() + " is not in the back office yet (its import is parked or pending);"
                    + " the refund is posted when the order is imported";
            for (StoreRefund refund : refunds) {
                Attempt each = Attempt.start(state, clock, recordKey(ledger.scope().store(storeHash), orderId, refund.id()), trigger);
                if (state.claim(each.key(), lease).status() == Claim.Status.ACQUIRED) {
                    state.park(each.key(), reason);
                    each.end(Outcome.PARKED, null, reason);
                }
            }
            return attempt.end(refunds.isEmpty() ? Outcome.SKIPPED : Outcome.PARKED, null, reason);
        }
        Outcome outcome = postAll(order, sale.get(), documents, refunds, trigger);
        return attempt.end(outcome, refunds.size() + " refund(s)", null);
    }

    @Override
    public void afterImport(StoreOrder order, PostedDocument salesOrder, String trigger) {
        // an order first imported as (Partially) Refunded has refunds to post at once
        if (order.hasRefunds()) {
            OrderDocuments documents = ledger.documents(order.storeHash(), order.id());
            postAll(order, salesOrder, documents, store.refunds(order), trigger);
        }
    }

    private Outcome postAll(StoreOrder order, PostedDocument sale, OrderDocuments documents, List<StoreRefund> refunds,
            String trigger) {
        List<StoreTax> taxes = mapper.needsTaxDetail(order) ? store.taxes(order) : List.of();
        List<Outcome> outcomes = new ArrayList<>();
        for (StoreRefund refund : refunds.stream().sorted(Comparator.comparingLong(StoreRefund::id)).toList()) {
            boolean declined = refund.payments().stream().anyMatch(StoreRefund.Payment::declined);
            outcomes.add(declined ? declined(order, documents, refund, trigger)
                    : post(order, sale, documents, taxes, refund, trigger));
        }
        for (Outcome o : List.of(Outcome.CREATED, Outcome.CANCELLED, Outcome.LINKED_EXISTING, Outcome.PARKED)) {
            if (outcomes.contains(o)) {
                return o;
            }
        }
        return refunds.isEmpty() ? Outcome.SKIPPED : Outcome.ALREADY_SYNCED;
    }

    /**
     * A refund the payment provider declined (refund payments are asynchronous; the store shows {@code is_declined}).
     * The credit is posted when the refund is made, because BigCommerce has no "confirmed" state to wait for: a refund
     * is good until one of its payments reads declined. Declined before it was posted: nothing is credited. Declined
     * wholly after its credit was posted: the credit is cancelled, so the back office holds no credit for money never
     * paid back; a credit the back office will not cancel (invoiced meanwhile) parks naming it. Declined in part: the
     * connector cannot tell what was paid back, so it parks for a person.
     */
    private Outcome declined(StoreOrder order, OrderDocuments documents, StoreRefund refund, String trigger) {
        String key = recordKey(ledger.scope().store(order.storeHash()), order.id(), refund.id());
        String what = "refund " + refund.id() + " of order " + order.id();
        String ref = OrderDocuments.refundRef(documents.externalRef(), refund.id());
        Optional<PostedDocument> credit = documents.byRef(ref);
        Optional<PostedInvoice> memo = invoicing ? ledger.invoices(documents.externalRef()).stream()
                .filter(i -> i.externalRef().equals(ref)).findFirst() : Optional.empty();
        if (memo.isPresent()) {
            // a released credit memo is not cancelled as a credit order is: it is reversed by a person
            return claims.run(key + "#declined", trigger, what, false, attempt -> {
                throw new PermanentFailure("payments.is_declined", what + " was declined by the payment provider after"
                        + " its credit memo " + memo.get().display() + " was posted: reverse " + memo.get().display()
                        + " by hand, then discard this record");
            });
        }
        boolean wholly = refund.payments().stream().allMatch(StoreRefund.Payment::declined);
        if (wholly && credit.map(PostedDocument::isCancelled).orElse(true)) {
            return claims.run(key, trigger, what, false, attempt -> {
                state.complete(key, "declined");
                return attempt.end(Outcome.SKIPPED, null, what + " was declined by the payment provider: nothing to credit");
            });
        }
        if (wholly) {
            PostedDocument posted = credit.get();
            return claims.run(key + "#declined", trigger, what, false, attempt -> {
                try {
                    ledger.cancel(posted.ref());
                } catch (PermanentFailure refused) {
                    throw new PermanentFailure("payments.is_declined", what + " was declined by the payment provider after"
                            + " its credit " + posted.ref().display() + " was posted, and the back office would not cancel it ("
                            + refused.getMessage() + "): reverse " + posted.ref().display() + " by hand, then discard this record");
                }
                state.complete(key, "declined");
                return attempt.end(Outcome.CANCELLED, posted.ref().display(), what + " was declined by the payment provider");
            });
        }
        return claims.run(key + "#declined", trigger, what, false, attempt -> {
            throw new PermanentFailure("payments.is_declined", what + " was declined by the payment provider in part:"
                    + " post the credit for what was paid back by hand, then discard this record");
        });
    }

    private Outcome post(StoreOrder order, PostedDocument sale, OrderDocuments documents, List<StoreTax> taxes,
            StoreRefund refund, String trigger) {
        String key = recordKey(ledger.scope().store(order.storeHash()), order.id(), refund.id());
        return claims.run(key, trigger, "refund " + refund.id() + " of order " + order.id(), false, attempt -> {
            String ref = OrderDocuments.refundRef(documents.externalRef(), refund.id());
            Optional<PostedDocument> existing = documents.byRef(ref);
            if (existing.isPresent()) {
                state.complete(key, existing.get().ref().display());
                return attempt.end(Outcome.LINKED_EXISTING, existing.get().ref().display(), null);
            }
            SalesOrderDraft credit = credits.toCredit(order, taxes, refund, sale);
            if (invoicing) {
                List<PostedInvoice> invoices = ledger.invoices(documents.externalRef());
                Optional<PostedInvoice> invoice = InvoiceSync.invoiceOf(invoices, documents.externalRef());
                if (invoice.isPresent()) {
                    Optional<PostedInvoice> memo = invoices.stream().filter(i -> i.externalRef().equals(ref)).findFirst();
                    PostedInvoice posted = ledger.release(memo.orElseGet(() ->
                            ledger.postCreditMemo(documents.externalRef(), credit, invoice.get())));
                    state.complete(key, posted.display());
                    return attempt.end(memo.isPresent() ? Outcome.LINKED_EXISTING : Outcome.CREATED,
                            "credit memo " + posted.display() + " against invoice " + invoice.get().display(), null);
                }
            }
            DocumentRef created = ledger.create(documents.externalRef(), credit);
            state.complete(key, created.display());
            return attempt.end(Outcome.CREATED, created.display() + " for " + sale.ref().display(), null);
        });
    }
}
