package com.bcerp.core.order;

import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.PostedDocument;
import java.util.List;
import java.util.Optional;

/**
 * Everything the connector posted for one store order, read back from the back office: the sales order
 * ({@code BC-{store}-{order}}), documents for order edits ({@code ...-E1}, {@code ...-E2}) and credits for refunds
 * ({@code ...-R{refund}}), and, in a warehouse, the orders for its second and later shipping consignments
 * ({@code ...-S2}, {@code ...-S3}). The references are how the connector knows what it already posted.
 */
public record OrderDocuments(String externalRef, List<PostedDocument> all) {

    public OrderDocuments {
        all = List.copyOf(all);
    }

    public static String editRef(String orderRef, int number) {
        return orderRef + "-E" + number;
    }

    /** The warehouse order of the store order's {@code number}-th consignment (the first is the order's own). */
    public static String consignmentRef(String orderRef, int number) {
        return number == 1 ? orderRef : orderRef + "-S" + number;
    }

    public static String refundRef(String orderRef, long refundId) {
        return orderRef + "-R" + refundId;
    }

    /** The sales order of the store order itself. */
    public Optional<PostedDocument> sale() {
        return all.stream().filter(d -> d.kind() == DocumentKind.SALE && d.externalRef().equals(externalRef)).findFirst();
    }

    /**
     * The sales order, its consignments' orders and the documents of order edits: what the store order's lines stand
     * at in the back office.
     */
    public List<PostedDocument> saleAndEdits() {
        return all.stream().filter(d -> d.externalRef().equals(externalRef) || d.externalRef().startsWith(externalRef + "-E")
                || d.externalRef().startsWith(externalRef + "-S")).toList();
    }

    public Optional<PostedDocument> byRef(String ref) {
        return all.stream().filter(d -> d.externalRef().equals(ref)).findFirst();
    }

    public int nextEditNumber() {
        return (int) all.stream().filter(d -> d.externalRef().startsWith(externalRef + "-E")).count() + 1;
    }
}
