package com.bcerp.sandbox.bigcommerce;

import com.bcerp.sandbox.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the store's thin webhooks to the hooks that want them, as BigCommerce does: asynchronously, signed
 * (Standard Webhooks) with the owning app's client secret, each attempt afresh unless
 * {@link Faults#retriesReuseFirstSignature()}, with the hook's custom headers; a non-2xx answer or a
 * timeout is retried on BigCommerce's schedule (times the configured scale), and the hook is deactivated when the
 * last retry fails. An app with a delivery-exception hook is told: error 90001 when a delivery failed and will be
 * retried (at most once per ten minutes, scaled, per destination), 90002 when the last retry failed and the hook is
 * being disabled, 90003 when the destination's domain was blocklisted ({@link DomainHealth}: while it is, the app's
 * deliveries to that domain are not sent but put back on their retry schedule, using up an attempt, the harsher
 * reading of the docs' "go to retry queues").
 */
final class WebhookDispatcher implements StoreEvents, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    /** Seconds between a failed attempt and the next, per BigCommerce's docs: 11 retries over about 48 hours. */
    static final List<Long> RETRY_SCHEDULE_SECONDS =
            List.of(60L, 180L, 300L, 600L, 900L, 1800L, 3600L, 7200L, 21600L, 50400L, 86400L);

    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);
    private static final long SHUFFLE_WINDOW_MS = 250;

    /**
     * One message to one hook; {@code attempt} 0 is the first delivery, 1..11 the retries. {@code firstSignedAt} is
     * the first attempt's {@code webhook-timestamp} (0 before it was tried).
     */
    private record Delivery(long hookId, String clientId, String destination, Map<String, String> headers,
            String secret, String messageId, byte[] body, int attempt, boolean exceptionReport, long firstSignedAt) {

        Delivery next(long signedAt) {
            return new Delivery(hookId, clientId, destination, headers, secret, messageId, body, attempt + 1,
                    exceptionReport, firstSignedAt == 0 ? signedAt : firstSignedAt);
        }
    }

    static final int RETRYING = 90001;
    static final int DISABLED = 90002;
    static final int DOMAIN_BLOCKED = 90003;
    private static final Duration EXCEPTION_INTERVAL = Duration.ofMinutes(10);

    private final String storeHash;
    private final String storeId;
    private final HookRegistry hooks;
    private final Function<String, String> clientSecrets;
    private final Faults faults;
    private final double timeScale;
    private final Clock clock;
    private final Deliveries stats;
    private final DomainHealth domains;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bigcommerce-sandbox-webhooks");
        t.setDaemon(true);
        return t;
    });
    /** Deliveries waiting for their time, by sequence number: when they are due and which attempt they are. */
    private final Map<Long, Delivery> waiting = new ConcurrentHashMap<>();
    private final Map<Long, Instant> dueAt = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** When each destination was last reported with 90001. */
    private final Map<String, Instant> lastRetryReport = new ConcurrentHashMap<>();

    /**
     * @param clientSecrets the client secret of an app, by client id (signs that app's hooks)
     * @param timeScale     1.0 is BigCommerce's real schedule; 0.001 turns a minute into 60 ms
     */
    WebhookDispatcher(String storeHash, String storeId, HookRegistry hooks, Function<String, String> clientSecrets,
            Faults faults, double timeScale, Clock clock) {
        this.storeHash = storeHash;
        this.storeId = storeId;
        this.hooks = hooks;
        this.clientSecrets = clientSecrets;
        this.faults = faults;
        this.timeScale = timeScale;
        this.clock = clock;
        this.stats = new Deliveries(() -> waiting.values().stream().filter(d -> d.attempt() > 0).count());
        this.domains = new DomainHealth(clock, timeScale);
    }

    DomainHealth domains() {
        return domains;
    }

    double timeScale() {
        return timeScale;
    }

    Deliveries stats() {
        return stats;
    }

    @Override
    public void raise(String scope, Map<String, Object> data) {
        stats.eventsRaised.incrementAndGet();
        List<Hook> subscribers = hooks.subscribers(scope);
        if (subscribers.isEmpty()) {
            return;
        }
        byte[] body = payload(scope, data);
        for (Hook hook : subscribers) {
            stats.messages.incrementAndGet();
            if (ThreadLocalRandom.current().nextDouble() < faults.dropDeliveryShare()) {
                stats.dropped.incrementAndGet();
                log.debug("dropping {} for hook {} (fault)", scope, hook.id());
                continue;
            }
            String messageId = "msg_" + UUID.randomUUID();
            for (int copy = 0; copy < faults.deliveriesPerEvent(); copy++) {
                long delayMs = faults.shuffleDeliveries() ? ThreadLocalRandom.current().nextLong(SHUFFLE_WINDOW_MS) : 0;
                schedule(delivery(hook, messageId, body, false), delayMs);
            }
        }
    }

    private Delivery delivery(Hook hook, String messageId, byte[] body, boolean exceptionReport) {
        Map<String, String> headers = hook.headers() == null ? Map.of() : hook.headers();
        return new Delivery(hook.id(), hook.clientId(), hook.destination(), headers,
                clientSecrets.apply(hook.clientId()), messageId, body, 0, exceptionReport, 0);
    }

    /** Tells the hook's app, through its delivery-exception hook, that a delivery to {@code failed} went wrong. */
    private void reportException(Delivery failed, int errorCode) {
        if (failed.exceptionReport()) {
            return; // never about the exception hook itself
        }
        if (errorCode == RETRYING) {
            Instant now = clock.instant();
            Duration interval = Duration.ofMillis(Math.round(EXCEPTION_INTERVAL.toMillis() * timeScale));
            Instant last = lastRetryReport.get(failed.destination());
            if (last != null && now.isBefore(last.plus(interval))) {
                return;
            }
            lastRetryReport.put(failed.destination(), now);
        }
        hooks.deliveryExceptionHook(failed.clientId()).ifPresent(exceptionHook -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("type", "webhook");
            data.put("id", failed.hookId());
            data.put("error_code", errorCode);
            data.put("message", switch (errorCode) {
                case RETRYING -> "Non-200 response received when delivering to " + failed.destination() + ", will retry";
                case DOMAIN_BLOCKED -> "The domain of " + failed.destination() + " is blocked for a while after too "
                        + "many failed deliveries";
                default -> "All attempts to deliver to " + failed.destination() + " failed; the hook is being disabled";
            });
            schedule(delivery(exceptionHook, "msg_" + UUID.randomUUID(), payload(HookRegistry.DELIVERY_EXCEPTION, data),
                    true), 0);
        });
    }

    /** The thin payload; {@code hash} is the SHA-1 of the JSON-encoded data, the same on every retry. */
    private byte[] payload(String scope, Map<String, Object> data) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("scope", scope);
        payload.put("store_id", storeId);
        payload.put("data", data);
        payload.put("hash", sha1Hex(Json.write(data)));
        payload.put("created_at", clock.instant().getEpochSecond());
        payload.put("producer", "stores/" + storeHash);
        return Json.write(payload).getBytes(StandardCharsets.UTF_8);
    }

    private void schedule(Delivery delivery, long delayMs) {
        long seq = sequence.incrementAndGet();
        waiting.put(seq, delivery);
        dueAt.put(seq, clock.instant().plusMillis(delayMs));
        try {
            scheduler.schedule(() -> launch(seq), delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            waiting.remove(seq);
            dueAt.remove(seq);
        }
    }

    private void launch(long seq) {
        inFlight.incrementAndGet();
        Delivery delivery = waiting.remove(seq);
        dueAt.remove(seq);
        Thread.ofVirtual().name("webhook-delivery-" + seq).start(() -> {
            try {
                attempt(delivery);
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    private void attempt(Delivery d) {
        if (!hooks.isActive(d.hookId())) {
            log.debug("hook {} is gone or inactive; message {} abandoned", d.hookId(), d.messageId());
            return;
        }
        long timestamp = faults.retriesReuseFirstSignature() && d.firstSignedAt() != 0
                ? d.firstSignedAt() : clock.instant().getEpochSecond();
        if (domains.blocked(d.clientId(), d.destination()).isPresent()) {
            stats.heldByBlocklist.incrementAndGet();
            retryOrDeactivate(d, timestamp, "domain blocklisted");
            return;
        }
        stats.attempts.incrementAndGet();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(d.destination()))
                .timeout(DELIVERY_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()));
        d.headers().forEach((name, value) -> {
            try {
                request.header(name, value);
            } catch (IllegalArgumentException restricted) {
                log.debug("hook {}: header {} cannot be sent by the JDK client; skipped", d.hookId(), name);
            }
        });
        request.header("Content-Type", "application/json")
                .header("webhook-id", d.messageId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(d.secret(), d.messageId(), timestamp, d.body()));
        String outcome;
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                stats.successes.incrementAndGet();
                domains.record(d.clientId(), d.destination(), null);
                return;
            }
            outcome = "status " + status;
        } catch (java.io.IOException e) {
            outcome = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        stats.failures.incrementAndGet();
        domains.record(d.clientId(), d.destination(), outcome).ifPresent(block -> {
            log.info("domain {} blocklisted for app {} until {}: {}", block.destination(), d.clientId(), block.until(),
                    block.reasons());
            reportException(d, DOMAIN_BLOCKED);
        });
        retryOrDeactivate(d, timestamp, outcome);
    }

    private void retryOrDeactivate(Delivery d, long timestamp, String outcome) {
        if (d.attempt() < RETRY_SCHEDULE_SECONDS.size()) {
            long delayMs = Math.round(RETRY_SCHEDULE_SECONDS.get(d.attempt()) * 1000 * timeScale);
            log.debug("hook {} message {} attempt {} failed ({}); retry in {} ms", d.hookId(), d.messageId(),
                    d.attempt(), outcome, delayMs);
            schedule(d.next(timestamp), delayMs);
            reportException(d, RETRYING);
        } else if (hooks.deactivate(d.hookId())) {
            stats.deactivatedHooks.incrementAndGet();
            log.info("hook {} deactivated: the last retry of message {} failed ({})", d.hookId(), d.messageId(), outcome);
            reportException(d, DISABLED);
        }
    }

    /** True once nothing is being delivered and nothing is due before the timeout ends. */
    boolean awaitIdle(Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            boolean dueSoon = dueAt.values().stream().anyMatch(due -> !due.isAfter(deadline));
            if (inFlight.get() == 0 && !dueSoon) {
                return true;
            }
            if (!clock.instant().isBefore(deadline)) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        http.close();
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is unavailable", e);
        }
    }
}
