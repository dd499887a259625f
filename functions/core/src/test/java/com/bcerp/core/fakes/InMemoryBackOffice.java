package com.bcerp.core.fakes;

import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.backoffice.PaymentDraft;
import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.PostedPayment;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.backoffice.DocumentState;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.model.Money;
import com.bcerp.core.backoffice.LineArithmetic;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.Customers;
import com.bcerp.core.port.Payments;
import com.bcerp.core.port.SalesDocuments;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A back office in memory that, like a real one, does not stop duplicates: every create adds a document. Knows a
 * set of items; can be told to fail. No vendor's words: documents are {@code doc-1}, {@code doc-2}, ... whatever
 * their kind, payments {@code pay-1}, ..., and failures name the draft's own fields.
 */
public final class InMemoryBackOffice implements Customers, SalesDocuments, Payments {

    /** Its line arithmetic: the discount off the extended price, rounded once (unlike the adapters, on purpose). */
    public static final LineArithmetic ARITHMETIC = LineArithmetic.SUBTRACT_THEN_ROUND;

    /** A document as stored, with its state (open or cancelled). */
    public static final class Stored {
        private final String id;
        private volatile SalesOrderDraft draft;
        private volatile DocumentState state = DocumentState.OPEN;
        private volatile String cancelRefusal;
        private volatile String changeRefusal;

        Stored(String id, SalesOrderDraft draft) {
            this.id = id;
            this.draft = draft;
        }

        public String id() {
            return id;
        }

        public SalesOrderDraft draft() {
            return draft;
        }

        public DocumentState state() {
            return state;
        }

        public boolean cancelled() {
            return state == DocumentState.CANCELLED;
        }

        /** From now on the back office refuses to cancel this document, for this business reason. */
        public void refuseCancel(String reason) {
            this.cancelRefusal = reason;
        }

        /** From now on the back office refuses to change this document's lines (a warehouse that picked it). */
        public void refuseChange(String reason) {
            this.changeRefusal = reason;
        }

        DocumentRef ref() {
            return new DocumentRef(id, draft.total(ARITHMETIC));
        }

