package com.bcerp.core.order;

import com.bcerp.core.backoffice.Capability;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.config.InvalidConfig;
import com.bcerp.core.customer.CustomerMatcher;
import com.bcerp.core.customer.CustomerSync;
import com.bcerp.core.invoice.InvoiceSync;
import com.bcerp.core.payment.PaymentSync;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.Links;
import com.bcerp.core.port.Storefront;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.refund.RefundImport;
import com.bcerp.core.sync.KeyScope;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every order flow the back office can serve, wired from the merchant's configuration over one store, one back
 * office and the sync state: import, changes (edits, cancellations), refunds and payments, and the event routing
 * between them. A flow whose capability the back office lacks is not wired (a warehouse has no payments or credit
 * notes), and config that asks for one is refused, naming the field.
 *
 * @param refundFlow  present when the back office takes credit notes
 * @param paymentFlow present when the back office takes payments
 * @param ownWrites   the hook for the flow that writes statuses back to the store (see {@link OwnStatusWrites})
 */
public record OrderFlows(OrderImport orderImport, OrderChanges changes, Optional<RefundImport> refundFlow,
        Optional<PaymentSync> paymentFlow, OwnStatusWrites ownWrites, StoreEventHandler events) {

    /** How long after the connector set a status in the store the store's echo of it is recognised. */
    public static final Duration ECHO_WINDOW = Duration.ofMinutes(10);

    /** @param lease how long a claim holds before another attempt may take over; longer than one attempt can run */
    public static OrderFlows wire(Storefront store, BackOffice backOffice, SyncState state, Links links,
            ConnectorConfig config, Clock clock, Duration lease) {
        return wire(store, backOffice, KeyScope.primary(backOffice.name()), state, links, config,
                new OwnStatusWrites(state, ECHO_WINDOW), clock, lease);
    }

    /**
     * For one of several back offices taking the store's orders: each has its own claims ({@code scope}); all share
     * the record of the connector's own status writes to the store.
     */
    public static OrderFlows wire(Storefront store, BackOffice backOffice, KeyScope scope, SyncState state,
            Links links, ConnectorConfig config, OwnStatusWrites ownWrites, Clock clock, Duration lease) {
        backOffice.require(Capability.SALES_ORDERS, "orders");
        // every back office taking orders, a warehouse too: without the unit its quantity would read as the item's own
        if (!config.units().isEmpty()) {
            backOffice.require(Capability.UNITS_OF_MEASURE, "units");
        }
        // the primary must take the payments config asks for; a secondary without them (a warehouse beside an ERP)
        // takes the orders only
        if (config.payments().enabled() && scope.primary()) {
            backOffice.require(Capability.PAYMENTS, "payments.enabled");
        }
        if (config.invoices().enabled() && scope.primary()) {
            backOffice.require(Capability.INVOICES, "invoices.enabled");
            InvalidConfig.require(config.payments().enabled(), "invoices.enabled",
                    "invoices are paid by the order's payments: set payments.enabled too");
        }
        OrderLedger ledger = new OrderLedger(backOffice, links, scope);
        SalesOrderMapper mapper = mapper(backOffice, config);
        OrderPolicy policy = new OrderPolicy(config.orders(), backOffice.importStatuses()
                .map(statuses -> config.statuses().withImportStatuses(statuses)).orElse(config.statuses()));
        Optional<PaymentSync> payments = backOffice.payments()
                .map(p -> new PaymentSync(store, ledger, state, config.payments(), policy, clock, lease));
        Optional<InvoiceSync> invoices = config.invoices().enabled() && backOffice.has(Capability.INVOICES)
                ? Optional.of(new InvoiceSync(store, ledger, state, config.invoices(), mapper, policy, clock, lease))
                : Optional.empty();
        Optional<RefundImport> refunds = backOffice.has(Capability.CREDIT_NOTES)
                ? Optional.of(new RefundImport(store, ledger, state, mapper, policy, clock, lease, invoices.isPresent()))
                : Optional.empty();
        Optional<CustomerMatcher> customers = backOffice.customers()
                .map(c -> new CustomerMatcher(c, state, config.customers(), scope, lease));
        // the primary must have the customers config follows; a secondary without them (a warehouse) does not
        if (config.customers().sync() && scope.primary()) {
            backOffice.require(Capability.CUSTOMERS, "customers.sync");
        }
        Optional<CustomerSync> customerSync = config.customers().sync()
                ? backOffice.customers().map(c -> new CustomerSync(store, c, customers.orElseThrow(), state,
                        config.customers(), scope, clock, lease))
                : Optional.empty();
        // payments, then the invoice they pay, then refunds (after invoicing: credit memos against the invoice)
        List<OrderFollowUp> followUps = Stream.of(payments.stream(), invoices.stream(), refunds.stream())
                .flatMap(s -> s.map(OrderFollowUp.class::cast)).toList();
        OrderImport orderImport = new OrderImport(store, ledger, state, mapper, policy, customers, followUps, clock,
                lease);
        OrderChanges changes = new OrderChanges(store, ledger, state, mapper, policy, ownWrites, clock, lease);
        return new OrderFlows(orderImport, changes, refunds, payments, ownWrites,
                new StoreEventHandler(backOffice.name(), orderImport, changes, refunds, payments, customerSync,
                        invoices));
    }

    /** The mapper the flows turn store orders into this back office's documents with (a dry run uses the same). */
    public static SalesOrderMapper mapper(BackOffice backOffice, ConnectorConfig config) {
        return new SalesOrderMapper(config.orders(), config.routing(), backOffice.arithmetic(), backOfficeItems(backOffice),
                backOffice.has(Capability.UNITS_OF_MEASURE) ? config.sellingUnits() : com.bcerp.core.unit.SellingUnits.none());
    }

    /**
     * Whether the back office has an item, asked of its inventory (one call per custom product line with a SKU, a
     * rare line); without an inventory port no custom product is matched to an item.
     */
    private static java.util.function.Predicate<String> backOfficeItems(BackOffice backOffice) {
        return backOffice.inventory().<java.util.function.Predicate<String>>map(inventory -> sku -> {
            var stock = inventory.stock(List.of(sku));
            return !stock.isEmpty() && (stock.get(0).sellable() || !stock.get(0).warehouses().isEmpty());
        }).orElse(sku -> false);
    }

    /** The refund flow; the back office must take credit notes. */
    public RefundImport refunds() {
        return refundFlow.orElseThrow(() -> new IllegalStateException("this back office takes no credit notes"));
    }

    /** The payment flow; the back office must take payments. */
    public PaymentSync payments() {
        return paymentFlow.orElseThrow(() -> new IllegalStateException("this back office takes no payments"));
    }
}
