package com.bcerp.core.sync;

import com.bcerp.core.model.StoreEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.MDC;

/**
 * The correlation fields every log line of one store event's path carries (through SLF4J's MDC; the functions'
 * JSON layout writes each as a top-level field, so one CloudWatch Logs Insights query finds an order's lines from
 * the webhook to the back-office document). Only ids: never a payload, a header value other than the delivery id,
 * or a secret.
 */
public final class LogFields {

    /** The store's event hash: the same in the receiver, the queue message and the worker. */
    public static final String EVENT_ID = "event_id";
    /** The store's order id (a transaction's {@code data.order_id}). */
    public static final String ORDER_ID = "order_id";
    public static final String SCOPE = "scope";
    public static final String STORE = "store_hash";
    /** BigCommerce's {@code webhook-id} delivery header, where the delivery had one (the receiver only). */
    public static final String DELIVERY_ID = "delivery_id";
    /** The queue message the worker is handling. */
    public static final String MESSAGE_ID = "message_id";
    /** The back-office document an attempt created or found, on the line that ends it. */
    public static final String DOCUMENT = "document";

    private LogFields() {}

    /** Fields put for the duration of a try-with-resources block, and removed at its end. */
    public static final class Scope implements AutoCloseable {
        private final List<String> keys = new ArrayList<>();

        private Scope() {}

        public Scope put(String key, String value) {
            if (value != null && !value.isBlank()) {
                MDC.put(key, value);
                keys.add(key);
            }
            return this;
        }

        @Override
        public void close() {
            keys.forEach(MDC::remove);
        }
    }

    public static Scope empty() {
        return new Scope();
    }

    /** The event's id, order, scope and store. */
    public static Scope of(StoreEvent event) {
        OptionalLong order = event.orderId();
        return new Scope().put(EVENT_ID, event.hash())
                .put(ORDER_ID, order.isPresent() ? Long.toString(order.getAsLong()) : null)
                .put(SCOPE, event.scope())
                .put(STORE, event.storeHash());
    }
}
