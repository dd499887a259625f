package com.bcerp.bigcommerce.webhook;

import com.bcerp.core.model.StoreEvent;
import com.bcerp.core.port.EventQueue;
import com.bcerp.core.port.StoreEventQueue;

/** The connector's own store events onto the webhooks' queue, written as BigCommerce's thin webhook payload. */
public final class WebhookEventQueue implements StoreEventQueue {

    private final EventQueue queue;

    public WebhookEventQueue(EventQueue queue) {
        this.queue = queue;
    }

    @Override
    public void publish(StoreEvent event, String deduplicationId) {
        queue.publish(WebhookPayloads.encode(event), event.orderingKey(), deduplicationId);
    }
}
