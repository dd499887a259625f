package com.bcerp.core.backoffice;

import com.bcerp.core.model.Money;
import java.util.List;

/**
 * An order document as the back office holds it now, read back so core can tell what it already posted (order
 * edits are reconciled against these, refunds and payments are linked to them).
 *
 * @param state  where the document stands, mapped by the adapter from its own status
 * @param status the back office's own status text, for people to read
 */
public record PostedDocument(DocumentRef ref, DocumentKind kind, String externalRef, String customerId,
        String branch, DocumentState state, String status, List<PostedLine> lines, Money freight,
        List<TaxLine> taxes) {

    public PostedDocument {
        lines = List.copyOf(lines);
        taxes = List.copyOf(taxes);
    }

    /** A document just created from a draft, as the back office will hold it. */
    public static PostedDocument created(DocumentRef ref, SalesOrderDraft draft, LineArithmetic arithmetic) {
        List<PostedLine> lines = draft.lines().stream().map(l -> new PostedLine(l.itemId(), l.storeLineRef(),
                l.quantity(), l.unitPrice(), l.discount(), l.amount(arithmetic), l.taxIds())).toList();
        return new PostedDocument(ref, draft.kind(), draft.externalRef(), draft.customerId(), draft.branch(), DocumentState.OPEN, "open", lines,
                draft.freight(), draft.taxes());
    }

    public boolean isCancelled() {
        return state == DocumentState.CANCELLED;
    }

    /**
     * A line as posted: {@code amount} is what the back office made of quantity, price and discount; {@code taxIds}
     * the tax ids it is taxed under (a per-line VAT code), empty where the back office keeps none per line.
     */
    public record PostedLine(String itemId, String storeLineRef, java.math.BigDecimal quantity, Money unitPrice,
            Money discount, Money amount, List<String> taxIds) {

        public PostedLine {
            taxIds = taxIds == null ? List.of() : List.copyOf(taxIds);
        }

        /** A line of a back office that keeps no tax per line. */
        public PostedLine(String itemId, String storeLineRef, java.math.BigDecimal quantity, Money unitPrice,
                Money discount, Money amount) {
            this(itemId, storeLineRef, quantity, unitPrice, discount, amount, List.of());
        }
    }
}
