package com.bcerp.core.backoffice;

import com.bcerp.core.model.Money;
import java.util.List;
import java.util.Set;

/**
 * An AR invoice or credit memo as the back office holds it.
 *
 * @param id              the back office's opaque id, as its adapter reads it back
 * @param creditMemo      a credit memo (a refund after invoicing), not an invoice
 * @param externalRef     the store's reference it carries: the order's ({@code BC-{store}-{order}}) for its invoice,
 *                        the refund's ({@code ...-R{refund}}) for a credit memo
 * @param balance         what is still owed on it (an invoice) or still to be used (a credit memo)
 * @param released        posted to receivables (Acumatica: released); only then does it take payments
 * @param appliedPayments the ids of the payments applied to it
 * @param against         the id of the invoice a credit memo credits; null for an invoice
 * @param status          the back office's own status text, for people to read
 */
public record PostedInvoice(String id, boolean creditMemo, String externalRef, Money total, Money balance,
        boolean released, List<PostedDocument.PostedLine> lines, Set<String> appliedPayments, String against,
        String status) {

    public PostedInvoice {
        lines = List.copyOf(lines);
        appliedPayments = Set.copyOf(appliedPayments);
    }

    public String display() {
        return id;
    }
}
