package com.bcerp.core.port;

import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.PostedInvoice;
import com.bcerp.core.backoffice.PostedPayment;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.model.Money;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * AR invoices of paid orders and credit memos against them. Each create makes the document unreleased and carries the
 * store's reference; {@link #release} posts it to receivables, so a release that failed is retried on its own.
 */
public interface Invoices {

    /** Prepares the invoice of a sales order from its lines (what the order has to invoice), carrying its reference. */
    PostedInvoice invoiceSalesOrder(PostedDocument salesOrder);

    /** Posts an invoice of the draft's lines directly, without its sales order (digital or already-shipped goods). */
    PostedInvoice postInvoice(SalesOrderDraft invoice);

    /** Posts a credit memo of the draft's lines against an invoice (a refund after invoicing). */
    PostedInvoice postCreditMemo(SalesOrderDraft credit, PostedInvoice invoice);

    /** Releases it (posts it to receivables); one released already is returned as it is. */
    PostedInvoice release(PostedInvoice invoice);

    /** Applies {@code amount} of a payment to a released invoice: its balance falls by it. */
    PostedInvoice applyPayment(PostedInvoice invoice, PostedPayment payment, Money amount);

    /** These by their ids; ids the back office does not have are left out. */
    List<PostedInvoice> readInvoices(Collection<String> ids);

    /**
     * The back office's own look-up: invoices and credit memos whose reference is {@code externalRef} or starts with
     * {@code externalRef + "-"}. Empty when it cannot search them by reference.
     */
    Optional<List<PostedInvoice>> findInvoices(String externalRef);
}
