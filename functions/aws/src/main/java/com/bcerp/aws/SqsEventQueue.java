package com.bcerp.aws;

import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.port.EventQueue;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Publishes store events to the SQS FIFO queue: one message group per ordering key, deduplicated by id. */
public final class SqsEventQueue implements EventQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsEventQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void publish(String body, String orderingKey, String deduplicationId) {
        try {
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).messageGroupId(orderingKey)
                    .messageDeduplicationId(deduplicationId));
        } catch (SdkException e) {
            throw new TransientFailure("could not enqueue the event for " + orderingKey + ": " + e.getMessage(), e);
        }
    }
}
