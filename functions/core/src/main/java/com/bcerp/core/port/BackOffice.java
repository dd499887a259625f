package com.bcerp.core.port;

import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.backoffice.PaymentDraft;
import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.PostedPayment;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.DocumentRef;
import java.util.List;
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

    /** The customer carrying this external reference (the store's customer id), if one exists. */
    Optional<String> findCustomerByExternalRef(String externalRef);

    /** Creates the customer and returns its back-office id. */
    String createCustomer(CustomerDraft customer);

    /**
     * Every order document (sale, credit or return) whose external reference is {@code externalRef} or starts with
     * {@code externalRef + "-"}: a store order's sales order and everything posted for it since, with their lines.
     */
    List<PostedDocument> findOrderDocuments(String externalRef);

    /** Creates an order document of the draft's kind. */
    DocumentRef createSalesOrder(SalesOrderDraft order);

    /** Cancels an open sales order (one that has not shipped). */
    void cancelSalesOrder(DocumentRef order);

    /** Every payment whose external reference starts with {@code externalRefPrefix}. */
    List<PostedPayment> findPayments(String externalRefPrefix);

    PostedPayment createPayment(PaymentDraft payment);

    /** Brings an existing payment to the draft's amount and hold state (an authorisation captured). */
    PostedPayment updatePayment(PostedPayment existing, PaymentDraft desired);

    /** Voids a payment (the store voided the authorisation or the charge). */
    void voidPayment(PostedPayment payment);
}