        PostedDocument posted() {
            PostedDocument open = PostedDocument.created(ref(), draft, ARITHMETIC);
            return new PostedDocument(open.ref(), open.kind(), open.externalRef(), open.customerId(), open.branch(),
                    state, state.configName(), open.lines(), open.freight(), open.taxes());
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
    private final AtomicInteger numbers = new AtomicInteger();
    public final AtomicInteger customerCreates = new AtomicInteger();
    public final AtomicInteger customerUpdates = new AtomicInteger();
    /** Each customer as last created or updated, by id. */
    public final Map<String, CustomerDraft> customers = new ConcurrentHashMap<>();
    public final AtomicInteger calls = new AtomicInteger();
    /** Set to refuse every call as a back office refuses a wrong secret. */
    public volatile boolean signInRefused;

    /**
     * Added to every created document's total, as a back office that recalculates the tax it was sent (an Acumatica
     * tax zone) answers another total than the draft's.
     */
    public volatile BigDecimal recalculatedBy = BigDecimal.ZERO;
    /** Set to fail every create with a transient error (the back office is down). */
    public volatile boolean down;
    /** Off: like a back office that cannot search its documents or payments by reference (the links alone tell). */
    public volatile boolean searchable = true;
    /** Off: like a warehouse, which takes an order without a customer of its own. */
    public volatile boolean needsCustomer = true;

    public InMemoryBackOffice(Set<String> items) {
        this.items = ConcurrentHashMap.newKeySet();
        this.items.addAll(items);
    }

    private void call() {
        calls.incrementAndGet();
        if (signInRefused) {
            throw new PermanentFailure("credentials", "memory refused the sign-in: check the secret");
        }
    }

    /** Ops adds an item (e.g. after an order parked on it). */
    public void addItem(String item) {
        items.add(item);
    }

    /** As the flows see it: every order-side port. */
    public BackOffice backOffice() {
        return BackOffice.named("memory", "memory").arithmetic(ARITHMETIC).customers(this).documents(this)
                .payments(this).build();
    }

    @Override
    public Optional<String> findCustomerByEmail(String email) {
        call();
        return Optional.ofNullable(customersByEmail.get(email));
    }

    @Override
    public Optional<String> findCustomerByExternalRef(String externalRef) {
        call();
        return Optional.ofNullable(customersByRef.get(externalRef));
    }

    @Override
    public boolean customerExists(String customerId) {
        call();
        return customers.containsKey(customerId);
    }

    @Override
    public synchronized String createCustomer(CustomerDraft customer) {
        call();
        customerCreates.incrementAndGet();
        String id = "C" + customerCreates.get();
        if (customer.email() != null) {
            customersByEmail.putIfAbsent(customer.email(), id);
        }
        if (customer.externalRef() != null) {
            customersByRef.put(customer.externalRef(), id);
        }
        customers.put(id, customer);
        return id;
    }

    /** Keeps the classes a draft leaves out, as a back office does. */
    @Override
    public synchronized void updateCustomer(String customerId, CustomerDraft customer) {
        call();
        if (!customersByEmail.containsValue(customerId) && !customersByRef.containsValue(customerId)) {
            throw new PermanentFailure("CustomerID", "customer '" + customerId + "' cannot be found");
        }
        customerUpdates.incrementAndGet();
        CustomerDraft before = customers.get(customerId);
        customersByEmail.values().remove(customerId);
        customersByEmail.put(customer.email(), customerId);
        customers.put(customerId, new CustomerDraft(customer.name(), customer.email(), customer.company(),
                customer.phone(), customer.billing(), customer.shipping(),
                before != null ? before.externalRef() : customer.externalRef(), customer.guest(),
                customer.customerClass() != null || before == null ? customer.customerClass() : before.customerClass(),
                customer.priceClass() != null || before == null ? customer.priceClass() : before.priceClass()));
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

    public final AtomicInteger searches = new AtomicInteger();

    @Override
    public Optional<List<PostedDocument>> findOrderDocuments(String externalRef) {
        call();
        if (!searchable) {
            return Optional.empty();
        }
        searches.incrementAndGet();
        return Optional.of(orders.stream().filter(o -> o.draft.externalRef().equals(externalRef)
                        || o.draft.externalRef().startsWith(externalRef + "-"))
                .map(Stored::posted).toList());
    }

    @Override
    public List<PostedDocument> readDocuments(Collection<String> ids) {
        call();
        return orders.stream().filter(o -> ids.contains(o.id)).map(Stored::posted).toList();
    }

    @Override
    public synchronized DocumentRef createSalesOrder(SalesOrderDraft order) {
        call();
        if (down) {
            throw new TransientFailure("back office unavailable (503)");
        }
        if (needsCustomer && order.customerId() == null) {
            throw new PermanentFailure("customerId", "an order needs a customer");
        }
        if (needsCustomer && !customersByEmail.containsValue(order.customerId()) && !customersByRef.containsValue(order.customerId())
                && !generic.contains(order.customerId())) {
            throw new PermanentFailure("customerId", "customer '" + order.customerId() + "' cannot be found");
        }
        for (int i = 0; i < order.lines().size(); i++) {
            if (!items.contains(order.lines().get(i).itemId())) {
                throw new PermanentFailure("lines[" + i + "].itemId", "lines[" + i + "].itemId: '"
                        + order.lines().get(i).itemId() + "' cannot be found (" + order.lines().get(i).source() + ")");
            }
        }
        Stored stored = new Stored("doc-" + numbers.incrementAndGet(), order);
        orders.add(stored);
        DocumentRef ref = stored.ref();
        return new DocumentRef(ref.id(), ref.total().plus(Money.of(recalculatedBy.toPlainString(), ref.total().currency())));
    }

    /** Line changes made ({@link #updateSalesOrder}). */
    public final AtomicInteger lineUpdates = new AtomicInteger();

    /** Takes the draft's lines in place of the document's (for a fake that says it {@code updatesOrderLines}). */
    @Override
    public synchronized void updateSalesOrder(DocumentRef order, SalesOrderDraft desired) {
        call();
        Stored stored = orders.stream().filter(o -> o.id.equals(order.id())).findFirst()
                .orElseThrow(() -> new PermanentFailure("id", order.display() + " cannot be found"));
        if (stored.changeRefusal != null) {
            throw new PermanentFailure("status", order.display() + ": " + stored.changeRefusal);
        }
        stored.draft = stored.draft.withLines(desired.lines());
        lineUpdates.incrementAndGet();
    }

    @Override
    public void cancelSalesOrder(DocumentRef order) {
        call();
        Stored stored = orders.stream().filter(o -> o.id.equals(order.id())).findFirst()
                .orElseThrow(() -> new PermanentFailure("id", order.display() + " cannot be found"));
        if (stored.cancelled()) {
            throw new PermanentFailure("state", order.display() + " is cancelled already");
        }
        if (stored.cancelRefusal != null) {
            throw new PermanentFailure("state", order.display() + ": " + stored.cancelRefusal);
        }
        stored.state = DocumentState.CANCELLED;
    }

    @Override
    public Optional<List<PostedPayment>> findPayments(String externalRefPrefix) {
        call();
        if (!searchable) {
            return Optional.empty();
        }
        searches.incrementAndGet();
        return Optional.of(payments.stream().map(Payment::posted)
                .filter(p -> p.externalRef().startsWith(externalRefPrefix)).toList());
    }

    @Override
    public List<PostedPayment> readPayments(Collection<String> ids) {
        call();
        return payments.stream().map(Payment::posted).filter(p -> ids.contains(p.id())).toList();
    }

    @Override
    public synchronized PostedPayment createPayment(PaymentDraft payment) {
        call();
        if (orders.stream().noneMatch(o -> o.id.equals(payment.appliesTo().id()))) {
            throw new PermanentFailure("appliesTo", "order " + payment.appliesTo().display() + " cannot be found");
        }
        PostedPayment posted = new PostedPayment("pay-" + (payments.size() + 1), payment.externalRef(),
                payment.amount(), payment.onHold(), false, payment.onHold() ? "on hold" : "open");
        payments.add(new Payment(posted, payment));
        return posted;
    }

    @Override
    public synchronized PostedPayment updatePayment(PostedPayment existing, PaymentDraft desired) {
        call();
        PostedPayment updated = new PostedPayment(existing.id(), existing.externalRef(), desired.amount(),
                desired.onHold(), false, desired.onHold() ? "on hold" : "open");
        replace(existing, new Payment(updated, desired));
        return updated;
    }

    @Override
    public synchronized void voidPayment(PostedPayment payment) {
        call();
        Payment stored = payments.stream().filter(p -> p.posted().id().equals(payment.id()))
                .findFirst().orElseThrow();
        PostedPayment p = stored.posted();
        replace(p, new Payment(new PostedPayment(p.id(), p.externalRef(), p.amount(), p.onHold(), true, "voided"),
                stored.draft()));
    }

    private void replace(PostedPayment existing, Payment replacement) {
        for (int i = 0; i < payments.size(); i++) {
            if (payments.get(i).posted().id().equals(existing.id())) {
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
        return orders.stream().filter(o -> !o.cancelled())
                .filter(o -> o.draft.externalRef().equals(orderRef) || o.draft.externalRef().startsWith(orderRef + "-"))
                .map(o -> o.draft.total(ARITHMETIC).times(java.math.BigDecimal.valueOf(o.draft.kind().sign())))
                .reduce(Money.zero(currency), Money::plus);
    }
}
