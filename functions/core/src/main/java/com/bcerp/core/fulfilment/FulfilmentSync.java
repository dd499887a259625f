package com.bcerp.core.fulfilment;

import com.bcerp.core.backoffice.DocumentState;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.order.OwnStatusWrites;
import com.bcerp.core.order.SalesOrderMapper;
import com.bcerp.core.order.StatusSettings;
import com.bcerp.core.port.Cursors;
import com.bcerp.core.port.FulfilmentSource;
import com.bcerp.core.port.StoreFulfilment;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.sync.Attempt;
import com.bcerp.core.sync.Claim;
import com.bcerp.core.sync.ClaimedWork;
import com.bcerp.core.sync.FeedCursor;
import com.bcerp.core.sync.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fulfilment from the back office to the store, on a schedule: every sales order of this store that changed since
 * the cursor (or whose shipments did) brings its shipped shipments into the store as store shipments with tracking,
 * its status through {@code statuses.back_office_to_store}, and its sales order and invoice numbers into the order's
 * staff notes. The cursor moves only when every order read was handled (synced or parked).
 *
 * <p>A back-office shipment is never created twice in the store: it is claimed under
 * {@code shipment#{store}#{ShipmentNbr}} and completed with the store shipment's id; and before creating, the store's
 * shipments of the order are searched for the marker the connector writes in {@code comments}
 * ({@code <back office> shipment <number>}), so a run that crashed between the store's write and the claim's completion
 * links the shipment it made instead of making another.
 *
 * <p>No status ping-pong: before the connector changes a store status, itself or by shipping (the store moves an
 * order to Shipped or Partially Shipped), it records the status in {@link OwnStatusWrites}, and the store-to-back-office
 * flow ignores the store's echo of it. A back-office status is applied once, when it changes, so a status staff set
 * in the store afterwards is left alone.
 *
 * <p>Payment back ({@code fulfilment.paid_status}): once the order is shipped in full and the back office records every
 * invoice of it paid (B2B terms, a bank transfer), the store order moves to that status, unless it stands there or
 * further on already, and a staff-notes line names the invoices and payments. Never for a cancelled, refunded,
 * declined or disputed store order. Applied once, under {@code fulfilment-paid#{store}#{order}}: both writes check the
 * store first, so a run that crashed before recording it repeats nothing that reached the store.
 */
public final class FulfilmentSync {

    private static final Logger log = LoggerFactory.getLogger(FulfilmentSync.class);

    /** How long a run may hold the store's lock (a Lambda runs 15 minutes at most). */
    static final Duration LOCK_LEASE = Duration.ofMinutes(15);
    /** BigCommerce: Shipped and Partially Shipped, which the store sets itself when an order ships. */
    static final int SHIPPED = 2;
    static final int PARTIALLY_SHIPPED = 3;
    /** The staff-notes line the connector owns; the rest of the notes stay as staff wrote them. */
    static final String REFERENCE_PREFIX = "Back office: ";
    /** The staff-notes line that names the payments, after the references line. */
    static final String PAID_PREFIX = "Paid: ";
    private static final List<String> OWN_LINES = List.of(REFERENCE_PREFIX, PAID_PREFIX);
    /** Refunded, Cancelled, Declined, Disputed, Partially Refunded: a payment back never moves these. */
    private static final Set<Integer> NEVER_MOVED = Set.of(4, 5, 6, 13, 14);
    /**
     * How far along an order is, by store status: Incomplete; Pending, Awaiting Payment, Manual Verification Required;
     * Awaiting Pickup, Shipment or Fulfillment; Partially Shipped; Shipped; Completed. The payment's status is set only
     * on an order not as far along as it.
     */
    private static final Map<Integer, Integer> PROGRESS = Map.ofEntries(Map.entry(0, 0), Map.entry(1, 1),
            Map.entry(7, 1), Map.entry(12, 1), Map.entry(8, 2), Map.entry(9, 2), Map.entry(11, 2),
            Map.entry(PARTIALLY_SHIPPED, 3), Map.entry(SHIPPED, 4), Map.entry(10, 5));
    /** A store order's id in its reference, with the consignment suffix of a warehouse's later consignments. */
    private static final String ORDER_REF = "(\\d{1,18})(-S\\d{1,4})?";
    /** BigCommerce's tracking_number holds up to 50 characters. */
    private static final int TRACKING_LENGTH = 50;

    private final FulfilmentSource source;
    private final StoreFulfilment store;
    private final Cursors cursors;
    private final SyncState state;
    private final FulfilmentSettings settings;
    private final StatusSettings statuses;
    private final OwnStatusWrites ownWrites;
    private final String storeHash;
    private final Clock clock;
    private final ClaimedWork work;

    public FulfilmentSync(FulfilmentSource source, StoreFulfilment store, Cursors cursors, SyncState state,
            FulfilmentSettings settings, StatusSettings statuses, OwnStatusWrites ownWrites, String storeHash,
            Clock clock, Duration lease) {
        this.source = source;
        this.store = store;
        this.cursors = cursors;
        this.state = state;
        this.settings = settings;
        this.statuses = statuses;
        this.ownWrites = ownWrites;
        this.storeHash = storeHash;
        this.clock = clock;
        this.work = new ClaimedWork(state, clock, lease);
    }

    /** The state-table name of this store's cursor (shown by {@code ./connector ops status}). */
    public static String cursorName(String storeHash) {
        return "fulfilment#" + storeHash;
    }

    /** The claim that makes one back-office shipment one store shipment. */
    public static String shipmentKey(String storeHash, String shipmentNbr) {
        return "shipment#" + storeHash + "#" + shipmentNbr;
    }

    /** The record of one sales order's fulfilment (parked when one of its shipments cannot be made). */
    public static String orderKey(String storeHash, String orderId) {
        return "fulfilment#" + storeHash + "#" + orderId;
    }

    /** The back-office status last applied to the store for a sales order. */
    static String statusKey(String storeHash, String orderId) {
        return "fulfilment-status#" + storeHash + "#" + orderId;
    }

    /** The record that a sales order's payment was applied to its store order. */
    static String paidKey(String storeHash, String orderId) {
        return "fulfilment-paid#" + storeHash + "#" + orderId;
    }

    /** The marker in a store shipment's comments that names the back-office shipment it came from. */
    public static String marker(String backOffice, String shipmentNbr) {
        return backOffice + " shipment " + shipmentNbr;
    }

    public FulfilmentReport run() {
        long started = System.nanoTime();
        if (!settings.enabled()) {
            log.info("fulfilment sync is switched off (fulfilment.enabled: false)");
            return FulfilmentReport.skipped(0);
        }
        String lock = "fulfilment-sync#" + storeHash;
        if (state.claim(lock, LOCK_LEASE).status() != Claim.Status.ACQUIRED) {
            log.info("another fulfilment sync holds {}; this run does nothing", lock);
            return FulfilmentReport.skipped(elapsed(started));
        }
        try {
            return sync(started);
        } finally {
            state.release(lock);
        }
    }

    private FulfilmentReport sync(long started) {
        Optional<FeedCursor> cursor = cursors.read(cursorName(storeHash));
        Instant now = clock.instant();
        Instant since = cursor.map(c -> c.position().minusSeconds(settings.cursorOverlapSeconds()))
                .orElse(now.minus(Duration.ofHours(settings.firstRunHours())));
        String prefix = SalesOrderMapper.externalRef(storeHash, 0).replaceAll("0$", "");
        Map<String, BackOfficeOrder> orders = new LinkedHashMap<>();
        // the store's sales orders and a warehouse's consignment orders (-S2) only: edits, credits and returns
        // (BC-{store}-{id}-E1, -R1) ship nothing
        source.changedSince(prefix, since).stream().filter(o -> o.externalRef() != null
                        && o.externalRef().matches(Pattern.quote(prefix) + ORDER_REF))
                .sorted(Comparator.comparing(BackOfficeOrder::modified))
                .forEach(o -> orders.put(o.id(), o));
        List<String> parked = parkedOrders();
        List<String> gone = new ArrayList<>();
        if (!parked.isEmpty()) {
            Map<String, BackOfficeOrder> found = new LinkedHashMap<>();
            source.orders(parked).forEach(o -> found.put(o.id(), o));
            found.values().forEach(o -> orders.putIfAbsent(o.id(), o));
            parked.stream().filter(id -> !found.containsKey(id)).forEach(gone::add);
        }
        Counts counts = new Counts();
        for (String id : gone) {
            // deleted in the back office since it parked: it stays parked, now with that reason, and is never retried as if it could pass
            work.run(orderKey(storeHash, id), "schedule", "sales order " + id, true, attempt -> {
                throw new PermanentFailure("order", "sales order " + id + " no longer exists in " + source.name()
                        + " (deleted there): nothing to ship back; discard this record, or replay the store order to post it again");
            });
            counts.parked++;
        }
        Optional<Instant> newest = Optional.empty();
        for (BackOfficeOrder order : orders.values()) {
            try {
                Outcome outcome = work.run(orderKey(storeHash, order.id()), "schedule",
                        order.describe(), true, attempt -> syncOrder(order, attempt, counts));
                if (outcome == Outcome.PARKED) {
                    counts.parked++;
                }
            } catch (TransientFailure e) {
                counts.retrying++;
            }
            if (newest.isEmpty() || order.modified().isAfter(newest.get())) {
                newest = Optional.of(order.modified());
            }
        }
        if (counts.retrying == 0) {
            Instant position = newest.filter(n -> cursor.isEmpty() || n.isAfter(cursor.get().position()))
                    .orElse(cursor.map(FeedCursor::position).orElse(now));
            cursors.write(cursorName(storeHash), new FeedCursor(position, now, orders.size()));
        }
        FulfilmentReport report = new FulfilmentReport(false, orders.size(), counts.created, counts.found,
                counts.statuses, counts.references, counts.payments, counts.parked, counts.retrying, elapsed(started));
        log.info("fulfilment sync: {} sales orders, {} shipments created, {} found in the store, {} statuses set, "
                        + "{} references written, {} payments applied, {} parked, {} retrying, {} ms", report.orders(),
                report.shipmentsCreated(), report.shipmentsFound(), report.statusesSet(), report.referencesWritten(),
                report.paymentsApplied(), report.parked(), report.retrying(), report.elapsedMs());
        return report;
    }

    /** The back-office orders parked now (their ids): each run tries them again. */
    private List<String> parkedOrders() {
        String prefix = orderKey(storeHash, "");
        return state.parked().stream().map(p -> p.recordKey()).filter(k -> k.startsWith(prefix))
                .map(k -> k.substring(prefix.length())).toList();
    }

    private Outcome syncOrder(BackOfficeOrder order, Attempt attempt, Counts counts) {
        long orderId = storeOrderId(order);
        FulfilmentOrder storeOrder = store.order(orderId).orElseThrow(() -> new PermanentFailure("externalRef",
                order.describe() + ": external reference " + order.externalRef() + " names store order " + orderId
                        + ", which the store does not have"));
        List<StoreShipment> inStore = new ArrayList<>(store.shipments(orderId));
        List<String> parkedShipments = new ArrayList<>();
        for (BackOfficeShipment shipment : order.shipments()) {
            if (!shipment.shipped()) {
                continue;
            }
            Outcome outcome = work.run(shipmentKey(storeHash, shipment.shipmentNbr()), "schedule",
                    "shipment " + shipment.shipmentNbr(), false,
                    a -> ship(order, shipment, storeOrder, inStore, a, counts));
            if (outcome == Outcome.PARKED) {
                parkedShipments.add(shipment.shipmentNbr());
            }
        }
        // a status that says "shipped" waits until every shipment is in the store
        if (parkedShipments.isEmpty()) {
            applyStatus(order, storeOrder, inStore, counts);
        }
        writeReferences(order, storeOrder, counts);
        if (parkedShipments.isEmpty()) {
            applyPayment(order, orderId, counts);
        }
        if (!parkedShipments.isEmpty()) {
            throw new PermanentFailure("Shipments", order.describe() + " (store order " + orderId + "): shipment "
                    + String.join(", ", parkedShipments) + " is parked; see its record for the reason");
        }
        return attempt.end(Outcome.ALREADY_SYNCED, order.describe() + " -> store order "
                + orderId, null);
    }

    private Outcome ship(BackOfficeOrder order, BackOfficeShipment shipment, FulfilmentOrder storeOrder,
            List<StoreShipment> inStore, Attempt attempt, Counts counts) {
        Map<Long, List<StoreShipment.Item>> byAddress = plan(order, shipment, storeOrder, inStore);
        List<String> ids = new ArrayList<>();
        boolean created = false;
        for (Map.Entry<Long, List<StoreShipment.Item>> part : byAddress.entrySet()) {
            String marker = marker(source.name(), shipment.shipmentNbr())
                    + (byAddress.size() > 1 ? " (address " + part.getKey() + ")" : "");
            Optional<StoreShipment> existing = inStore.stream().filter(s -> hasMarker(s, marker)).findFirst();
            if (existing.isPresent()) {
                counts.found++;
                ids.add(Long.toString(existing.get().id()));
                continue;
            }
            // the store moves the order to (Partially) Shipped itself: that echo is the connector's own
            ownWrites.record(storeHash, storeOrder.id(), statusAfter(storeOrder, inStore, part.getValue()), clock.instant());
            StoreShipment made = store.createShipment(storeOrder.id(), draft(shipment, part.getKey(), part.getValue(),
                    marker));
            inStore.add(made);
            ids.add(Long.toString(made.id()));
            counts.created++;
            created = true;
        }
        String result = "store shipment " + String.join(", ", ids);
        state.complete(attempt.key(), result);
        return attempt.end(created ? Outcome.CREATED : Outcome.LINKED_EXISTING, result, null);
    }

    /**
     * The store items of a back-office shipment, per shipping address. Each line must name one of the order's
     * products (by the reference the import wrote, else by SKU) and ship no more than is left to ship of it.
     */
    private Map<Long, List<StoreShipment.Item>> plan(BackOfficeOrder order, BackOfficeShipment shipment,
            FulfilmentOrder storeOrder, List<StoreShipment> inStore) {
        String marker = marker(source.name(), shipment.shipmentNbr());
        Map<Long, Integer> shipped = new HashMap<>();
        inStore.stream().filter(s -> !hasMarker(s, marker)).flatMap(s -> s.items().stream())
                .forEach(i -> shipped.merge(i.orderProductId(), i.quantity(), Integer::sum));
        Map<Long, Integer> wanted = new LinkedHashMap<>();
        String what = "shipment " + shipment.shipmentNbr() + " of " + order.describe() + " (store order "
                + storeOrder.id() + ")";
        for (ShippedLine line : shipment.lines()) {
            if (line.quantity() == null || line.quantity().signum() == 0) {
                continue;
            }
            FulfilmentOrder.Product product = product(line, storeOrder).orElseThrow(() -> new PermanentFailure(
                    line.field(), what + ": " + line.field() + " (line " + line.orderLine()
                            + ", sku " + line.sku() + ") matches no product of the store order"));
            if (line.quantity().signum() < 0 || line.quantity().stripTrailingZeros().scale() > 0) {
                throw new PermanentFailure(line.quantityField(), what + ": " + line.quantityField() + " "
                        + line.quantity().toPlainString() + " is not a whole number of units");
            }
            if (product.orderAddressId() == 0) {
                throw new PermanentFailure(line.field(), what + ": " + line.field() + " (sku "
                        + line.sku() + ") ships order product " + product.id() + ", which has no shipping address "
                        + "in the store (a digital product)");
            }
            wanted.merge(product.id(), line.quantity().intValueExact(), Integer::sum);
        }
        Map<Long, List<StoreShipment.Item>> byAddress = new LinkedHashMap<>();
        for (Map.Entry<Long, Integer> item : wanted.entrySet()) {
            FulfilmentOrder.Product product = storeOrder.product(item.getKey()).orElseThrow();
            int left = product.quantity().intValue() - shipped.getOrDefault(product.id(), 0);
            if (item.getValue() > left) {
                throw new PermanentFailure("shipment.lines", what + ": ships " + item.getValue() + " of order product "
                        + product.id() + " (sku " + product.sku() + "), but only " + left + " of "
                        + product.quantity().toPlainString() + " are left to ship in the store");
            }
            byAddress.computeIfAbsent(product.orderAddressId(), a -> new ArrayList<>())
                    .add(new StoreShipment.Item(product.id(), item.getValue()));
        }
        if (byAddress.isEmpty()) {
            throw new PermanentFailure("shipment.lines", what + " ships nothing the store order has");
        }
        return byAddress;
    }

    private static Optional<FulfilmentOrder.Product> product(ShippedLine line, FulfilmentOrder storeOrder) {
        if (line.storeLineRef() != null && line.storeLineRef().matches("\\d+")) {
            Optional<FulfilmentOrder.Product> byRef = storeOrder.product(Long.parseLong(line.storeLineRef()));
            if (byRef.isPresent()) {
                return byRef;
            }
        }
        List<FulfilmentOrder.Product> bySku = storeOrder.products().stream()
                .filter(p -> p.sku() != null && p.sku().equals(line.sku())).toList();
        return bySku.size() == 1 ? Optional.of(bySku.get(0)) : Optional.empty();
    }

    private ShipmentDraft draft(BackOfficeShipment shipment, long addressId, List<StoreShipment.Item> items,
            String marker) {
        Optional<Carrier> carrier = settings.carrier(shipment.shipVia());
        String tracking = shipment.trackingNumbers().isEmpty() ? "" : shipment.trackingNumbers().get(0);
        if (tracking.length() > TRACKING_LENGTH) {
            tracking = tracking.substring(0, TRACKING_LENGTH);
        }
        StringBuilder comments = new StringBuilder(marker);
        if (shipment.trackingNumbers().size() > 1) {
            comments.append("; packages: ").append(String.join(", ", shipment.trackingNumbers()));
        }
        return new ShipmentDraft(addressId, items, tracking, carrier.map(Carrier::shippingProvider).orElse(null),
                carrier.map(Carrier::trackingCarrier).orElse(null), shipment.shipVia(), comments.toString());
    }

    /**
     * The status the store gives the order once these items ship too: Shipped when nothing is left, else Partially.
     * A custom product counts only once a shipment carries it: one on the back office's non-stock item is never
     * picked, and would hold the order at Partially Shipped for ever.
     */
    private static int statusAfter(FulfilmentOrder order, List<StoreShipment> inStore, List<StoreShipment.Item> adding) {
        Map<Long, Integer> shipped = new HashMap<>();
        inStore.stream().flatMap(s -> s.items().stream())
                .forEach(i -> shipped.merge(i.orderProductId(), i.quantity(), Integer::sum));
        adding.forEach(i -> shipped.merge(i.orderProductId(), i.quantity(), Integer::sum));
        boolean all = order.products().stream()
                .filter(p -> p.orderAddressId() != 0 && !(p.custom() && !shipped.containsKey(p.id())))
                .allMatch(p -> shipped.getOrDefault(p.id(), 0) >= p.quantity().intValue());
        return all ? SHIPPED : PARTIALLY_SHIPPED;
    }

    /**
     * The status table's store status for the back-office status (Shipped only when the store has nothing left to
     * ship), applied when the back-office status changed since it was last applied (so a status staff set in the store
     * later stands) and the store does not show it already.
     */
    private void applyStatus(BackOfficeOrder order, FulfilmentOrder storeOrder, List<StoreShipment> inStore,
            Counts counts) {
        long orderId = storeOrder.id();
        // shipped in the back office is Shipped in the store only once nothing is left to ship there: a short shipment,
        // or one consignment's order of several, leaves the store order Partially Shipped
        Optional<Integer> target = statuses.storeStatusFor(order.state(), order.status())
                .map(t -> t == SHIPPED ? statusAfter(storeOrder, inStore, List.of()) : t);
        String key = statusKey(storeHash, order.id());
        String applied = order.status() == null ? order.state().configName() : order.status();
        if (target.isEmpty() || state.completed(key).filter(applied::equals).isPresent()) {
            return;
        }
        int current = store.order(orderId).map(FulfilmentOrder::statusId).orElse(-1);
        if (current != target.get()) {
            ownWrites.record(storeHash, orderId, target.get(), clock.instant());
            store.setStatus(orderId, target.get());
            counts.statuses++;
        }
        state.complete(key, applied);
    }

    /** The sales order and invoice numbers on the connector's own line of the staff notes. */
    private void writeReferences(BackOfficeOrder order, FulfilmentOrder storeOrder, Counts counts) {
        if (settings.references() != FulfilmentSettings.ReferencePlace.STAFF_NOTES) {
            return;
        }
        String line = REFERENCE_PREFIX + source.name() + " " + order.describe()
                + (order.invoiceNbrs().isEmpty() ? "" : "; invoice " + String.join(", ", order.invoiceNbrs()));
        String notes = withLine(storeOrder.staffNotes(), REFERENCE_PREFIX, line);
        if (!notes.equals(storeOrder.staffNotes())) {
            store.setStaffNotes(storeOrder.id(), notes);
            counts.references++;
        }
    }

    /** The payment's status and staff-notes line, once every invoice of a fully shipped order is paid. */
    private void applyPayment(BackOfficeOrder order, long orderId, Counts counts) {
        Integer target = settings.paidStatus();
        String key = paidKey(storeHash, order.id());
        if (target == null || !paidInFull(order) || state.completed(key).isPresent()) {
            return;
        }
        FulfilmentOrder current = store.order(orderId).orElseThrow();
        if (NEVER_MOVED.contains(current.statusId())) {
            log.info("{} is paid, but store order {} is in status {}; its payment is not applied back",
                    order.describe(), orderId, current.statusId());
            return;
        }
        // a back office may close an invoice without naming a payment (a write-off, a credit): the line says paid
        String line = PAID_PREFIX + source.name() + " " + String.join("; ", order.invoices().stream()
                .map(i -> "invoice " + i.number() + (i.payments().isEmpty() ? " paid" : " by " + String.join(", ",
                        i.payments().stream().map(BackOfficeInvoice.Payment::describe).toList()))).toList());
        String notes = withLine(current.staffNotes(), PAID_PREFIX, line);
        if (!notes.equals(current.staffNotes())) {
            store.setStaffNotes(orderId, notes);
        }
        if (PROGRESS.getOrDefault(current.statusId(), 0) < PROGRESS.get(target)) {
            ownWrites.record(storeHash, orderId, target, clock.instant());
            store.setStatus(orderId, target);
            counts.statuses++;
        }
        state.complete(key, line);
        counts.payments++;
    }

    /** Shipped in full (nothing left to invoice), invoiced, and every invoice closed with nothing owing. */
    private static boolean paidInFull(BackOfficeOrder order) {
        Set<DocumentState> done = Set.of(DocumentState.SHIPPED, DocumentState.INVOICED, DocumentState.CLOSED);
        Set<String> paid = new HashSet<>();
        order.invoices().stream().filter(BackOfficeInvoice::paid).forEach(i -> paid.add(i.number()));
        return done.contains(order.state()) && !order.invoices().isEmpty()
                && paid.size() == order.invoices().size() && paid.containsAll(order.invoiceNbrs());
    }

    /**
     * The notes with the connector's line that starts with {@code prefix} set to {@code line}: staff's own lines are
     * kept as they are, first; the connector's lines follow them, references before payments.
     */
    static String withLine(String notes, String prefix, String line) {
        List<String> lines = new ArrayList<>();
        Map<String, String> own = new HashMap<>();
        for (String existing : notes.split("\n", -1)) {
            Optional<String> ownPrefix = OWN_LINES.stream().filter(existing::startsWith).findFirst();
            if (ownPrefix.isPresent()) {
                own.put(ownPrefix.get(), existing);
            } else if (!(existing.isEmpty() && lines.isEmpty())) {
                lines.add(existing);
            }
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        own.put(prefix, line);
        OWN_LINES.stream().map(own::get).filter(l -> l != null).forEach(lines::add);
        return String.join("\n", lines);
    }

    private long storeOrderId(BackOfficeOrder order) {
        String prefix = SalesOrderMapper.externalRef(storeHash, 0).replaceAll("0$", "");
        String ref = order.externalRef() == null ? "" : order.externalRef();
        Matcher id = Pattern.compile(ORDER_REF).matcher(ref.startsWith(prefix)
                ? ref.substring(prefix.length()) : "");
        if (!id.matches()) {
            throw new PermanentFailure("externalRef", order.describe() + ": external reference '" + ref
                    + "' is not a store order reference (" + prefix + "{order id})");
        }
        return Long.parseLong(id.group(1));
    }

    /** Whether the store shipment came from the shipment (or the part of it) the marker names. */
    private static boolean hasMarker(StoreShipment shipment, String marker) {
        String comments = shipment.comments() == null ? "" : shipment.comments();
        return comments.equals(marker) || comments.startsWith(marker + ";") || comments.startsWith(marker + " (address ");
    }

    private static long elapsed(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static final class Counts {
        long created;
        long found;
        long statuses;
        long references;
        long payments;
        long parked;
        long retrying;
    }
}
