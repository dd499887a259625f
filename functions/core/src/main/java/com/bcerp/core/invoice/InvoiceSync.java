package com.bcerp.core.invoice;

import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.PostedInvoice;
import com.bcerp.core.backoffice.PostedPayment;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.PaymentTransaction;
import com.bcerp.core.model.StoreOrder;
import com.bcerp.core.model.StoreTax;
import com.bcerp.core.order.OrderFollowUp;
import com.bcerp.core.order.OrderLedger;
import com.bcerp.core.order.OrderLookup;
import com.bcerp.core.order.OrderPolicy;
import com.bcerp.core.order.SalesOrderMapper;
import com.bcerp.core.payment.PaymentPlan;
import com.bcerp.core.payment.PaymentSync;
import com.bcerp.core.port.Storefront;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.sync.Attempt;
import com.bcerp.core.sync.ClaimedWork;
import com.bcerp.core.sync.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A paid order becomes an AR invoice in the back office, once: when the store's captured payments cover the order's
 * total and every gateway that paid is listed in {@code invoices.methods}, the invoice is prepared from the sales
 * order ({@code from_order}) or posted directly from the store order's lines ({@code direct}), released, and the
 * order's payments are applied to it, so it is closed at a zero balance.
 *
 * <p>Never twice: a claim on {@code invoice#{store}#{order}} completes with the invoice's id; the invoice is linked
 * (pending before its create is sent, completed after) in the order's invoice links and carries the order's
 * reference {@code BC-{store}-{order}}, looked up where the links are uncertain. An order not paid yet is released
 * unclaimed, so the capture's event invoices it. A step cut short (a release, an application) is finished by the next
 * run: each reads what the back office holds first. Refunds after invoicing become credit memos against the invoice
 * ({@link com.bcerp.core.refund.RefundImport}).
 */
public final class InvoiceSync implements OrderFollowUp {

    private final Storefront store;
    private final OrderLedger ledger;
    private final SyncState state;
    private final InvoiceSettings settings;
    private final SalesOrderMapper mapper;
    private final OrderLookup lookup;
    private final ClaimedWork claims;

    public InvoiceSync(Storefront store, OrderLedger ledger, SyncState state, InvoiceSettings settings,
            SalesOrderMapper mapper, OrderPolicy policy, Clock clock, Duration lease) {
        this.store = store;
        this.ledger = ledger;
        this.state = state;
        this.settings = settings;
        this.mapper = mapper;
        this.lookup = new OrderLookup(store, ledger, policy);
        this.claims = new ClaimedWork(state, clock, lease);
    }

    public static String recordKey(String storeHash, long orderId) {
        return "invoice#" + storeHash + "#" + orderId;
    }

    /** The order's invoice, of those posted for it: the one carrying the order's own reference. */
    public static Optional<PostedInvoice> invoiceOf(List<PostedInvoice> posted, String orderRef) {
        return posted.stream().filter(i -> !i.creditMemo() && i.externalRef().equals(orderRef)).findFirst();
    }

    /** On a transaction event, after the payments: the order's invoice, if it is paid and in the back office. */
    public Outcome sync(String storeHash, long orderId, String trigger) {
        if (!settings.enabled()) {
            return Outcome.SKIPPED;
        }
        return claimed(storeHash, orderId, trigger, attempt -> {
            // the transactions first: an order no listed gateway paid costs no order read and no back-office call
            List<PaymentTransaction> transactions = store.transactions(orderId);
            if (PaymentPlan.of(transactions).stream().noneMatch(p -> p.stage() == PaymentPlan.Stage.CAPTURED
                    && settings.modeFor(p.opening().gateway()).isPresent())) {
                return notYet(storeHash, orderId, attempt, "order " + orderId + " has no captured payment through a"
                        + " gateway invoices.methods lists");
            }
            OrderLookup.Result result = lookup.find(storeHash, orderId);
            if (result instanceof OrderLookup.Skipped skipped) {
                return notYet(storeHash, orderId, attempt, skipped.reason());
            }
            OrderLookup.Found found = (OrderLookup.Found) result;
            Optional<PostedDocument> sale = found.documents().sale();
            if (sale.isEmpty()) {
                return notYet(storeHash, orderId, attempt, "order " + orderId + " is not in the back office yet; it is"
                        + " invoiced when it is imported");
            }
            return invoice(found.order(), sale.get(), transactions, attempt);
        });
    }

    /** With the order's import, after its payments. */
    @Override
    public void afterImport(StoreOrder order, PostedDocument salesOrder, String trigger) {
        if (settings.enabled()) {
            claimed(order.storeHash(), order.id(), trigger, attempt -> invoice(order, salesOrder,
                    store.transactions(order.id()), attempt));
        }
    }

    private Outcome claimed(String storeHash, long orderId, String trigger, java.util.function.Function<Attempt, Outcome> work) {
        return claims.run(recordKey(ledger.scope().store(storeHash), orderId), trigger, "the invoice of order " + orderId,
                false, work);
    }

    private Outcome notYet(String storeHash, long orderId, Attempt attempt, String reason) {
        state.release(recordKey(ledger.scope().store(storeHash), orderId));
        return attempt.end(Outcome.SKIPPED, null, reason);
    }

    private Outcome invoice(StoreOrder order, PostedDocument sale, List<PaymentTransaction> transactions, Attempt attempt) {
        List<PaymentPlan.Planned> captured = PaymentPlan.of(transactions, order.paymentStatus()).stream()
                .filter(p -> p.stage() == PaymentPlan.Stage.CAPTURED).toList();
        Money total = order.totalIncTax().toCents();
        Money paid = captured.stream().map(PaymentPlan.Planned::amount).reduce(Money.zero(total.currency()), Money::plus);
        if (captured.isEmpty() || paid.amount().compareTo(total.amount()) < 0) {
            return notYet(order.storeHash(), order.id(), attempt, order.describe() + " is not paid in full yet ("
                    + paid + " captured of " + total + "); it is invoiced when it is");
        }
        InvoiceSettings.Mode mode = null;
        for (PaymentPlan.Planned p : captured) {
            Optional<InvoiceSettings.Mode> m = settings.modeFor(p.opening().gateway());
            if (m.isEmpty()) {
                return notYet(order.storeHash(), order.id(), attempt, order.describe() + " was paid through gateway '"
                        + p.opening().gateway() + "', whose orders invoices.methods does not invoice");
            }
            mode = mode == null ? m.get() : mode; // the first payment's gateway decides how
        }
        String orderRef = SalesOrderMapper.externalRef(order.storeHash(), order.id());
        List<String> done = new ArrayList<>();
        PostedInvoice invoice = invoiceOf(ledger.invoices(orderRef), orderRef).orElse(null);
        if (invoice == null) {
            invoice = mode == InvoiceSettings.Mode.FROM_ORDER ? ledger.invoiceSalesOrder(orderRef, sale)
                    : ledger.postInvoice(orderRef, direct(order, sale));
            done.add((mode == InvoiceSettings.Mode.FROM_ORDER ? "prepared " : "posted ") + invoice.display()
                    + " from " + (mode == InvoiceSettings.Mode.FROM_ORDER ? sale.ref().display() : "the store order"));
        }
        if (!invoice.total().sameAs(total)) {
            throw new PermanentFailure("total_inc_tax", order.describe() + ": " + ledger.backOffice() + " totals invoice "
                    + invoice.display() + " at " + invoice.total() + ", the store at " + total
                    + "; correct the invoice there, then replay this record");
        }
        if (!invoice.released()) {
            invoice = ledger.release(invoice);
            done.add("released it");
        }
        String prefix = PaymentSync.externalRefPrefix(order.storeHash(), order.id());
        for (PostedPayment payment : ledger.payments(orderRef, prefix)) {
            if (payment.isVoided() || payment.onHold() || invoice.appliedPayments().contains(payment.id())
                    || invoice.balance().isZero()) {
                continue;
            }
            Money amount = payment.amount().amount().compareTo(invoice.balance().amount()) > 0 ? invoice.balance()
                    : payment.amount();
            invoice = ledger.applyPayment(invoice, payment, amount);
            done.add("applied " + payment.display() + " (" + amount + ")");
        }
        String result = invoice.display() + " (balance " + invoice.balance() + ")";
        state.complete(recordKey(ledger.scope().store(order.storeHash()), order.id()), invoice.display());
        return done.isEmpty() ? attempt.end(Outcome.ALREADY_SYNCED, result, null)
                : attempt.end(Outcome.CREATED, String.join(", ", done) + ": " + result, null);
    }

    /** The store order's lines, freight and taxes, as its sales order has them, for the sales order's customer. */
    private SalesOrderDraft direct(StoreOrder order, PostedDocument sale) {
        List<StoreTax> taxes = mapper.needsTaxDetail(order) ? store.taxes(order) : List.of();
        return mapper.toDraft(order, taxes).withCustomerId(sale.customerId());
    }
}
