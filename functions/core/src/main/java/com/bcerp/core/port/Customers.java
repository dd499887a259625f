package com.bcerp.core.port;

import com.bcerp.core.backoffice.CustomerDraft;
import java.util.Optional;

/** A back office's customers (an ERP's debtors). A back office without customers (a warehouse) has no such port. */
public interface Customers {

    Optional<String> findCustomerByEmail(String email);

    /** The customer carrying this external reference (the store's customer id), if one exists. */
    Optional<String> findCustomerByExternalRef(String externalRef);

    /** Creates the customer and returns its back-office id. */
    String createCustomer(CustomerDraft customer);
}
