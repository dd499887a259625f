package com.bcerp.core.order;

import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.backoffice.LineArithmetic;
import com.bcerp.core.backoffice.PaymentDraft;
import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.PostedInvoice;
import com.bcerp.core.backoffice.PostedPayment;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.StoreOrder;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.Invoices;
import com.bcerp.core.port.Links;
import com.bcerp.core.port.Payments;
import com.bcerp.core.port.SalesDocuments;
import com.bcerp.core.sync.KeyScope;
import com.bcerp.core.sync.Link;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the connector posted in one back office for each store order, and every write that adds to it. Each create
 * is bracketed by the link table (pending before it is sent, completed with the id when it answers), so what was
 * posted is read back by id. The back office's own search by external reference is used only when the links cannot
 * say for sure: none yet (a first attempt, or an order posted before links existed) or a pending one (a crash or
 * timeout between the write and its answer). A back office that cannot search then parks the order for a person
 * rather than risk a duplicate.
 */
public final class OrderLedger {

    private final String backOffice;
    private final SalesDocuments documents;
    private final Payments payments;
    private final Invoices invoices;
    private final Links links;
    private final LineArithmetic arithmetic;
    private final KeyScope scope;

    /** @param scope whose claims the flows writing through this ledger take */
    public OrderLedger(BackOffice backOffice, Links links, KeyScope scope) {
        this.scope = scope;
        this.backOffice = backOffice.name();
        this.documents = backOffice.documents().orElseThrow(() -> new IllegalArgumentException(
                backOffice + " takes no sales orders"));
        this.payments = backOffice.payments().orElse(null);
        this.invoices = backOffice.invoices().orElse(null);
        this.links = links;
        this.arithmetic = backOffice.arithmetic();
    }

    /** The link table's key of a store order ({@code BC-{store}-{order}}) in a back office. */
    public static String owner(String backOffice, String orderRef) {
        return "links#" + backOffice + "#" + orderRef;
    }

    public String backOffice() {
        return backOffice;
    }

    public KeyScope scope() {
        return scope;
    }

    public LineArithmetic arithmetic() {
        return arithmetic;
    }

    /** Whether the back office's documents carry amounts (a warehouse keeps quantities only). */
    public boolean keepsAmounts() {
        return documents.keepsAmounts();
    }

    /** Whether the back office is a warehouse, which takes the goods to ship only, per consignment. */
    public boolean shipsGoodsOnly() {
        return documents.shipsGoodsOnly();
    }

    /** The orders this back office takes for the store order: its sales order, or a warehouse's goods per consignment. */
    public List<SalesOrderDraft> ordersFor(SalesOrderMapper mapper, StoreOrder order, SalesOrderDraft sale) {
        return shipsGoodsOnly() ? mapper.warehouseOrders(order, sale) : List.of(sale);
    }

    /** Every document posted for the store order: the sale, edits, credits and returns. */
    public OrderDocuments documents(String storeHash, long orderId) {
        return documents(storeHash, orderId, true);
    }

    /**
     * @param unlinkedMayExist false when no earlier attempt can have written for this order (the caller knows it is
     *                         the first attempt under state that has always been kept): with no links, nothing is
     *                         posted and the back office is not searched. Pending links are searched regardless.
     */
    public OrderDocuments documents(String storeHash, long orderId, boolean unlinkedMayExist) {
        String ref = SalesOrderMapper.externalRef(storeHash, orderId);
        String owner = owner(backOffice, ref);
        List<Link> linked = links.linksOf(owner).stream().filter(l -> l.kind() != null).toList();
        if (linked.isEmpty() && !unlinkedMayExist) {
            return new OrderDocuments(ref, List.of());
        }
        return new OrderDocuments(ref, read(owner, linked, () -> documents.findOrderDocuments(ref),
                documents::readDocuments, PostedDocument::externalRef,
                d -> new Link(d.externalRef(), d.kind(), d.ref().id())));
    }

    /** Creates a document for the store order {@code orderRef}, linked before it is sent and after it answers. */
    public DocumentRef create(String orderRef, SalesOrderDraft draft) {
        if (!documents.kinds().contains(draft.kind())) {
            throw new PermanentFailure("kind", draft.externalRef() + ": back office " + backOffice + " takes no "
                    + draft.kind().name().toLowerCase(java.util.Locale.ROOT) + " documents");
        }
        return linked(owner(backOffice, orderRef), Link.pending(draft.externalRef(), draft.kind()), () -> documents.createSalesOrder(draft),
                DocumentRef::id);
    }

    /** Whether an open order's lines can be changed in place (a warehouse before picking). */
    public boolean updatesOrderLines() {
        return documents.updatesOrderLines();
    }

    /** Brings the document's lines to the draft's (the same document: its link does not change). */
    public void update(DocumentRef document, SalesOrderDraft desired) {
        documents.updateSalesOrder(document, desired);
    }

    public void cancel(DocumentRef document) {
        documents.cancelSalesOrder(document);
    }

    /** The store order's payments posted so far (external references starting {@code prefix}). */
    public List<PostedPayment> payments(String orderRef, String prefix) {
        Payments port = paymentsPort();
        String owner = owner(backOffice, orderRef);
        List<Link> linked = links.linksOf(owner).stream().filter(l -> l.kind() == null).toList();
        return read(owner, linked, () -> port.findPayments(prefix), port::readPayments, PostedPayment::externalRef,
                p -> new Link(p.externalRef(), null, p.id()));
    }

