package com.bcerp.core.order;

import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.customer.CustomerMatcher;
import com.bcerp.core.payment.PaymentSync;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.Storefront;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.refund.RefundImport;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Every order flow, wired from the merchant's configuration over one store, one back office and the sync state:
 * import, changes (edits, cancellations), refunds and payments, and the event routing between them.
 *
 * @param ownWrites the hook for the flow that writes statuses back to the store (see {@link OwnStatusWrites})
 */
public record OrderFlows(OrderImport orderImport, OrderChanges changes, RefundImport refunds, PaymentSync payments,
        OwnStatusWrites ownWrites, StoreEventHandler events) {

    /** How long after the connector set a status in the store the store's echo of it is recognised. */
    private static final Duration ECHO_WINDOW = Duration.ofMinutes(10);

    /** @param lease how long a claim holds before another attempt may take over; longer than one attempt can run */
    public static OrderFlows wire(Storefront store, BackOffice backOffice, SyncState state, ConnectorConfig config,
            Clock clock, Duration lease) {
        SalesOrderMapper mapper = new SalesOrderMapper(config.orders(), config.routing());
        OrderPolicy policy = new OrderPolicy(config.orders(), config.statuses());
        PaymentSync payments = new PaymentSync(store, backOffice, state, config.payments(), policy, clock, lease);
        RefundImport refunds = new RefundImport(store, backOffice, state, mapper, policy, clock, lease);
        OrderImport orderImport = new OrderImport(store, backOffice, state, mapper, policy,
                new CustomerMatcher(backOffice, state, config.customers(), lease), List.of(payments, refunds), clock,
                lease);
        OwnStatusWrites ownWrites = new OwnStatusWrites(state, ECHO_WINDOW);
        OrderChanges changes = new OrderChanges(store, backOffice, state, mapper, policy, ownWrites, clock, lease);
        return new OrderFlows(orderImport, changes, refunds, payments, ownWrites,
                new StoreEventHandler(orderImport, changes, refunds, payments));
    }
}
