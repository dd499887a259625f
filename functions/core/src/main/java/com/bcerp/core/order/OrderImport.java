package com.bcerp.core.order;

import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.customer.CustomerMatcher;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.model.StoreOrder;
import com.bcerp.core.model.StoreTax;
import com.bcerp.core.port.Storefront;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.sync.Attempt;
import com.bcerp.core.sync.ClaimedWork;
import com.bcerp.core.sync.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A store order becomes exactly one back-office sales order, however often it is asked for.
 *
 * <p>Two lines of defence against duplicates: a conditional claim on the order's key in {@link SyncState}, and the
 * link table, which records a create as pending before it is sent. The back office is searched by the order's
 * external reference only when an earlier write is possible: a pending link (a crash or timeout between the write
 * and its answer), an earlier attempt at the order, an order older than the sync state (state lost and rebuilt), or
 * config that says always. A first attempt at a new order under intact state goes straight to the create: the
 * back-office call floor.
 */
public final class OrderImport {

    /**
     * How far the store's clock may run ahead of ours when an order's creation time is compared with the state's
     * start. Both are NTP-synced (milliseconds apart); the store stamps whole seconds, which only makes an order look
     * older (searched: the safe side); and state lost and rebuilt takes longer than this, so an order posted under
     * the lost state is always older than the new state by more than the margin.
     */
    static final Duration CLOCK_MARGIN = Duration.ofSeconds(1);


    private final Storefront store;
    private final OrderLedger ledger;
    private final SyncState state;
    private final SalesOrderMapper mapper;
    private final OrderPolicy policy;
    private final Optional<CustomerMatcher> customers;
    private final List<OrderFollowUp> followUps;
    private final ClaimedWork claims;
    private final boolean alwaysLookUp;

    /**
     * @param followUps run once the sales order exists, in the same attempt (payments, early refunds)
     * @param lease     how long a claim holds before another attempt may take over; longer than one attempt can run
     */
    public OrderImport(Storefront store, OrderLedger ledger, SyncState state, SalesOrderMapper mapper,
            OrderPolicy policy, Optional<CustomerMatcher> customers, List<OrderFollowUp> followUps, Clock clock, Duration lease) {
        this.store = store;
        this.ledger = ledger;
        this.state = state;
        this.mapper = mapper;
        this.policy = policy;
        this.customers = customers;
        this.followUps = List.copyOf(followUps);
        this.claims = new ClaimedWork(state, clock, lease);
        this.alwaysLookUp = mapper.settings().alwaysLookUpBeforeCreate();
    }

    public static String recordKey(String storeHash, long orderId) {
        return "order#" + storeHash + "#" + orderId;
    }

    /**
     * Imports one order. Returns how the attempt ended; throws {@link TransientFailure} when it should be retried.
     * A permanent failure parks the order (with its reason) and returns {@link Outcome#PARKED}: it must not hold up
     * the orders queued behind it.
     */
    public Outcome importOrder(String storeHash, long orderId, String trigger) {
        String key = recordKey(ledger.scope().store(storeHash), orderId);
        return claims.run(key, trigger, "order " + orderId, false, attempt -> importClaimed(orderId, key, attempt, trigger));
    }

    private Outcome importClaimed(long orderId, String key, Attempt attempt, String trigger) {
        Optional<StoreOrder> found = store.order(orderId);
        if (found.isEmpty()) {
            state.release(key);
            return attempt.end(Outcome.SKIPPED, null, "the store has no order " + orderId);
        }
        StoreOrder order = found.get();
        Optional<String> notNow = policy.notImported(order);
        if (notNow.isPresent()) {
            // released, not completed: a later status change may still import it
            state.release(key);
            return attempt.end(Outcome.SKIPPED, null, notNow.get());
        }
        List<StoreTax> taxes = mapper.needsTaxDetail(order) ? store.taxes(order) : List.of();
        SalesOrderDraft draft = mapper.toDraft(order, taxes);
        List<SalesOrderDraft> wanted = ledger.ordersFor(mapper, order, draft);
        if (wanted.isEmpty()) {
            // a warehouse has nothing to do for an order without goods: recorded, not parked, and released, so an edit
            // that adds goods still sends them
            state.release(key);
            return attempt.end(Outcome.SKIPPED, null, nothingToShip(order, ledger.backOffice()));
        }
        OrderDocuments posted = ledger.documents(order.storeHash(), orderId, mayBePosted(order, attempt));
        Optional<PostedDocument> existing = posted.sale();
        List<SalesOrderDraft> missing = wanted.stream().filter(d -> posted.byRef(d.externalRef()).isEmpty()).toList();
        if (missing.isEmpty()) {
            followUp(order, existing.orElseThrow(), trigger);
            state.complete(key, existing.get().ref().display());
            return attempt.end(Outcome.LINKED_EXISTING, existing.get().ref().display(), null);
        }
        PostedDocument sale = existing.orElse(null);
        List<String> created = new ArrayList<>();
        for (SalesOrderDraft document : missing) {
            // a back office without customers (a warehouse) takes the order as the mapper made it
            SalesOrderDraft withCustomer = customers.isEmpty() ? document
                    : document.withCustomerId(customers.get().customerFor(order));
            DocumentRef ref = ledger.create(draft.externalRef(), withCustomer);
            if (ledger.keepsAmounts() && !ref.total().sameAs(order.totalIncTax().toCents())) {
                // the draft balanced to the store's total, so the back office computed something else (a tax zone
                // replacing the store's taxes): posted, and linked, but parked so it is looked at before payments
                // follow; a replay after the fix links it and carries on
                throw new PermanentFailure("total_inc_tax", order.describe() + ": " + ledger.backOffice() + " totals "
                        + ref.display() + " at " + ref.total() + ", the store at " + order.totalIncTax().toCents()
                        + "; correct the document there (its taxes, its prices) and replay the order");
            }
            if (document.externalRef().equals(draft.externalRef())) {
                sale = PostedDocument.created(ref, withCustomer, ledger.arithmetic());
            }
            created.add(ref.display());
        }
        followUp(order, sale, trigger);
        state.complete(key, String.join(", ", created));
        return attempt.end(Outcome.CREATED, String.join(", ", created), null);
    }

    /** Why a warehouse gets nothing for the order, as its import record (and the dry run) say it. */
    public static String nothingToShip(StoreOrder order, String backOffice) {
        return order.describe() + " has no physical goods to ship (downloads, gift certificates, non-stock items only): "
                + "it needs no fulfilment by " + backOffice;
    }

    /** Whether an earlier attempt, or earlier lost state, may have posted the order without a link saying so. */
    private boolean mayBePosted(StoreOrder order, Attempt attempt) {
        return alwaysLookUp || attempt.earlierAttempts() > 0 || order.createdAt() == null
                || order.createdAt().isBefore(state.keptSince().plus(CLOCK_MARGIN));
    }

    private void followUp(StoreOrder order, PostedDocument salesOrder, String trigger) {
        for (OrderFollowUp followUp : followUps) {
            followUp.afterImport(order, salesOrder, trigger);
        }
    }

}
