package com.bcerp.core.port;

import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.SalesOrderRef;
import java.util.Optional;

/**
 * A back office (ERP, POS or WMS). One adapter per system; each translates these calls to its API and decides
 * nothing. Failures are {@link com.bcerp.core.failure.TransientFailure} (retry) or
 * {@link com.bcerp.core.failure.PermanentFailure} (park, naming the field).
 */
public interface BackOffice {

    /** A short name for logs and audit, e.g. "acumatica". */
    String name();

    Optional<String> findCustomerByEmail(String email);

    /** Creates the customer and returns its back-office id. */
    String createCustomer(CustomerDraft customer);

    /** The sales order carrying this external reference, if one exists. */
    Optional<SalesOrderRef> findSalesOrder(String externalRef);

    SalesOrderRef createSalesOrder(SalesOrderDraft order);
}
