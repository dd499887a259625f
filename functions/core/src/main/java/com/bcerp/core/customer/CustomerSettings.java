package com.bcerp.core.customer;

import com.bcerp.core.config.InvalidConfig;
import java.util.Set;

/**
 * How store buyers become back-office customers.
 *
 * @param match           {@code email}, {@code external_id} (the store's customer id, carried by the back-office
 *                        customer) or {@code external_id_then_email}
 * @param guests          guest checkouts: {@code new} (matched by email or created, like anyone) or {@code generic}
 *                        (all booked to {@code genericCustomer})
 * @param genericCustomer the back-office customer for guest checkouts when {@code guests} is generic
 */
public record CustomerSettings(String match, String guests, String genericCustomer) {

    public static final String EMAIL = "email";
    public static final String EXTERNAL_ID = "external_id";
    public static final String EXTERNAL_ID_THEN_EMAIL = "external_id_then_email";
    public static final String NEW = "new";
    public static final String GENERIC = "generic";

    public CustomerSettings {
        InvalidConfig.require(Set.of(EMAIL, EXTERNAL_ID, EXTERNAL_ID_THEN_EMAIL).contains(match), "match",
                "must be email, external_id or external_id_then_email, was '" + match + "'");
        InvalidConfig.require(NEW.equals(guests) || GENERIC.equals(guests), "guests",
                "must be new or generic, was '" + guests + "'");
        InvalidConfig.require(!GENERIC.equals(guests) || genericCustomer != null && !genericCustomer.isBlank(),
                "generic_customer", "must name the back-office customer guests are booked to (guests: generic)");
    }

    public static CustomerSettings defaults() {
        return new CustomerSettings(EMAIL, NEW, null);
    }

    public boolean matchesByExternalId() {
        return !EMAIL.equals(match);
    }

    public boolean matchesByEmail() {
        return !EXTERNAL_ID.equals(match);
    }

    public boolean guestsToGenericCustomer() {
        return GENERIC.equals(guests);
    }
}
