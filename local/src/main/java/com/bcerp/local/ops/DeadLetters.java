package com.bcerp.local.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The dead-letter queue of the store-events queue: what is in it, and moving it back.
 *
 * <p>A FIFO queue drops a message whose deduplication id it has seen in the last five minutes, and SQS's message
 * move task keeps each message's original deduplication id. So a move task is safe only when every dead-lettered
 * message was first sent more than five minutes ago, which the queue's own settings guarantee when
 * {@code maxReceiveCount} times the visibility timeout is at least five minutes (a message is received that many
 * times, each a visibility timeout apart, before it is dead-lettered). The deployed stack's settings meet that. Where
 * they do not (the local runtime's short timeouts), {@link Method#AUTO} re-sends each message with a fresh
 * deduplication id and deletes it from the dead-letter queue only after the send succeeded: a re-send interrupted
 * half-way leaves at most a duplicate message, which the worker's claims make harmless, never a lost one.
 */
public final class DeadLetters {

    private static final Duration DEDUPLICATION_WINDOW = Duration.ofMinutes(5);
    private static final Duration PEEK_HOLD = Duration.ofSeconds(30);

    public enum Method { AUTO, MOVE_TASK, RESEND }

    /** One dead-lettered message, as it was queued. */
    public record Letter(String messageId, String body, String groupId, int receiveCount, Instant firstSent) {}

    /** What a redrive did; {@code left} messages are still in the dead-letter queue afterwards. */
    public record Redrive(Method method, String why, long moved, int left) {}

    private final SqsClient sqs;
    private final String deadLetterQueueUrl;
    private final String sourceQueueUrl;

    public DeadLetters(SqsClient sqs, String deadLetterQueueUrl, String sourceQueueUrl) {
        this.sqs = sqs;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
        this.sourceQueueUrl = sourceQueueUrl;
    }

    /** Every message in the dead-letter queue, left in it (each is hidden briefly while read, then released). */
    public List<Letter> peek() {
        List<Letter> letters = new ArrayList<>();
        List<Message> held = new ArrayList<>();
        try {
            while (true) {
                List<Message> batch = receive(PEEK_HOLD);
                if (batch.isEmpty()) {
                    break;
                }
                held.addAll(batch);
                batch.forEach(m -> letters.add(letter(m)));
            }
        } finally {
            release(held);
        }
        return letters;
    }

    public Redrive redrive(Method method, Consumer<String> progress) {
        Method chosen = method;
        String why;
        if (method == Method.AUTO) {
            Duration minimumAge = minimumAgeWhenDeadLettered();
            chosen = minimumAge.compareTo(DEDUPLICATION_WINDOW) >= 0 ? Method.MOVE_TASK : Method.RESEND;
            why = chosen == Method.MOVE_TASK
                    ? "every dead-lettered message is at least " + minimumAge.toSeconds() + " s old (maxReceiveCount x "
                            + "visibility timeout), past the FIFO deduplication window: an SQS message move task"
                    : "a message can be dead-lettered " + minimumAge.toSeconds() + " s after it was sent, inside the "
                            + "FIFO queue's 5-minute deduplication window, where a move task's copy would be dropped: "
                            + "re-sent with fresh deduplication ids";
        } else {
            why = "as asked";
        }
        progress.accept("redrive: " + why);
        long moved = chosen == Method.MOVE_TASK ? moveTask(progress) : resend();
        int left = depth(deadLetterQueueUrl);
        if (left > 0) {
            progress.accept("redrive: " + left + " message(s) are still in the dead-letter queue (new failures, or a "
                    + "move task that moved less than it found); `ops errors` lists them, `ops redrive --method RESEND` "
                    + "moves them");
        }
        return new Redrive(chosen, why, moved, left);
    }

    private int depth(String queueUrl) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return a.values().stream().mapToInt(Integer::parseInt).sum();
    }

    /** The least time between a message's first send and its dead-lettering, from the source queue's settings. */
    Duration minimumAgeWhenDeadLettered() {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(sourceQueueUrl)
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT, QueueAttributeName.REDRIVE_POLICY)).attributes();
        long visibility = Long.parseLong(a.get(QueueAttributeName.VISIBILITY_TIMEOUT));
        String policy = a.getOrDefault(QueueAttributeName.REDRIVE_POLICY, "");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"maxReceiveCount\"\\s*:\\s*\"?(\\d+)").matcher(policy);
        long maxReceives = m.find() ? Long.parseLong(m.group(1)) : 1;
        return Duration.ofSeconds(visibility * maxReceives);
    }

    private long moveTask(Consumer<String> progress) {
        String source = arn(deadLetterQueueUrl);
        String handle = sqs.startMessageMoveTask(b -> b.sourceArn(source).destinationArn(arn(sourceQueueUrl))).taskHandle();
        progress.accept("redrive: message move task " + handle + " started");
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            ListMessageMoveTasksResultEntry task = sqs.listMessageMoveTasks(b -> b.sourceArn(source).maxResults(10))
                    .results().stream().filter(t -> handle.equals(t.taskHandle()) || t.taskHandle() == null)
                    .findFirst().orElse(null);
            if (task != null && Set.of("COMPLETED", "FAILED", "CANCELLED").contains(task.status())) {
                if (!"COMPLETED".equals(task.status())) {
                    throw new IllegalStateException("the message move task ended " + task.status() + ": "
                            + task.failureReason());
                }
                return task.approximateNumberOfMessagesMoved() == null ? 0 : task.approximateNumberOfMessagesMoved();
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("the message move task " + handle + " did not finish in 10 minutes; "
                + "`ops status` shows what is left in the dead-letter queue");
    }

    private long resend() {
        long moved = 0;
        while (true) {
            List<Message> batch = receive(Duration.ofSeconds(60));
            if (batch.isEmpty()) {
                return moved;
            }
            for (Message m : batch) {
                Letter letter = letter(m);
                sqs.sendMessage(b -> b.queueUrl(sourceQueueUrl).messageBody(m.body()).messageGroupId(letter.groupId())
                        .messageDeduplicationId("redrive-" + m.messageId() + "-" + UUID.randomUUID()));
                sqs.deleteMessage(b -> b.queueUrl(deadLetterQueueUrl).receiptHandle(m.receiptHandle()));
                moved++;
            }
        }
    }

    private List<Message> receive(Duration hold) {
        return sqs.receiveMessage(b -> b.queueUrl(deadLetterQueueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                .visibilityTimeout((int) hold.toSeconds()).messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages();
    }

    private void release(List<Message> held) {
        for (int i = 0; i < held.size(); i += 10) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (Message m : held.subList(i, Math.min(held.size(), i + 10))) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                        .receiptHandle(m.receiptHandle()).visibilityTimeout(0).build());
            }
            sqs.changeMessageVisibilityBatch(b -> b.queueUrl(deadLetterQueueUrl).entries(entries));
        }
    }

    private static Letter letter(Message m) {
        Map<MessageSystemAttributeName, String> a = m.attributes();
        String sent = a.get(MessageSystemAttributeName.SENT_TIMESTAMP);
        String count = a.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return new Letter(m.messageId(), m.body(), a.get(MessageSystemAttributeName.MESSAGE_GROUP_ID),
                count == null ? 0 : Integer.parseInt(count), sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent)));
    }

    private String arn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
