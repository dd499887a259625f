package com.bcerp.core.order;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.StoreEvent;
import com.bcerp.core.payment.PaymentSync;
import com.bcerp.core.refund.RefundImport;
import com.bcerp.core.sync.Outcome;
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
    private static final String TRANSACTION_SCOPE_PREFIX = "store/order/transaction/";

    private final String backOffice;
    private final OrderImport orderImport;
    private final OrderChanges orderChanges;
    private final Optional<RefundImport> refunds;
    private final Optional<PaymentSync> payments;

    /** Refunds and payments are absent where the back office takes no credit notes or payments. */
    public StoreEventHandler(String backOffice, OrderImport orderImport, OrderChanges orderChanges,
            Optional<RefundImport> refunds, Optional<PaymentSync> payments) {
        this.backOffice = backOffice;
        this.orderImport = orderImport;
        this.orderChanges = orderChanges;
        this.refunds = refunds;
        this.payments = payments;
    }

    /** Returns the outcome, or empty when no flow handles this scope. */
    public Optional<Outcome> handle(StoreEvent event) {
        if (!event.isOrderEvent()) {
            return ignored(event);
        }
        String trigger = event.scope() + " " + event.hash();
        if (ORDER_IMPORT_SCOPES.contains(event.scope())) {
            long orderId = orderId(event);
            Outcome imported = orderImport.importOrder(event.storeHash(), orderId, trigger);
            if (imported == Outcome.ALREADY_SYNCED && ORDER_CHANGE_SCOPES.contains(event.scope())) {
                return Optional.of(orderChanges.apply(event, orderId));
            }
            return Optional.of(imported);
        }
        if (REFUND_SCOPE.equals(event.scope())) {
            return refunds.isEmpty() ? notHere(event, "credit notes")
                    : Optional.of(refunds.get().sync(event.storeHash(), orderId(event), trigger));
        }
        if (event.scope().startsWith(TRANSACTION_SCOPE_PREFIX)) {
            return payments.isEmpty() ? notHere(event, "payments")
                    : Optional.of(payments.get().sync(event.storeHash(), orderId(event), trigger));
        }
        return ignored(event);
    }

    private Optional<Outcome> notHere(StoreEvent event, String capability) {
        log.info("{} for {} {}: back office {} takes no {}; ignored", event.scope(), event.resourceType(),
                event.resourceId(), backOffice, capability);
        return Optional.empty();
    }

    private static Optional<Outcome> ignored(StoreEvent event) {
        log.info("no flow handles {} for {} {}; ignored", event.scope(), event.resourceType(), event.resourceId());
        return Optional.empty();
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
