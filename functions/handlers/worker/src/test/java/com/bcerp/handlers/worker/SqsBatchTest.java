package com.bcerp.handlers.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.bcerp.handlers.testing.FakeLambdaContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;

class SqsBatchTest {

    @ParameterizedTest
    @Event(value = "events/sqs/fifo-order-events.json", type = SQSEvent.class)
    void a_fifo_batch_stops_at_its_first_failure_and_reports_the_rest_unprocessed(SQSEvent event) {
        List<String> handled = new ArrayList<>();

        SQSBatchResponse response = SqsBatch.process(event.getRecords(), m -> {
            handled.add(m.getMessageId());
            if (m.getMessageId().startsWith("2e14")) {
                throw new IllegalStateException("back office down");
            }
        });

        assertThat(handled).containsExactly("11d6ee51-4cc7-4302-9e22-7cd8afdaadf5", "2e1424d4-f796-459a-8184-9c92662be6da");
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("2e1424d4-f796-459a-8184-9c92662be6da", "3f9a2c77-0b3e-4a52-9d1e-5e8f1c2b7a10");
    }

    @ParameterizedTest
    @Event(value = "events/sqs/fifo-order-events.json", type = SQSEvent.class)
    void a_fifo_batch_that_succeeds_reports_no_failure(SQSEvent event) {
        assertThat(SqsBatch.process(event.getRecords(), m -> { }).getBatchItemFailures()).isEmpty();
    }

    @ParameterizedTest
    @Event(value = "events/sqs/fifo-order-events.json", type = SQSEvent.class)
    void a_message_is_not_begun_without_twice_the_longest_so_far_left_and_those_not_begun_come_back(SQSEvent event) {
        List<String> handled = new ArrayList<>();

        // 3 s left and each message takes 900 ms: the second is begun with 2.1 s left, the third not with 1.2 s
        SQSBatchResponse response = SqsBatch.process(event.getRecords(),
                FakeLambdaContext.timingOutIn(Duration.ofMillis(3000)), m -> {
                    handled.add(m.getMessageId());
                    sleep(Duration.ofMillis(900));
                });

        assertThat(handled).containsExactly("11d6ee51-4cc7-4302-9e22-7cd8afdaadf5", "2e1424d4-f796-459a-8184-9c92662be6da");
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("3f9a2c77-0b3e-4a52-9d1e-5e8f1c2b7a10");
    }

    @ParameterizedTest
    @Event(value = "events/sqs/fifo-order-events.json", type = SQSEvent.class)
    void with_time_enough_every_message_is_handled(SQSEvent event) {
        List<String> handled = new ArrayList<>();

        SqsBatch.process(event.getRecords(), FakeLambdaContext.timingOutIn(Duration.ofSeconds(30)),
                m -> handled.add(m.getMessageId()));

        assertThat(handled).hasSize(3);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @ParameterizedTest
    @Event(value = "events/sqs/fifo-order-events.json", type = SQSEvent.class)
    void a_standard_queue_batch_goes_on_past_a_failure(SQSEvent event) {
        for (SQSMessage m : event.getRecords()) {
            Map<String, String> attributes = new java.util.HashMap<>(m.getAttributes());
            attributes.remove("MessageGroupId");
            m.setAttributes(attributes);
        }

        SQSBatchResponse response = SqsBatch.process(event.getRecords(), m -> {
            if (m.getMessageId().startsWith("2e14")) {
                throw new IllegalStateException("bad");
            }
        });

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("2e1424d4-f796-459a-8184-9c92662be6da");
    }
}
