package com.bcerp.core.port;

import com.bcerp.core.backoffice.CustomerDraft;
import java.util.Optional;

/** A back office's customers (an ERP's debtors). A back office without customers (a warehouse) has no such port. */
public interface Customers {

    Optional<String> findCustomerByEmail(String email);

    /** The customer carrying this external reference (the store's customer id), if one exists. */
    Optional<String> findCustomerByExternalRef(String externalRef);

    /** Whether a customer with this back-office id exists (the pre-go-live check of a configured generic customer). */
    boolean customerExists(String customerId);

    /** Creates the customer and returns its back-office id. */
    String createCustomer(CustomerDraft customer);

    /**
     * Brings an existing customer to the draft: name, email, company, phone, billing and shipping address, and the
     * classes the draft names (a null class is left as it is). The id and the external reference do not change.
     */
    void updateCustomer(String customerId, CustomerDraft customer);
}