    public PostedPayment createPayment(String orderRef, PaymentDraft draft) {
        Payments port = paymentsPort();
        return linked(owner(backOffice, orderRef), Link.pending(draft.externalRef(), null), () -> port.createPayment(draft),
                PostedPayment::id);
    }

    public PostedPayment updatePayment(PostedPayment existing, PaymentDraft desired) {
        return paymentsPort().updatePayment(existing, desired);
    }

    public void voidPayment(PostedPayment payment) {
        paymentsPort().voidPayment(payment);
    }

    /**
     * The link table's key of a store order's invoices and credit memos in a back office: a table of their own, beside
     * the order documents', so the invoice (linked as a sale) is never read as a sales order.
     */
    public static String invoiceOwner(String backOffice, String orderRef) {
        return "invoices#" + backOffice + "#" + orderRef;
    }

    /** Whether the back office takes AR invoices. */
    public boolean invoices() {
        return invoices != null;
    }

    /** The store order's invoice and credit memos posted so far. */
    public List<PostedInvoice> invoices(String orderRef) {
        Invoices port = invoicesPort();
        String owner = invoiceOwner(backOffice, orderRef);
        return read(owner, links.linksOf(owner), () -> port.findInvoices(orderRef), port::readInvoices,
                PostedInvoice::externalRef, i -> new Link(i.externalRef(), kindOf(i), i.id()));
    }

    /** Prepares the sales order's invoice, linked before the action is sent and after it answers. */
    public PostedInvoice invoiceSalesOrder(String orderRef, PostedDocument salesOrder) {
        Invoices port = invoicesPort();
        return linked(invoiceOwner(backOffice, orderRef), Link.pending(orderRef, DocumentKind.SALE),
                () -> port.invoiceSalesOrder(salesOrder), PostedInvoice::id);
    }

    /** Posts an invoice of the draft directly, linked as every create is. */
    public PostedInvoice postInvoice(String orderRef, SalesOrderDraft invoice) {
        Invoices port = invoicesPort();
        return linked(invoiceOwner(backOffice, orderRef), Link.pending(invoice.externalRef(), DocumentKind.SALE),
                () -> port.postInvoice(invoice), PostedInvoice::id);
    }

    /** Posts a credit memo against the order's invoice, linked as every create is. */
    public PostedInvoice postCreditMemo(String orderRef, SalesOrderDraft credit, PostedInvoice invoice) {
        Invoices port = invoicesPort();
        return linked(invoiceOwner(backOffice, orderRef), Link.pending(credit.externalRef(), DocumentKind.CREDIT),
                () -> port.postCreditMemo(credit, invoice), PostedInvoice::id);
    }

    public PostedInvoice release(PostedInvoice invoice) {
        return invoice.released() ? invoice : invoicesPort().release(invoice);
    }

    public PostedInvoice applyPayment(PostedInvoice invoice, PostedPayment payment, com.bcerp.core.model.Money amount) {
        return invoicesPort().applyPayment(invoice, payment, amount);
    }

    private static DocumentKind kindOf(PostedInvoice invoice) {
        return invoice.creditMemo() ? DocumentKind.CREDIT : DocumentKind.SALE;
    }

    private Invoices invoicesPort() {
        if (invoices == null) {
            throw new PermanentFailure("invoices", "back office " + backOffice + " takes no AR invoices");
        }
        return invoices;
    }

    private Payments paymentsPort() {
        if (payments == null) {
            throw new PermanentFailure("payments", "back office " + backOffice + " takes no payments");
        }
        return payments;
    }

    /** @param owner the link table's key the create is linked under (the order's documents, or its invoices) */
    private <T> T linked(String owner, Link pending, Supplier<T> create, Function<T, String> idOf) {
        links.pending(owner, pending);
        T created;
        try {
            created = create.get();
        } catch (PermanentFailure refused) {
            // the back office refused it: nothing was written, so nothing is uncertain
            links.forget(owner, pending.ref());
            throw refused;
        }
        links.complete(owner, new Link(pending.ref(), pending.kind(), idOf.apply(created)));
        return created;
    }

    /**
     * Read by the links' ids when every link is complete; otherwise the back office's search, whose findings
     * complete the links (and drop pending ones it did not find: their create wrote nothing).
     */
    private <T> List<T> read(String owner, List<Link> linked, Supplier<Optional<List<T>>> search,
            Function<List<String>, List<T>> byIds, Function<T, String> refOf, Function<T, Link> linkOf) {
        boolean uncertain = linked.isEmpty() || linked.stream().anyMatch(Link::isPending);
        if (uncertain) {
            Optional<List<T>> found = search.get();
            if (found.isPresent()) {
                found.get().forEach(d -> links.complete(owner, linkOf.apply(d)));
                Predicate<Link> seen = l -> found.get().stream().anyMatch(d -> refOf.apply(d).equals(l.ref()));
                linked.stream().filter(Link::isPending).filter(seen.negate()).forEach(l -> links.forget(owner, l.ref()));
                return found.get();
            }
            Optional<Link> pending = linked.stream().filter(Link::isPending).findFirst();
            if (pending.isPresent()) {
                throw new PermanentFailure("links", pending.get().ref() + ": a create was sent to " + backOffice
                        + " but its answer never came, and " + backOffice + " cannot be searched by reference: "
                        + "check there whether it exists before anything is posted again");
            }
        }
        List<String> ids = linked.stream().filter(l -> !l.isPending()).map(Link::id).toList();
        return ids.isEmpty() ? List.of() : byIds.apply(ids);
    }
}
