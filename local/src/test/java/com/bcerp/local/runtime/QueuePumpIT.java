package com.bcerp.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The local event source behaves like Lambda's: partial failures, redelivery, dead letters, FIFO order. */
class QueuePumpIT {

    private static LocalAws aws;

    @BeforeAll
    static void start() {
        aws = LocalAws.start(new LocalAws.QueueSettings("pump-test.fifo", "pump-test-dlq.fifo", Duration.ofSeconds(1), 3));
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    private void send(String group, String body) {
        aws.sqs().sendMessage(b -> b.queueUrl(aws.eventsQueueUrl()).messageGroupId(group).messageBody(body)
                .messageDeduplicationId(group + "-" + body));
    }

    private int depth(String url) {
        Map<QueueAttributeName, String> a = aws.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("condition within " + timeout).isTrue();
    }

    @Test
    void each_group_is_handled_in_order_a_failure_is_redelivered_and_a_poison_message_is_dead_lettered()
            throws Exception {
        Map<String, List<String>> seenByGroup = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> receives = new ConcurrentHashMap<>();
        AtomicInteger mostTimeGiven = new AtomicInteger();
        try (QueuePump pump = new QueuePump(aws.sqs(), aws.eventsQueueUrl(), aws.queueArn(aws.eventsQueueUrl()),
                (SQSEvent event, com.amazonaws.services.lambda.runtime.Context ctx) -> {
                    mostTimeGiven.accumulateAndGet(ctx.getRemainingTimeInMillis(), Math::max);
                    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
                    for (SQSEvent.SQSMessage m : event.getRecords()) {
                        String group = m.getAttributes().get("MessageGroupId");
                        int n = receives.computeIfAbsent(m.getBody(), k -> new AtomicInteger()).incrementAndGet();
                        boolean fail = m.getBody().equals("poison") || (m.getBody().equals("a2") && n == 1);
                        if (fail) {
                            failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
                        } else {
                            seenByGroup.computeIfAbsent(group, g -> Collections.synchronizedList(new ArrayList<>()))
                                    .add(m.getBody());
                        }
                    }
                    return new SQSBatchResponse(failures);
                }, "worker", Duration.ofSeconds(60), 3, 1)) {
            send("a", "a1");
            send("a", "a2");
            send("a", "a3");
            send("b", "b1");
            send("c", "poison");

            awaitTrue(() -> seenByGroup.getOrDefault("a", List.of()).size() == 3, Duration.ofSeconds(20));
            awaitTrue(() -> depth(aws.deadLetterQueueUrl()) == 1, Duration.ofSeconds(20));
            // a 60 s function on a queue whose messages come back after 1 s gets 1 s, as AWS allows no more
            assertThat(mostTimeGiven.get()).isPositive().isLessThanOrEqualTo(1000);

            // a2 failed once and came back; a3 waited for it
            assertThat(seenByGroup.get("a")).containsExactly("a1", "a2", "a3");
            assertThat(receives.get("a2").get()).isEqualTo(2);
            assertThat(seenByGroup.get("b")).containsExactly("b1");
            assertThat(receives.get("poison").get()).isEqualTo(3);
            assertThat(depth(aws.eventsQueueUrl())).isZero();
            String dead = aws.sqs().receiveMessage(b -> b.queueUrl(aws.deadLetterQueueUrl())).messages().get(0).body();
            assertThat(dead).isEqualTo("poison");
        }
    }
}
