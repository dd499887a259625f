package com.bcerp.core.port;

import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.SalesOrderDraft;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The order documents a back office takes: the sale itself and, where it has them, credits and returns. What core
 * posted is known from its link table ({@link Links}); the back office's own search is the second line of defence,
 * for a link that is missing or uncertain.
 */
public interface SalesDocuments {

    /** The kinds of document it can create; a warehouse takes sales only. */
    default Set<DocumentKind> kinds() {
        return EnumSet.allOf(DocumentKind.class);
    }

    /**
     * Whether documents read back carry prices, freight, taxes and totals. A warehouse keeps quantities only: its
     * documents read back with zero amounts, and an edit is compared by quantity.
     */
    default boolean keepsAmounts() {
        return true;
    }

    /**
     * Whether it is a warehouse: it takes the goods it ships and nothing else, one order per shipping consignment
     * (an order with nothing to ship is not sent at all).
     */
    default boolean shipsGoodsOnly() {
        return false;
    }

    /** Creates an order document of the draft's kind. */
    DocumentRef createSalesOrder(SalesOrderDraft order);

    /**
     * Whether it changes an open order's lines in place ({@link #updateSalesOrder}): a warehouse whose orders can be
     * edited until they are picked. Otherwise an edit of a quantities-only order parks for a person.
     */
    default boolean updatesOrderLines() {
        return false;
    }

    /**
     * Makes the order's lines those of {@code desired} (the order it would be created as today), writing nothing when
     * they already are. Refused with a {@link com.bcerp.core.failure.PermanentFailure} naming the order and how far
     * it got when the back office has begun fulfilling it (picked, packed, shipped): a person decides then.
     */
    default void updateSalesOrder(DocumentRef order, SalesOrderDraft desired) {
        throw new UnsupportedOperationException("this back office changes no order lines");
    }

    /** Cancels an open sales order (one that has not shipped). */
    void cancelSalesOrder(DocumentRef order);

    /** These documents by their ids, with their lines; ids the back office does not have are left out. */
    List<PostedDocument> readDocuments(Collection<String> ids);

    /**
     * The back office's own look-up of a store order's documents: those whose external reference is
     * {@code externalRef} or starts with {@code externalRef + "-"}. Empty when the back office cannot search its
     * documents by such a reference (then the link table alone says what was posted).
     */
    Optional<List<PostedDocument>> findOrderDocuments(String externalRef);
}
