package com.bcerp.handlers.worker;

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
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        boolean fifo = !messages.isEmpty() && messages.get(0).getAttributes() != null
                && messages.get(0).getAttributes().containsKey("MessageGroupId");
        for (int i = 0; i < messages.size(); i++) {
            SQSMessage message = messages.get(i);
            Map<String, String> outer = MDC.getCopyOfContextMap();
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
