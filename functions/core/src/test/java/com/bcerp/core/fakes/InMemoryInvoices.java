package com.bcerp.core.fakes;

import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.PostedInvoice;
import com.bcerp.core.backoffice.PostedPayment;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.Money;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.Invoices;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The AR invoices of an {@link InMemoryBackOffice}: an invoice prepared from a sales order has its lines and total;
 * released, it takes payments, each lowering its balance; a credit memo names the invoice it credits. It refuses
 * what a back office refuses: a second invoice of one sales order, a payment on an unreleased invoice or beyond its
 * balance.
 */
public final class InMemoryInvoices implements Invoices {

    private final InMemoryBackOffice documents;
    private final List<PostedInvoice> invoices = new CopyOnWriteArrayList<>();
    public final AtomicInteger creates = new AtomicInteger();
    public final AtomicInteger searches = new AtomicInteger();
    /** Set to fail the next release with a transient error, once. */
    public volatile boolean releaseFailsOnce;
    /** Set so the next create is stored but its answer is lost (a timeout after the write), once. */
    public volatile boolean answerLostOnce;

    public InMemoryInvoices(InMemoryBackOffice documents) {
        this.documents = documents;
    }

    /** The back office's order-side ports, with invoices. */
    public BackOffice backOffice() {
        return BackOffice.named("memory", "memory").arithmetic(InMemoryBackOffice.ARITHMETIC).customers(documents)
                .documents(documents).payments(documents).invoices(this).build();
    }

    public List<PostedInvoice> invoices() {
        return List.copyOf(invoices);
    }

    @Override
    public synchronized PostedInvoice invoiceSalesOrder(PostedDocument salesOrder) {
        if (invoices.stream().anyMatch(i -> !i.creditMemo() && i.externalRef().equals(salesOrder.externalRef()))) {
            throw new PermanentFailure("OrderNbr", salesOrder.ref().display() + " is invoiced already");
        }
        return add(new PostedInvoice("inv-" + (invoices.size() + 1), false, salesOrder.externalRef(),
                salesOrder.ref().total(), salesOrder.ref().total(), false, salesOrder.lines(), Set.of(), null, "balanced"));
    }

    @Override
    public synchronized PostedInvoice postInvoice(SalesOrderDraft invoice) {
        return add(fromDraft(invoice, false, null));
    }

    @Override
    public synchronized PostedInvoice postCreditMemo(SalesOrderDraft credit, PostedInvoice invoice) {
        return add(fromDraft(credit, true, invoice.id()));
    }

    private PostedInvoice fromDraft(SalesOrderDraft draft, boolean credit, String against) {
        Money total = draft.total(InMemoryBackOffice.ARITHMETIC);
        List<PostedDocument.PostedLine> lines = draft.lines().stream().map(l -> new PostedDocument.PostedLine(l.itemId(),
                l.storeLineRef(), l.quantity(), l.unitPrice(), l.discount(), l.amount(InMemoryBackOffice.ARITHMETIC))).toList();
        return new PostedInvoice((credit ? "cm-" : "inv-") + (invoices.size() + 1), credit, draft.externalRef(), total,
                total, false, lines, Set.of(), against, "balanced");
    }

    private PostedInvoice add(PostedInvoice invoice) {
        creates.incrementAndGet();
        invoices.add(invoice);
        if (answerLostOnce) {
            answerLostOnce = false;
            throw new com.bcerp.core.failure.TransientFailure("the answer to the create timed out");
        }
        return invoice;
    }

    @Override
    public synchronized PostedInvoice release(PostedInvoice invoice) {
        if (releaseFailsOnce) {
            releaseFailsOnce = false;
            throw new com.bcerp.core.failure.TransientFailure("the release timed out");
        }
        PostedInvoice i = stored(invoice.id());
        return replace(new PostedInvoice(i.id(), i.creditMemo(), i.externalRef(), i.total(), i.balance(), true, i.lines(),
                i.appliedPayments(), i.against(), "open"));
    }

    @Override
    public synchronized PostedInvoice applyPayment(PostedInvoice invoice, PostedPayment payment, Money amount) {
        PostedInvoice i = stored(invoice.id());
        if (!i.released() || amount.amount().compareTo(i.balance().amount()) > 0) {
            throw new PermanentFailure("AmountPaid", "cannot apply " + amount + " to " + i.id() + " (" + i.status() + ", owing "
                    + i.balance() + ")");
        }
        Money balance = i.balance().minus(amount);
        Set<String> applied = new HashSet<>(i.appliedPayments());
        applied.add(payment.id());
        return replace(new PostedInvoice(i.id(), false, i.externalRef(), i.total(), balance, true, i.lines(), applied,
                null, balance.isZero() ? "closed" : "open"));
    }

    @Override
    public List<PostedInvoice> readInvoices(Collection<String> ids) {
        return invoices.stream().filter(i -> ids.contains(i.id())).toList();
    }

    @Override
    public Optional<List<PostedInvoice>> findInvoices(String externalRef) {
        searches.incrementAndGet();
        return Optional.of(invoices.stream().filter(i -> i.externalRef().equals(externalRef)
                || i.externalRef().startsWith(externalRef + "-")).toList());
    }

    private PostedInvoice stored(String id) {
        return invoices.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow(() -> new PermanentFailure("id",
                id + " cannot be found"));
    }

    private PostedInvoice replace(PostedInvoice updated) {
        for (int i = 0; i < invoices.size(); i++) {
            if (invoices.get(i).id().equals(updated.id())) {
                invoices.set(i, updated);
                return updated;
            }
        }
        throw new IllegalStateException("no invoice " + updated.id());
    }
}
