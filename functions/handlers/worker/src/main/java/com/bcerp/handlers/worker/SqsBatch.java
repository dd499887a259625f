package com.bcerp.handlers.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.bcerp.core.sync.LogFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Partial batch failure for an SQS event source, with Powertools' FIFO rule: in a FIFO batch the first failure stops
 * processing, and that message and every one after it are reported failed, so no message overtakes an earlier one
 * of its group. (Powertools' batch module does not resolve from this workplace's registry.) Each message's lines
 * carry its id ({@code message_id}), and whatever fields the handler puts for it, up to its failure's line.
 */
public final class SqsBatch {

    private static final Logger log = LoggerFactory.getLogger(SqsBatch.class);

    private SqsBatch() {}

    public static SQSBatchResponse process(List<SQSMessage> messages, Consumer<SQSMessage> handler) {
        return process(messages, null, handler);
    }

    /**
     * The same within the invocation's time: a message is begun only while at least twice the longest message so
     * far is left, and the ones not begun are reported failed, so they come back at once. Run past its timeout, the
     * function would be stopped and every message of the batch, done or not, would come back after the visibility
     * timeout; one that outran the visibility timeout would be handed to a second invocation while the first still
     * held it (their claims keep it once, but each such clash spends one of its receives).
     *
     * @param context the invocation's (its remaining time); null has no deadline
     */
    public static SQSBatchResponse process(List<SQSMessage> messages, Context context, Consumer<SQSMessage> handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        boolean fifo = !messages.isEmpty() && messages.get(0).getAttributes() != null
                && messages.get(0).getAttributes().containsKey("MessageGroupId");
        long longestMs = 0;
        for (int i = 0; i < messages.size(); i++) {
            SQSMessage message = messages.get(i);
            if (i > 0 && context != null && context.getRemainingTimeInMillis() < 2 * longestMs) {
                log.info("{} ms left and a message took up to {} ms: {} message(s) not begun go back to the queue",
                        context.getRemainingTimeInMillis(), longestMs, messages.size() - i);
                messages.subList(i, messages.size())
                        .forEach(rest -> failures.add(new SQSBatchResponse.BatchItemFailure(rest.getMessageId())));
                break;
            }
            Map<String, String> outer = MDC.getCopyOfContextMap();
            long started = System.nanoTime();
            try {
                MDC.put(LogFields.MESSAGE_ID, message.getMessageId());
                handler.accept(message);
            } catch (RuntimeException e) {
                log.warn("message {} failed: {}", message.getMessageId(), e.getMessage());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                if (fifo) {
                    for (SQSMessage rest : messages.subList(i + 1, messages.size())) {
                        failures.add(new SQSBatchResponse.BatchItemFailure(rest.getMessageId()));
                    }
                    break;
                }
            } finally {
                longestMs = Math.max(longestMs, (System.nanoTime() - started) / 1_000_000);
                // the fields the handler put for this message (its event, its order) end with it
                if (outer == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(outer);
                }
            }
        }
        return new SQSBatchResponse(failures);
    }
}
