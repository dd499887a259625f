package com.bcerp.core.port;

/** Where accepted store events wait for the worker (SQS FIFO on AWS, ElasticMQ locally). */
public interface EventQueue {

    /**
     * @param body          the event as received, verbatim
     * @param orderingKey   events with the same key are handled in order, one at a time
     * @param deduplicationId the same id twice within the queue's window is enqueued once
     */
    void publish(String body, String orderingKey, String deduplicationId);
}
