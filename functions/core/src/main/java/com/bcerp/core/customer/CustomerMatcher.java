package com.bcerp.core.customer;

import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.model.Address;
import com.bcerp.core.model.Buyer;
import com.bcerp.core.model.StoreCustomer;
import com.bcerp.core.model.StoreOrder;
import com.bcerp.core.port.Customers;
import com.bcerp.core.sync.KeyScope;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.sync.Claim;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The back-office customer for a store order, matched by the configured rule or created, exactly once per buyer:
 * two orders from one new buyer may be processed at the same time (they are in different queue groups), so creating
 * is claimed like an order. The completed claim remembers the back-office id, so a returning buyer costs no
 * back-office call.
 *
 * <p>A registered buyer carries the store's customer id as an external reference ({@code BC-{store}-C{id}}); with
 * {@code match: external_id} (or {@code external_id_then_email}) it is looked up first. A guest has no id: guests are
 * matched by email and created like anyone, or all booked to the generic customer.
 */
public final class CustomerMatcher {

    private static final Duration CLAIM_WAIT = Duration.ofSeconds(3);

    private final Customers backOffice;
    private final KeyScope scope;
    private final SyncState state;
    private final CustomerSettings settings;
    private final Duration lease;

    /** @param scope whose customer claims these are: each back office has its own customer ids */
    public CustomerMatcher(Customers backOffice, SyncState state, CustomerSettings settings, KeyScope scope,
            Duration lease) {
        this.scope = scope;
        this.backOffice = backOffice;
        this.state = state;
        this.settings = settings;
        this.lease = lease;
    }

    /** The store customer as the back office carries it. */
    public static String externalRef(String storeHash, long storeCustomerId) {
        return "BC-" + storeHash + "-C" + storeCustomerId;
    }

    public String customerFor(StoreOrder order) {
        Buyer buyer = order.buyer();
        if (buyer.isGuest() && settings.guestsToGenericCustomer()) {
            return settings.genericCustomer();
        }
        String externalRef = buyer.isGuest() ? null : externalRef(order.storeHash(), buyer.storeCustomerId());
        String email = email(order);
        if (email == null && (externalRef == null || !settings.matchesByExternalId())) {
            throw new PermanentFailure("billing_address.email",
                    order.describe() + ": no email on the order, so no customer can be matched or created");
        }
        return match(order.describe(), externalRef, email, () -> newCustomer(order, email, externalRef), true, false)
                .orElseThrow().customerId();
    }

    /** What a match found: the back-office customer, and whether it was created just now (from the draft). */
    public record Match(String customerId, boolean created) {}

    /**
     * The back-office customer of a registered store customer, by the same rules as an order's buyer; created from
     * {@code draft} only when {@code create} says so, otherwise empty when the back office has none. Under
     * {@code match: email} the store customer's email may have changed since their orders, so the customer their
     * orders were matched to, and then the store id the connector's customers carry, are tried as well.
     */
    public Optional<Match> customerFor(String storeHash, StoreCustomer customer, CustomerDraft draft, boolean create) {
        return match(customer.describe(), externalRef(storeHash, customer.id()), customer.email().trim(), () -> draft,
                create, true);
    }

    /**
     * Claims the match key (external id or email, as configured), so that one customer is created however many
     * attempts race for it; a completed key answers at once. A customer not found and not to be created gives the
     * key up, so a later order or a config change can still create it. A registered buyer matched by email is also
     * remembered by their store id: the store customer's link to the back-office customer.
     */
    private Optional<Match> match(String what, String externalRef, String email, Supplier<CustomerDraft> draft,
            boolean create, boolean followStoreId) {
        boolean byExternalId = externalRef != null && settings.matchesByExternalId();
        String storeIdKey = externalRef == null ? null : scope.customer("ext#" + externalRef);
        boolean linkByStoreId = externalRef != null && !byExternalId;
        if (linkByStoreId && followStoreId) {
            Optional<String> linked = state.completed(storeIdKey);
            if (linked.isPresent()) {
                return Optional.of(new Match(linked.get(), false));
            }
        }
        String key = byExternalId ? storeIdKey : scope.customer("email#" + email.toLowerCase(Locale.ROOT));
        Claim claim = claimWaiting(key);
        switch (claim.status()) {
            case DONE -> {
                return Optional.of(new Match(claim.result(), false));
            }
            case BUSY -> throw new TransientFailure(what + ": customer " + (byExternalId ? externalRef : email)
                    + " is being created by another attempt");
            case ACQUIRED -> { }
        }
        try {
            Optional<String> found = byExternalId ? backOffice.findCustomerByExternalRef(externalRef) : Optional.empty();
            if (found.isEmpty() && email != null && (settings.matchesByEmail() || externalRef == null)) {
                found = backOffice.findCustomerByEmail(email);
            }
            if (found.isEmpty() && linkByStoreId && followStoreId) {
                found = backOffice.findCustomerByExternalRef(externalRef);
            }
            if (found.isEmpty() && !create) {
                state.release(key);
                return Optional.empty();
            }
            Match match = found.map(id -> new Match(id, false))
                    .orElseGet(() -> new Match(backOffice.createCustomer(draft.get()), true));
            state.complete(key, match.customerId());
            if (linkByStoreId) {
                state.complete(storeIdKey, match.customerId());
            }
            return Optional.of(match);
        } catch (RuntimeException e) {
            state.release(key);
            throw e;
        }
    }

    private static String email(StoreOrder order) {
        String email = order.buyer().email();
        if (email == null || email.isBlank()) {
            email = order.billingAddress().email();
        }
        return email == null || email.isBlank() ? null : email.trim();
    }

    /**
     * Claims the customer key, waiting a little while another attempt holds it: that attempt is creating this
     * customer now and will finish within a second or two, which is far sooner than a queue redelivery.
     */
    private Claim claimWaiting(String key) {
        long deadline = System.nanoTime() + CLAIM_WAIT.toNanos();
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

    /** With the billing and shipping addresses; a B2B buyer's company names the customer. */
    private static CustomerDraft newCustomer(StoreOrder order, String email, String externalRef) {
        Buyer buyer = order.buyer();
        Address billing = order.billingAddress();
        Address shipping = order.shipping().isEmpty() ? billing : order.shipping().get(0).address();
        String company = buyer.company() != null && !buyer.company().isBlank() ? buyer.company() : billing.company();
        Buyer named = new Buyer(buyer.storeCustomerId(), buyer.email(), buyer.firstName(), buyer.lastName(), company,
                buyer.phone());
        String name = named.displayName() == null || named.displayName().isBlank() ? billing.fullName() : named.displayName();
        String phone = buyer.phone() != null && !buyer.phone().isBlank() ? buyer.phone() : billing.phone();
        return new CustomerDraft(name, email, company, phone, billing, shipping, externalRef, buyer.isGuest());
    }
}
