package com.bcerp.core.fakes;

import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.backoffice.PaymentDraft;
import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.PostedPayment;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.SalesOrderRef;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.model.Money;
import com.bcerp.core.port.BackOffice;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A back office in memory that, like a real one, does not stop duplicates: every create adds a document. Knows a
 * set of items; can be told to fail. Sales numbered SO000001, credits CR000001, returns RC000001.
 */
public final class InMemoryBackOffice implements BackOffice {

    /** A document as stored, with its status (Open or Cancelled). */
    public static final class Stored {
        private final String orderType;
        private final String orderNbr;
        private final SalesOrderDraft draft;
        private volatile String status = "Open";

        Stored(String orderType, String orderNbr, SalesOrderDraft draft) {
            this.orderType = orderType;
            this.orderNbr = orderNbr;
            this.draft = draft;
        }

        public String orderNbr() {
            return orderNbr;
        }

        public String orderType() {
            return orderType;
        }

        public SalesOrderDraft draft() {
            return draft;
        }

        public String status() {
            return status;
        }

        SalesOrderRef ref() {
            return new SalesOrderRef(orderType, orderNbr, draft.total());
        }
    }

    /** A payment as stored. */
    public record Payment(PostedPayment posted, PaymentDraft draft) {}

    private final Set<String> items;
    private final Map<String, String> customersByEmail = new ConcurrentHashMap<>();
    private final Map<String, String> customersByRef = new ConcurrentHashMap<>();
    private final Set<String> generic = ConcurrentHashMap.newKeySet();
    private final List<Stored> orders = new CopyOnWriteArrayList<>();
    private final List<Payment> payments = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> numbers = new ConcurrentHashMap<>();
    public final AtomicInteger customerCreates = new AtomicInteger();
    public final AtomicInteger calls = new AtomicInteger();
    /** Set to fail every create with a transient error (the back office is down). */
    public volatile boolean down;

    public InMemoryBackOffice(Set<String> items) {
        this.items = ConcurrentHashMap.newKeySet();
        this.items.addAll(items);
    }

