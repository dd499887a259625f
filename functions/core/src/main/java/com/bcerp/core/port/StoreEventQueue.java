package com.bcerp.core.port;

import com.bcerp.core.model.StoreEvent;

/**
 * Where store events the connector produces itself (the catch-up poll, an ops replay) join the webhooks: the same
 * queue, in the same message format, so they take the same idempotent path through the worker.
 */
public interface StoreEventQueue {

    /** @param deduplicationId the same id twice within the queue's deduplication window is enqueued once */
    void publish(StoreEvent event, String deduplicationId);
}
