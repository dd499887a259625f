package com.bcerp.core.customer;

import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.Address;
import com.bcerp.core.model.StoreCustomer;
import com.bcerp.core.port.Customers;
import com.bcerp.core.port.Storefront;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.sync.Attempt;
import com.bcerp.core.sync.ClaimedWork;
import com.bcerp.core.sync.KeyScope;
import com.bcerp.core.sync.Outcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The back-office customer follows the store's: after a customer webhook (created, updated, an address changed) the
 * store's customer as it is now is read and its name, company, email, phone, first address and classes (from its
 * customer group) are written to the back-office customer it matches, by the same rules as an order's buyer. A store
 * customer the back office does not have (who has not ordered) is created only when the config says so.
 *
 * <p>Idempotent under duplicate and out-of-order events: what was last applied (the back-office id, the store's
 * {@code date_modified} and a fingerprint of the fields) is kept per store customer, so a second event for the same
 * state writes nothing, and a read older than the one applied (an older update arriving late) never overwrites it.
 * The kept back-office id also follows an email change under {@code match: email}. Runs for one customer are
 * serialised by a claim on {@code customer-sync#{store}#{id}}, released when done; bad input parks that record.
 */
public final class CustomerSync {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private final Storefront store;
    private final Customers backOffice;
    private final CustomerMatcher matcher;
    private final SyncState state;
    private final CustomerSettings settings;
    private final KeyScope scope;
    private final ClaimedWork claims;

    public CustomerSync(Storefront store, Customers backOffice, CustomerMatcher matcher, SyncState state,
            CustomerSettings settings, KeyScope scope, Clock clock, Duration lease) {
        this.store = store;
        this.backOffice = backOffice;
        this.matcher = matcher;
        this.state = state;
        this.settings = settings;
        this.scope = scope;
        this.claims = new ClaimedWork(state, clock, lease);
    }

    public static String recordKey(String storeHash, long customerId) {
        return "customer-sync#" + storeHash + "#" + customerId;
    }

    /** Where the last applied version of a store customer is kept. */
    static String appliedKey(String storeHash, long customerId) {
        return "customer-applied#" + storeHash + "#" + customerId;
    }

    /** Brings the back-office customer to the store customer's current state. */
    public Outcome sync(String storeHash, long customerId, String trigger) {
        String key = recordKey(scope.store(storeHash), customerId);
        return claims.run(key, trigger, "customer " + customerId, true,
                attempt -> syncClaimed(storeHash, customerId, attempt));
    }

    private Outcome syncClaimed(String storeHash, long customerId, Attempt attempt) {
        Optional<StoreCustomer> found = store.customer(customerId);
        if (found.isEmpty()) {
            return attempt.end(Outcome.SKIPPED, null, "the store has no customer " + customerId);
        }
        StoreCustomer customer = found.get();
        validate(customer);
        CustomerDraft draft = draft(storeHash, customer);
        String fingerprint = fingerprint(draft);
        String appliedKey = appliedKey(scope.store(storeHash), customerId);
        Optional<Applied> applied = state.completed(appliedKey).map(Applied::decode);
        if (applied.isPresent()) {
            Applied last = applied.get();
            if (customer.dateModified() != null && customer.dateModified().isBefore(last.dateModified())) {
                return attempt.end(Outcome.SKIPPED, last.customerId(), customer.describe() + " as read (modified "
                        + customer.dateModified() + ") is older than the version applied (" + last.dateModified() + ")");
            }
            if (last.fingerprint().equals(fingerprint)) {
                return attempt.end(Outcome.ALREADY_SYNCED, last.customerId(), null);
            }
        }
        String backOfficeId;
        Outcome outcome;
        if (applied.isPresent()) {
            backOfficeId = applied.get().customerId();
            backOffice.updateCustomer(backOfficeId, draft);
            outcome = Outcome.UPDATED;
        } else {
            Optional<CustomerMatcher.Match> match = matcher.customerFor(storeHash, customer, draft,
                    settings.createWithoutOrders());
            if (match.isEmpty()) {
                return attempt.end(Outcome.SKIPPED, null, customer.describe() + " is not in the back office (no order "
                        + "yet) and customers.create_without_orders is false");
            }
            backOfficeId = match.get().customerId();
            if (match.get().created()) {
                outcome = Outcome.CREATED;
            } else {
                backOffice.updateCustomer(backOfficeId, draft);
                outcome = Outcome.UPDATED;
            }
        }
        Instant version = customer.dateModified() != null ? customer.dateModified()
                : applied.map(Applied::dateModified).orElse(Instant.EPOCH);
        state.complete(appliedKey, new Applied(backOfficeId, version, fingerprint).encode());
        return attempt.end(outcome, backOfficeId, null);
    }

    /** Bad input parks the customer, naming the field: the back office would refuse it or file it wrongly. */
    private static void validate(StoreCustomer customer) {
        if (customer.email() == null || !EMAIL.matcher(customer.email().trim()).matches()) {
            throw new PermanentFailure("email", customer.describe() + ": email '" + customer.email()
                    + "' is not an email address");
        }
        List<Address> addresses = customer.addresses();
        for (int i = 0; i < addresses.size(); i++) {
            String country = addresses.get(i).countryIso2();
            if (country == null || !COUNTRY.matcher(country).matches()) {
                throw new PermanentFailure("addresses[" + i + "].country_code", customer.describe()
                        + ": addresses[" + i + "].country_code '" + country + "' is not an ISO 3166 country code");
            }
        }
    }

    /** The naming rules of a new customer from an order: a B2B customer is named by its company. */
    private CustomerDraft draft(String storeHash, StoreCustomer customer) {
        Address first = customer.addresses().isEmpty() ? null : customer.addresses().get(0);
        String company = customer.company() != null && !customer.company().isBlank() ? customer.company()
                : first != null ? first.company() : null;
        String name = customer.asBuyer().displayName();
        String phone = customer.phone() != null && !customer.phone().isBlank() ? customer.phone()
                : first != null ? first.phone() : null;
        return new CustomerDraft(name, customer.email().trim(), company, phone, first, first,
                CustomerMatcher.externalRef(storeHash, customer.id()), false,
                settings.customerClass(customer.customerGroupId()), settings.priceClass(customer.customerGroupId()));
    }

    private static String fingerprint(CustomerDraft draft) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(draft.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The stored form: {@code backOfficeId|dateModified|fingerprint}. */
    private record Applied(String customerId, Instant dateModified, String fingerprint) {

        String encode() {
            return customerId + "|" + dateModified + "|" + fingerprint;
        }

        static Applied decode(String stored) {
            int last = stored.lastIndexOf('|');
            int middle = stored.lastIndexOf('|', last - 1);
            return new Applied(stored.substring(0, middle), Instant.parse(stored.substring(middle + 1, last)),
                    stored.substring(last + 1));
        }
    }
}