    /** Ops adds an item (e.g. after an order parked on it). */
    public void addItem(String item) {
        items.add(item);
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Optional<String> findCustomerByEmail(String email) {
        calls.incrementAndGet();
        return Optional.ofNullable(customersByEmail.get(email));
    }

    @Override
    public Optional<String> findCustomerByExternalRef(String externalRef) {
        calls.incrementAndGet();
        return Optional.ofNullable(customersByRef.get(externalRef));
    }

    @Override
    public synchronized String createCustomer(CustomerDraft customer) {
        calls.incrementAndGet();
        customerCreates.incrementAndGet();
        String id = "C" + customerCreates.get();
        if (customer.email() != null) {
            customersByEmail.putIfAbsent(customer.email(), id);
        }
        if (customer.externalRef() != null) {
            customersByRef.put(customer.externalRef(), id);
        }
        return id;
    }

    /** Adds a customer as if staff had created it; with neither email nor reference, a generic (guest) customer. */
    public void existingCustomer(String id, String email, String externalRef) {
        if (email == null && externalRef == null) {
            generic.add(id);
        }
        if (email != null) {
            customersByEmail.put(email, id);
        }
        if (externalRef != null) {
            customersByRef.put(externalRef, id);
        }
    }

    @Override
    public List<PostedDocument> findOrderDocuments(String externalRef) {
        calls.incrementAndGet();
        return orders.stream().filter(o -> o.draft.externalRef().equals(externalRef)
                        || o.draft.externalRef().startsWith(externalRef + "-"))
                .map(o -> PostedDocument.created(o.ref(), o.draft, o.status)).toList();
    }

    @Override
    public synchronized SalesOrderRef createSalesOrder(SalesOrderDraft order) {
        calls.incrementAndGet();
        if (down) {
            throw new TransientFailure("back office unavailable (503)");
        }
        if (!customersByEmail.containsValue(order.customerId()) && !customersByRef.containsValue(order.customerId())
                && !generic.contains(order.customerId())) {
            throw new PermanentFailure("CustomerID", "CustomerID: '" + order.customerId() + "' cannot be found");
        }
        for (int i = 0; i < order.lines().size(); i++) {
            if (!items.contains(order.lines().get(i).itemId())) {
                throw new PermanentFailure("Details[" + i + "].InventoryID", "Details[" + i + "].InventoryID: '"
                        + order.lines().get(i).itemId() + "' cannot be found (" + order.lines().get(i).source() + ")");
            }
        }
        String type = switch (order.kind()) {
            case SALE -> "SO";
            case CREDIT -> "CR";
            case RETURN -> "RC";
        };
        String nbr = String.format("%s%06d", type, numbers.computeIfAbsent(type, t -> new AtomicInteger()).incrementAndGet());
        Stored stored = new Stored(type, nbr, order);
        orders.add(stored);
        return stored.ref();
    }

    @Override
    public void cancelSalesOrder(SalesOrderRef order) {
        calls.incrementAndGet();
        Stored stored = orders.stream().filter(o -> o.orderNbr.equals(order.orderNbr())).findFirst()
                .orElseThrow(() -> new PermanentFailure("OrderNbr", order.display() + " cannot be found"));
        if ("Cancelled".equals(stored.status)) {
            throw new PermanentFailure("Status", order.display() + " is cancelled already");
        }
        stored.status = "Cancelled";
    }

    @Override
    public List<PostedPayment> findPayments(String externalRefPrefix) {
        calls.incrementAndGet();
        return payments.stream().map(Payment::posted).filter(p -> p.externalRef().startsWith(externalRefPrefix)).toList();
    }

    @Override
    public synchronized PostedPayment createPayment(PaymentDraft payment) {
        calls.incrementAndGet();
        if (orders.stream().noneMatch(o -> o.orderNbr.equals(payment.appliesTo().orderNbr()))) {
            throw new PermanentFailure("OrdersToApply", "order " + payment.appliesTo().display() + " cannot be found");
        }
        PostedPayment posted = new PostedPayment("Payment", String.format("%06d", payments.size() + 1),
                payment.externalRef(), payment.amount(), payment.onHold(), payment.onHold() ? "On Hold" : "Balanced");
        payments.add(new Payment(posted, payment));
        return posted;
    }

    @Override
    public synchronized PostedPayment updatePayment(PostedPayment existing, PaymentDraft desired) {
        calls.incrementAndGet();
        PostedPayment updated = new PostedPayment(existing.type(), existing.referenceNbr(), existing.externalRef(),
                desired.amount(), desired.onHold(), desired.onHold() ? "On Hold" : "Balanced");
        replace(existing, new Payment(updated, desired));
        return updated;
    }

    @Override
    public synchronized void voidPayment(PostedPayment payment) {
        calls.incrementAndGet();
        Payment stored = payments.stream().filter(p -> p.posted().referenceNbr().equals(payment.referenceNbr()))
                .findFirst().orElseThrow();
        PostedPayment p = stored.posted();
        replace(p, new Payment(new PostedPayment(p.type(), p.referenceNbr(), p.externalRef(), p.amount(), p.onHold(),
                "Voided"), stored.draft()));
    }

    private void replace(PostedPayment existing, Payment replacement) {
        for (int i = 0; i < payments.size(); i++) {
            if (payments.get(i).posted().referenceNbr().equals(existing.referenceNbr())) {
                payments.set(i, replacement);
                return;
            }
        }
        throw new IllegalStateException("no payment " + existing.display());
    }

    public List<Stored> orders() {
        return orders;
    }

    public List<Payment> payments() {
        return payments;
    }

    public long ordersFor(String externalRef) {
        return orders.stream().filter(o -> o.draft.externalRef().equals(externalRef)).count();
    }

    /** What the customer owes for a store order in this back office: sales less credits, cancelled ones aside. */
    public Money netFor(String orderRef, String currency) {
        return orders.stream().filter(o -> !"Cancelled".equals(o.status))
                .filter(o -> o.draft.externalRef().equals(orderRef) || o.draft.externalRef().startsWith(orderRef + "-"))
                .map(o -> o.draft.total().times(java.math.BigDecimal.valueOf(o.draft.kind().sign())))
                .reduce(Money.zero(currency), Money::plus);
    }
}
