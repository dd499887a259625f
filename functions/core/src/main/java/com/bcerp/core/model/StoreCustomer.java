package com.bcerp.core.model;

import java.time.Instant;
import java.util.List;

/**
 * A registered store customer as the store holds it now (BigCommerce: {@code /v3/customers} with its addresses).
 *
 * @param customerGroupId the store's customer group, 0 for none
 * @param dateModified    when the store last changed the customer; orders the versions the connector has applied
 * @param addresses       the customer's address book, oldest first (the first is the one the back office keeps)
 */
public record StoreCustomer(long id, String email, String firstName, String lastName, String company, String phone,
        long customerGroupId, Instant dateModified, List<Address> addresses) {

    public StoreCustomer {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /** As people know it in messages: {@code customer 32}. */
    public String describe() {
        return "customer " + id;
    }

    /** The customer as an order's buyer is: the naming rules of a new back-office customer are the same. */
    public Buyer asBuyer() {
        return new Buyer(id, email, firstName, lastName, company, phone);
    }
}
