package com.bcerp.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Lambda's SQS event source, locally: pollers receive batches of up to the batch size, invoke the handler, delete what
 * succeeded and leave what the handler reported failed (or everything, when the handler throws) to reappear after
 * the queue's visibility timeout. The queue's redrive policy dead-letters a message after maxReceiveCount receives;
 * FIFO groups are held back by the queue while one of their messages is in flight.
 */
public final class QueuePump implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueuePump.class);

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final String functionName;
    private final int batchSize;
    private final int concurrency;
    private final Duration timeout;
    private final ExecutorService pollers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong crashed = new AtomicLong();
    private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
    private volatile boolean running = true;
    private volatile boolean enabled = true;
    private final FunctionTime time = new FunctionTime();

    /**
     * @param timeout     the function's timeout; an invocation gets at most the queue's visibility timeout, as AWS
     *                    refuses an event source on a queue whose visibility timeout is shorter than its function's
     *                    (the chaos scenarios shorten the queue's, so the function's is shortened with it)
     * @param concurrency how many batches may run at once (the event source mapping's maximum concurrency)
     */
    public QueuePump(SqsClient sqs, String queueUrl, String queueArn, RequestHandler<SQSEvent, SQSBatchResponse> handler,
            String functionName, Duration timeout, int concurrency, int batchSize) {
        long visibility = Long.parseLong(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributes()
                .get(QueueAttributeName.VISIBILITY_TIMEOUT));
        this.timeout = timeout.compareTo(Duration.ofSeconds(visibility)) > 0 ? Duration.ofSeconds(visibility) : timeout;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.handler = handler;
        this.functionName = functionName;
        this.batchSize = Math.min(10, batchSize);
        this.concurrency = concurrency;
        this.pollers = Executors.newFixedThreadPool(concurrency, Thread.ofPlatform().name(functionName + "-poller-", 0).factory());
        for (int i = 0; i < concurrency; i++) {
            pollers.submit(this::poll);
        }
    }

    private void poll() {
        while (running) {
            if (!enabled) {
                sleepQuietly(Duration.ofMillis(20));
                continue;
            }
            try {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(batchSize)
                        .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All")).messages();
                if (messages.isEmpty()) {
                    continue;
                }
                inFlight.incrementAndGet();
                lastActivity.set(System.nanoTime());
                try {
                    deliver(messages);
                } finally {
                    inFlight.decrementAndGet();
                    lastActivity.set(System.nanoTime());
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("{} poller: {}", functionName, e.toString());
                    sleepQuietly(Duration.ofMillis(200));
                }
            }
        }
    }

    private void deliver(List<Message> messages) {
        received.addAndGet(messages.size());
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(this::toRecord).toList());
        Set<String> failedIds = new HashSet<>();
        try {
            SQSBatchResponse response = time.time(() -> handler.handleRequest(event,
                    new LocalLambdaContext(functionName, timeout)));
            if (response != null && response.getBatchItemFailures() != null) {
                response.getBatchItemFailures().forEach(f -> failedIds.add(f.getItemIdentifier()));
            }
        } catch (RuntimeException e) {
            // a handler that throws fails the whole batch, as on Lambda
            log.warn("{} failed its whole batch of {}: {}", functionName, messages.size(), e.toString());
            messages.forEach(m -> failedIds.add(m.messageId()));
        } catch (CrashAfterWrite.SimulatedCrash e) {
            // the instance died: nothing is deleted, every message comes back after the visibility timeout
            log.warn("{} crashed mid-batch ({}); its {} messages return after the visibility timeout", functionName,
                    e.getMessage(), messages.size());
            crashed.incrementAndGet();
            return;
        }
        failed.addAndGet(failedIds.size());
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message m : messages) {
            if (!failedIds.contains(m.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
    }

    private SQSEvent.SQSMessage toRecord(Message m) {
        SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
        r.setMessageId(m.messageId());
        r.setReceiptHandle(m.receiptHandle());
        r.setBody(m.body());
        r.setMd5OfBody(m.md5OfBody());
        Map<String, String> attributes = new java.util.HashMap<>();
        m.attributesAsStrings().forEach(attributes::put);
        r.setAttributes(attributes);
        r.setMessageAttributes(Map.of());
        r.setEventSource("aws:sqs");
        r.setEventSourceArn(queueArn);
        r.setAwsRegion("us-east-1");
        return r;
    }

    /**
     * Off: the pollers stop receiving (a batch running finishes), as a disabled event source mapping leaves messages
     * on the queue; on again: they resume.
     */
    public void enabled(boolean on) {
        enabled = on;
    }

    /** Messages per invocation at most. */
    public int batchSize() {
        return batchSize;
    }

    /** The time each invocation gets. */
    public Duration timeout() {
        return timeout;
    }

    /** Invocations at once at most. */
    public int concurrency() {
        return concurrency;
    }

    /** The worker's invocations (one per batch) and their durations. */
    public FunctionTime time() {
        return time;
    }

    /** Messages received so far (a redelivery counts again). */
    public long received() {
        return received.get();
    }

    /** Messages the handler reported failed (each failed receive counts). */
    public long failed() {
        return failed.get();
    }

    /** Invocations that died (the crash fault) and so reported nothing. */
    public long crashed() {
        return crashed.get();
    }

    /** True when no batch is running and none has been received for {@code quiet}. */
    public boolean isIdleFor(Duration quiet) {
        return inFlight.get() == 0 && System.nanoTime() - lastActivity.get() > quiet.toNanos();
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        pollers.shutdown();
        try {
            pollers.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pollers.shutdownNow();
    }
}
