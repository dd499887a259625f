package com.bcerp.core.order;

import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.StoreEvent;
import com.bcerp.core.model.StoreOrder;
import com.bcerp.core.model.StoreTax;
import com.bcerp.core.port.Storefront;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.sync.Attempt;
import com.bcerp.core.sync.ClaimedWork;
import com.bcerp.core.sync.Outcome;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What happens to an imported order afterwards: a status the merchant maps to cancel cancels its sales order (and
 * any sale added by edits); an order edit posts an added sale and/or a credit for the lines whose quantity changed
 * ({@link OrderEditPlanner}), or, in a warehouse that takes changes before it picks, changes the warehouse order's
 * lines to the store's.
 *
 * <p>Idempotent under duplicate and out-of-order events: each run compares the store's order as it is now with
 * what the back office holds for it (found by the documents' references), so a second event for the same change
 * finds nothing left to do. Runs for one order are serialised by a claim on {@code order-changes#{store}#{order}},
 * released when done; a change that cannot be posted parks that record, and the order's next event (or a replay)
 * tries again.
 */
public final class OrderChanges {

    private final Storefront store;
    private final OrderLedger ledger;
    private final SyncState state;
    private final SalesOrderMapper mapper;
    private final OrderPolicy policy;
    private final OrderLookup lookup;
    private final OrderEditPlanner planner;
    private final OwnStatusWrites ownWrites;
    private final Clock clock;
    private final ClaimedWork claims;

    public OrderChanges(Storefront store, OrderLedger ledger, SyncState state, SalesOrderMapper mapper,
            OrderPolicy policy, OwnStatusWrites ownWrites, Clock clock, Duration lease) {
        this.store = store;
        this.ledger = ledger;
        this.state = state;
        this.mapper = mapper;
        this.policy = policy;
        this.lookup = new OrderLookup(store, ledger, policy);
        this.planner = new OrderEditPlanner(mapper);
        this.ownWrites = ownWrites;
        this.clock = clock;
        this.claims = new ClaimedWork(state, clock, lease);
    }

    public static String recordKey(String storeHash, long orderId) {
        return "order-changes#" + storeHash + "#" + orderId;
    }

    /** Applies the order's current state to the back office, after an update or status event. */
    public Outcome apply(StoreEvent event, long orderId) {
        String key = recordKey(ledger.scope().store(event.storeHash()), orderId);
        String trigger = event.scope() + " " + event.hash();
        Optional<Integer> newStatus = newStatus(event);
        Instant at = event.createdAt() > 0 ? Instant.ofEpochSecond(event.createdAt()) : clock.instant();
        if (newStatus.isPresent() && ownWrites.isEcho(event.storeHash(), orderId, newStatus.get(), at)) {
            return Attempt.start(state, clock, key, trigger).end(Outcome.SKIPPED, null,
                    "status " + newStatus.get() + " was set by the connector itself");
        }
        return claims.run(key, trigger, "the changes of order " + orderId, true,
                attempt -> applyClaimed(event.storeHash(), orderId, attempt));
    }

    private Outcome applyClaimed(String storeHash, long orderId, Attempt attempt) {
        OrderLookup.Result result = lookup.find(storeHash, orderId);
        if (result instanceof OrderLookup.Skipped skipped) {
            return attempt.end(Outcome.SKIPPED, null, skipped.reason());
        }
        OrderLookup.Found found = (OrderLookup.Found) result;
        StoreOrder order = found.order();
        OrderDocuments documents = found.documents();
        Optional<PostedDocument> sale = documents.sale();
        if (sale.isEmpty()) {
            return attempt.end(Outcome.SKIPPED, null, order.describe() + " has no sales order in the back office");
        }
        // a back office that holds no credits (a warehouse) cannot take the refund; a wholly refunded order it still
        // holds open would be picked and shipped, so it is cancelled there (once shipped, the warehouse refuses and
        // the order parks with its answer: the goods are out, the return is the merchant's to arrange)
        if (policy.cancels(order) || !ledger.keepsAmounts() && order.isWhollyRefunded()) {
            return cancel(documents, attempt);
        }
        if (sale.get().isCancelled()) {
            return attempt.end(Outcome.SKIPPED, null, "the sales order " + sale.get().ref().display()
                    + " is cancelled; later changes of " + order.describe() + " are not posted");
        }
        List<StoreTax> taxes = mapper.needsTaxDetail(order) ? store.taxes(order) : List.of();
        SalesOrderDraft desired = mapper.toDraft(order, taxes);
        List<PostedDocument> posted = documents.saleAndEdits().stream().filter(d -> !d.isCancelled()).toList();
        if (!ledger.keepsAmounts()) {
            return quantitiesOnly(order, ledger.ordersFor(mapper, order, desired), posted, sale.get(), attempt);
        }
        OrderEditPlanner.Plan plan = planner.plan(order, desired, posted, sale.get(), documents.nextEditNumber());
        if (plan.isEmpty()) {
            return attempt.end(Outcome.ALREADY_SYNCED, sale.get().ref().display(), null);
        }
        List<String> created = new ArrayList<>();
        for (SalesOrderDraft document : plan.documents()) {
            created.add(ledger.create(documents.externalRef(), document).display());
        }
        return attempt.end(Outcome.CREATED, String.join(", ", created) + " for " + sale.get().ref().display(), null);
    }

    /**
     * A back office keeping quantities only (a warehouse): nothing to do while each store line's quantity is what its
     * orders hold (a warehouse's consignment orders together). Otherwise, where the back office changes an open
     * order's lines ({@link OrderLedger#updatesOrderLines()}) and the order still has the same consignments, each
     * warehouse order whose lines differ is brought to the store's (the back office refuses, and the edit parks with
     * its answer, once it has begun picking); anywhere else the edit parks, naming the lines, for a person.
     */
    private Outcome quantitiesOnly(StoreOrder order, List<SalesOrderDraft> desired, List<PostedDocument> posted,
            PostedDocument sale, Attempt attempt) {
        List<String> changed = changes(desired.stream().flatMap(d -> d.lines().stream())
                .map(l -> Map.entry(l.storeLineRef(), l.quantity())).toList(), posted);
        if (changed.isEmpty()) {
            return attempt.end(Outcome.ALREADY_SYNCED, sale.ref().display(), null);
        }
        Set<String> wantRefs = new TreeSet<>(desired.stream().map(SalesOrderDraft::externalRef).toList());
        Set<String> haveRefs = new TreeSet<>(posted.stream().filter(d -> d.kind() == DocumentKind.SALE)
                .map(PostedDocument::externalRef).toList());
        if (!ledger.updatesOrderLines()) {
            throw new PermanentFailure("lines", order.describe() + " changed after it was sent as "
                    + sale.ref().display() + " (" + sale.status() + "): " + String.join(", ", changed)
                    + "; its lines cannot be changed through the API: change the order in the back office by hand");
        }
        if (!wantRefs.equals(haveRefs)) {
            throw new PermanentFailure("consignments", order.describe() + " changed after it was sent as "
                    + String.join(", ", haveRefs) + ": " + String.join(", ", changed) + "; it now ships as "
                    + (wantRefs.isEmpty() ? "nothing" : String.join(", ", wantRefs)) + ", so goods would move between "
                    + "warehouse orders: change them in the back office by hand");
        }
        List<String> updated = new ArrayList<>();
        for (SalesOrderDraft want : desired) {
            PostedDocument have = posted.stream().filter(d -> d.kind() == DocumentKind.SALE
                    && d.externalRef().equals(want.externalRef())).findFirst().orElseThrow();
            if (!changes(want.lines().stream().map(l -> Map.entry(l.storeLineRef(), l.quantity())).toList(),
                    List.of(have)).isEmpty()) {
                ledger.update(have.ref(), want);
                updated.add(have.ref().display());
            }
        }
        return attempt.end(Outcome.UPDATED, String.join(", ", updated) + " (" + String.join(", ", changed) + ")", null);
    }

    /** "line {ref}: {posted} -> {wanted}" for each product line whose quantity in {@code posted} is not the wanted one. */
    private static List<String> changes(List<Map.Entry<String, BigDecimal>> wanted, List<PostedDocument> posted) {
        Map<String, BigDecimal> want = new TreeMap<>();
        wanted.stream().filter(l -> SalesOrderMapper.isProductRef(l.getKey()))
                .forEach(l -> want.merge(l.getKey(), l.getValue(), BigDecimal::add));
        Map<String, BigDecimal> have = new TreeMap<>();
        posted.stream().flatMap(d -> d.lines().stream()).filter(l -> SalesOrderMapper.isProductRef(l.storeLineRef()))
                .forEach(l -> have.merge(l.storeLineRef(), l.quantity(), BigDecimal::add));
        Set<String> refs = new TreeSet<>(want.keySet());
        refs.addAll(have.keySet());
        return refs.stream().filter(r -> want.getOrDefault(r, BigDecimal.ZERO)
                .compareTo(have.getOrDefault(r, BigDecimal.ZERO)) != 0).map(r -> "line " + r + ": "
                + have.getOrDefault(r, BigDecimal.ZERO).stripTrailingZeros().toPlainString() + " -> "
                + want.getOrDefault(r, BigDecimal.ZERO).stripTrailingZeros().toPlainString()).toList();
    }

    private Outcome cancel(OrderDocuments documents, Attempt attempt) {
        List<DocumentRef> open = documents.saleAndEdits().stream()
                .filter(d -> d.kind() == DocumentKind.SALE && !d.isCancelled()).map(PostedDocument::ref).toList();
        if (open.isEmpty()) {
            return attempt.end(Outcome.ALREADY_SYNCED, documents.sale().orElseThrow().ref().display(), null);
        }
        for (DocumentRef ref : open) {
            ledger.cancel(ref);
        }
        return attempt.end(Outcome.CANCELLED, String.join(", ", open.stream().map(DocumentRef::display).toList()), null);
    }

    /** The new status of a {@code statusUpdated} event ({@code data.status.new_status_id}). */
    private static Optional<Integer> newStatus(StoreEvent event) {
        if (event.data().get("status") instanceof Map<?, ?> status && status.get("new_status_id") instanceof Number n) {
            return Optional.of(n.intValue());
        }
        return Optional.empty();
    }
}
