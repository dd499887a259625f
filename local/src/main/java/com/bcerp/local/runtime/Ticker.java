package com.bcerp.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.joda.time.DateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventBridge Scheduler, locally: invokes each scheduled handler at its rate with a scheduled event. One invocation
 * of a schedule at a time, like a schedule whose target is still running being skipped rather than stacked.
 */
public final class Ticker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Ticker.class);

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2,
            Thread.ofPlatform().name("ticker-", 0).daemon().factory());
    private final AtomicLong ticks = new AtomicLong();

    /** Invokes {@code handler} every {@code rate}, first after {@code rate}. */
    public Ticker every(Duration rate, String functionName, RequestHandler<ScheduledEvent, ?> handler) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                handler.handleRequest(event(functionName), new LocalLambdaContext(functionName, Duration.ofMinutes(5)));
                ticks.incrementAndGet();
            } catch (RuntimeException e) {
                log.warn("scheduled {} failed: {}", functionName, e.toString());
            }
        }, rate.toMillis(), rate.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public long ticks() {
        return ticks.get();
    }

    static ScheduledEvent event(String functionName) {
        ScheduledEvent e = new ScheduledEvent();
        e.setId(UUID.randomUUID().toString());
        e.setSource("aws.scheduler");
        e.setDetailType("Scheduled Event");
        e.setAccount("000000000000");
        e.setRegion("us-east-1");
        e.setTime(DateTime.now());
        e.setResources(List.of("arn:aws:scheduler:local:000000000000:schedule/default/" + functionName));
        e.setDetail(java.util.Map.of());
        return e;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
