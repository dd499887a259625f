package com.bcerp.core.order;

import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.SalesOrderRef;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.model.Address;
import com.bcerp.core.model.Buyer;
import com.bcerp.core.model.StoreOrder;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.Storefront;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.Claim;
import com.bcerp.core.sync.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store order becomes exactly one back-office sales order, however often it is asked for.
 *
 * <p>Two lines of defence against duplicates: a conditional claim on the order's key in {@link SyncState}, and a
 * look-up by the order's external reference in the back office before creating (which catches a crash between the
 * back-office write and the state write).
 */
public final class OrderImport {

    private static final Logger log = LoggerFactory.getLogger(OrderImport.class);
    private static final Duration CUSTOMER_WAIT = Duration.ofSeconds(3);

    private final Storefront store;
    private final BackOffice backOffice;
    private final SyncState state;
    private final SalesOrderMapper mapper;
    private final Clock clock;
    private final Duration lease;

    /**
     * @param lease how long a claim holds before another attempt may take over; longer than one attempt can run
     */
    public OrderImport(Storefront store, BackOffice backOffice, SyncState state, SalesOrderMapper mapper, Clock clock,
            Duration lease) {
        this.store = store;
        this.backOffice = backOffice;
        this.state = state;
        this.mapper = mapper;
        this.clock = clock;
        this.lease = lease;
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
        String key = recordKey(storeHash, orderId);
        Attempt attempt = new Attempt(key, trigger);
        Claim claim = state.claim(key, lease);
        switch (claim.status()) {
            case DONE -> {
                return attempt.end(Outcome.ALREADY_SYNCED, claim.result(), null);
            }
            case BUSY -> {
                attempt.end(Outcome.RETRYING, null, "another attempt is syncing this order");
                throw new TransientFailure("order " + orderId + " is being synced by another attempt");
            }
            case ACQUIRED -> { }
        }
        try {
            return importClaimed(storeHash, orderId, key, attempt);
        } catch (PermanentFailure e) {
            state.park(key, e.getMessage());
            return attempt.end(Outcome.PARKED, null, e.getMessage());
        } catch (RuntimeException e) {
            state.release(key);
            attempt.end(Outcome.RETRYING, null, describe(e));
            throw e instanceof TransientFailure t ? t : new TransientFailure("order " + orderId + ": " + describe(e), e);
        }
    }

    private Outcome importClaimed(String storeHash, long orderId, String key, Attempt attempt) {
        Optional<StoreOrder> found = store.order(orderId);
        if (found.isEmpty()) {
            state.release(key);
            return attempt.end(Outcome.SKIPPED, null, "the store has no order " + orderId);
        }
        StoreOrder order = found.get();
        if (order.isIncomplete()) {
            state.release(key);
            return attempt.end(Outcome.SKIPPED, null, "order " + orderId + " is incomplete (checkout not finished)");
        }
        SalesOrderDraft draft = mapper.toDraft(order);

        Optional<SalesOrderRef> existing = backOffice.findSalesOrder(draft.externalRef());
        if (existing.isPresent()) {
            state.complete(key, existing.get().display());
            return attempt.end(Outcome.LINKED_EXISTING, existing.get().display(), null);
        }
        String customerId = customerFor(order);
        SalesOrderRef created = backOffice.createSalesOrder(draft.withCustomerId(customerId));
        state.complete(key, created.display());
        if (!created.total().sameAs(order.totalIncTax().toCents())) {
            log.warn("order {}: back office total {} differs from the store's {}", orderId, created.total(),
                    order.totalIncTax());
        }
        return attempt.end(Outcome.CREATED, created.display(), null);
    }

    /**
     * Matches the buyer by email, or creates the customer, exactly once per email: two orders from one new buyer may
     * be processed at the same time (they are in different queue groups), so creating is claimed like an order. The
     * completed claim remembers the back-office id, so a returning buyer costs no back-office call.
     */
    private String customerFor(StoreOrder order) {
        Buyer buyer = order.buyer();
        String email = buyer.email() == null || buyer.email().isBlank() ? order.billingAddress().email() : buyer.email();
        if (email == null || email.isBlank()) {
            throw new PermanentFailure("billing_address.email",
                    "order " + order.id() + ": no email on the order, so no customer can be matched or created");
        }
        String key = "customer#email#" + email.trim().toLowerCase(Locale.ROOT);
        Claim claim = claimCustomer(key);
        switch (claim.status()) {
            case DONE -> {
                return claim.result();
            }
            case BUSY -> throw new TransientFailure("order " + order.id() + ": customer " + email
                    + " is being created by another attempt");
            case ACQUIRED -> { }
        }
        try {
            String customerId = backOffice.findCustomerByEmail(email)
                    .orElseGet(() -> backOffice.createCustomer(newCustomer(order, email)));
            state.complete(key, customerId);
            return customerId;
        } catch (RuntimeException e) {
            state.release(key);
            throw e;
        }
    }

    /**
     * Claims the customer key, waiting a little while another attempt holds it: that attempt is creating this
     * customer now and will finish within a second or two, which is far sooner than a queue redelivery.
     */
    private Claim claimCustomer(String key) {
        long deadline = System.nanoTime() + CUSTOMER_WAIT.toNanos();
        long pause = 50;
        Claim claim = state.claim(key, lease);
        while (claim.status() == Claim.Status.BUSY && System.nanoTime() < deadline) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pause = Math.min(pause * 2, 500);
            claim = state.claim(key, lease);
        }
        return claim;
    }

    private static CustomerDraft newCustomer(StoreOrder order, String email) {
        Buyer buyer = order.buyer();
        Address billing = order.billingAddress();
        Address shipping = order.shipping().isEmpty() ? billing : order.shipping().get(0).address();
        String name = buyer.displayName() == null || buyer.displayName().isBlank() ? billing.fullName() : buyer.displayName();
        String company = buyer.company() != null && !buyer.company().isBlank() ? buyer.company() : billing.company();
        String phone = buyer.phone() != null && !buyer.phone().isBlank() ? buyer.phone() : billing.phone();
        String ref = buyer.isGuest() ? null : "BC-" + order.storeHash() + "-C" + buyer.storeCustomerId();
        return new CustomerDraft(name, email, company, phone, billing, shipping, ref, buyer.isGuest());
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Times one attempt and writes its audit record. */
    private final class Attempt {
        private final String key;
        private final String trigger;
        private final String id = UUID.randomUUID().toString();
        private final Instant started = clock.instant();

        Attempt(String key, String trigger) {
            this.key = key;
            this.trigger = trigger;
        }

        Outcome end(Outcome outcome, String document, String error) {
            long ms = Duration.between(started, clock.instant()).toMillis();
            state.audit(new AuditRecord(key, id, started, ms, outcome, trigger, document, error));
            if (error == null) {
                log.info("{} {} {} in {} ms ({})", key, outcome, document == null ? "" : document, ms, trigger);
            } else {
                log.warn("{} {} in {} ms ({}): {}", key, outcome, ms, trigger, error);
            }
            return outcome;
        }
    }
}
