package com.bcerp.core.order;

import com.bcerp.core.customer.CustomerSync;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.invoice.InvoiceSync;
import com.bcerp.core.model.StoreEvent;
import com.bcerp.core.payment.PaymentSync;
import com.bcerp.core.refund.RefundImport;
import com.bcerp.core.sync.Outcome;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes a queued store event to the flow that handles it. */
public final class StoreEventHandler {

    private static final Logger log = LoggerFactory.getLogger(StoreEventHandler.class);

    /** Order scopes after which the order must exist in the back office. */
    private static final Set<String> ORDER_IMPORT_SCOPES = Set.of(
            "store/order/created", "store/order/updated", "store/order/statusUpdated");
    /** Of those, the ones that may also change an order already imported (an edit, a cancellation). */
    private static final Set<String> ORDER_CHANGE_SCOPES = Set.of("store/order/updated", "store/order/statusUpdated");
    private static final String REFUND_SCOPE = "store/order/refund/created";
    /** The scope that tells of a refund declined after it was made. */
    private static final String REFUND_RECHECK_SCOPE = "store/order/updated";
    private static final String TRANSACTION_SCOPE_PREFIX = "store/order/transaction/";
    /** Customer scopes after which the back-office customer follows the store's (a deletion is not followed). */
    public static final Set<String> CUSTOMER_SCOPES = Set.of("store/customer/created", "store/customer/updated",
            "store/customer/address/created", "store/customer/address/updated", "store/customer/address/deleted");

    /**
     * One back office's flows; refunds and payments absent where it takes no credit notes or payments, customers
     * where it has none or the config does not follow them, invoices where it takes none or the config asks none.
     */
    public record Route(String backOffice, OrderImport orderImport, OrderChanges orderChanges,
            Optional<RefundImport> refunds, Optional<PaymentSync> payments, Optional<CustomerSync> customers,
            Optional<InvoiceSync> invoices) {}

    private final List<Route> routes;

    public StoreEventHandler(String backOffice, OrderImport orderImport, OrderChanges orderChanges,
            Optional<RefundImport> refunds, Optional<PaymentSync> payments, Optional<CustomerSync> customers,
            Optional<InvoiceSync> invoices) {
        this(List.of(new Route(backOffice, orderImport, orderChanges, refunds, payments, customers, invoices)));
    }

    /** Every back office taking the store's orders, the primary first. */
    public StoreEventHandler(List<Route> routes) {
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("no back office takes orders");
        }
        this.routes = List.copyOf(routes);
    }

    /** The events of several back offices' flows, in order: the first is the primary. */
    public static StoreEventHandler of(List<OrderFlows> flows) {
        return new StoreEventHandler(flows.stream().flatMap(f -> f.events().routes.stream()).toList());
    }

    /**
     * Returns the primary back office's outcome, or empty when no flow handles this scope. Every back office gets
     * the event even when one fails for now; the failure is rethrown after all of them ran, so the redelivery retries
     * it while the others find their work done.
     */
    public Optional<Outcome> handle(StoreEvent event) {
        if (!event.isOrderEvent() && !(event.isCustomerEvent() && CUSTOMER_SCOPES.contains(event.scope()))) {
            return ignored(event);
        }
        Optional<Outcome> first = null;
        TransientFailure failed = null;
        for (Route route : routes) {
            try {
                Optional<Outcome> outcome = handle(route, event);
                first = first == null ? outcome : first;
            } catch (TransientFailure e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
        return first;
    }

    private Optional<Outcome> handle(Route route, StoreEvent event) {
        String trigger = event.scope() + " " + event.hash();
        if (event.isCustomerEvent()) {
            return route.customers().isEmpty() ? notHere(route, event, "customer sync (customers.sync)")
                    : Optional.of(route.customers().get().sync(event.storeHash(), customerId(event), trigger));
        }
        if (ORDER_IMPORT_SCOPES.contains(event.scope())) {
            long orderId = orderId(event);
            Outcome imported = route.orderImport().importOrder(event.storeHash(), orderId, trigger);
            if (imported == Outcome.ALREADY_SYNCED && ORDER_CHANGE_SCOPES.contains(event.scope())) {
                Outcome changed = route.orderChanges().apply(event, orderId);
                if (REFUND_RECHECK_SCOPE.equals(event.scope())) {
                    route.refunds().ifPresent(r -> r.recheck(event.storeHash(), orderId, trigger));
                }
                return Optional.of(changed);
            }
            return Optional.of(imported);
        }
        if (REFUND_SCOPE.equals(event.scope())) {
            // a back office without credit notes (a warehouse) takes the order's state instead: wholly refunded,
            // its open order is cancelled there before it is shipped
            return Optional.of(route.refunds().isEmpty() ? route.orderChanges().apply(event, orderId(event))
                    : route.refunds().get().sync(event.storeHash(), orderId(event), trigger));
        }
        if (event.scope().startsWith(TRANSACTION_SCOPE_PREFIX)) {
            if (route.payments().isEmpty()) {
                return notHere(route, event, "payments");
            }
            Outcome paid = route.payments().get().sync(event.storeHash(), orderId(event), trigger);
            // the payments first: the invoice of a paid order is paid by them
            route.invoices().ifPresent(i -> i.sync(event.storeHash(), orderId(event), trigger));
            return Optional.of(paid);
        }
        return ignored(event);
    }

    private static Optional<Outcome> notHere(Route route, StoreEvent event, String capability) {
        log.info("{} for {} {}: back office {} takes no {}; ignored", event.scope(), event.resourceType(),
                event.resourceId(), route.backOffice(), capability);
        return Optional.empty();
    }

    private static Optional<Outcome> ignored(StoreEvent event) {
        log.info("no flow handles {} for {} {}; ignored", event.scope(), event.resourceType(), event.resourceId());
        return Optional.empty();
    }

    private static long customerId(StoreEvent event) {
        OptionalLong id = event.customerId();
        if (id.isEmpty()) {
            String field = event.scope().startsWith("store/customer/address/") ? "data.address.customer_id" : "data.id";
            throw new PermanentFailure(field, "event " + event.scope() + ": the customer id is missing or not a number");
        }
        return id.getAsLong();
    }

    private static long orderId(StoreEvent event) {
        OptionalLong id = event.orderId();
        if (id.isEmpty()) {
            String field = StoreEvent.TRANSACTION.equals(event.resourceType()) ? "data.order_id" : "data.id";
            throw new PermanentFailure(field, "event " + event.scope() + ": the order id is missing or not a number");
        }
        return id.getAsLong();
    }
}
