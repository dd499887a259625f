package com.bcerp.core.customer;

import com.bcerp.core.config.InvalidConfig;
import java.util.Map;
import java.util.Set;

/**
 * How store buyers become back-office customers, and how store customers are followed afterwards.
 *
 * @param match               {@code email}, {@code external_id} (the store's customer id, carried by the back-office
 *                            customer) or {@code external_id_then_email}
 * @param guests              guest checkouts: {@code new} (matched by email or created, like anyone) or {@code generic}
 *                            (all booked to {@code genericCustomer})
 * @param genericCustomer     the back-office customer for guest checkouts when {@code guests} is generic
 * @param sync                follow the store's customer webhooks (created, updated, address changes)
 * @param createWithoutOrders with {@code sync}: a store customer the back office does not have yet (who has not
 *                            ordered) is created; otherwise it waits for its first order
 * @param groupClasses        store customer group id → back-office customer class
 * @param groupPriceClasses   store customer group id → back-office price class
 */
public record CustomerSettings(String match, String guests, String genericCustomer, boolean sync,
        boolean createWithoutOrders, Map<String, String> groupClasses, Map<String, String> groupPriceClasses) {

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
        groupClasses = groupClasses == null ? Map.of() : Map.copyOf(groupClasses);
        groupPriceClasses = groupPriceClasses == null ? Map.of() : Map.copyOf(groupPriceClasses);
        requireGroupIds(groupClasses, "group_classes");
        requireGroupIds(groupPriceClasses, "group_price_classes");
    }

    /** Order buyers only: customer webhooks not followed. */
    public CustomerSettings(String match, String guests, String genericCustomer) {
        this(match, guests, genericCustomer, false, false, Map.of(), Map.of());
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

    /** The customer class of a store customer group; null when the group is not mapped. */
    public String customerClass(long groupId) {
        return groupClasses.get(Long.toString(groupId));
    }

    /** The price class of a store customer group; null when the group is not mapped. */
    public String priceClass(long groupId) {
        return groupPriceClasses.get(Long.toString(groupId));
    }

    private static void requireGroupIds(Map<String, String> table, String field) {
        table.forEach((group, value) -> {
            InvalidConfig.require(group.chars().allMatch(Character::isDigit) && !group.isEmpty(), field,
                    "keys are store customer group ids (whole numbers), was '" + group + "'");
            InvalidConfig.require(value != null && !value.isBlank(), field + "." + group, "must not be blank");
        });
    }
}
