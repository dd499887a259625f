package com.bcerp.bigcommerce.webhook;

import com.bcerp.core.model.StoreEvent;
import com.bcerp.core.order.StoreEventHandler;
import com.bcerp.core.port.EventQueue;
import com.bcerp.core.sync.LogFields;
import com.bcerp.http.JsonSupport;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook receiver's whole decision, independent of Lambda: too big (413), not authentic (401), not a webhook
 * payload (400), for another store (200, nothing queued), a scope the connector does not handle (200, nothing
 * queued), or queued for the worker (200). Nothing is queued on any error; a queue failure answers 500 so BigCommerce
 * retries.
 *
 * <p>Why an authentic delivery for another store is acknowledged and not refused: BigCommerce keeps a success ratio
 * per destination domain and blocklists a domain below 90 % for 3 minutes, for every hook the app has there. A
 * refusal of a delivery BigCommerce really sent (the app's client secret is shared by every store that installed the
 * app, so such a delivery is signed) would count against the connector's own domain, 12 times per event with the
 * retries, and a busy misrouted store could blocklist the connector out of its own store's orders. A 200 ends it at
 * once; the warning names the store, so ops can remove the stray hook. Refusals of what is not authentic (forged,
 * unsigned, a wrong secret header) are not BigCommerce's deliveries and do not enter its ratio.
 */
public final class WebhookReceiver {

    private static final Logger log = LoggerFactory.getLogger(WebhookReceiver.class);

    /** The order scopes the worker handles (see core's StoreEventHandler): changes, refunds and payments. */
    public static final Set<String> ORDER_SCOPES = Set.of("store/order/created", "store/order/updated",
            "store/order/statusUpdated", "store/order/refund/created", "store/order/transaction/created",
            "store/order/transaction/updated");

    /**
     * Every scope the receiver queues: the order scopes and the customer scopes. The customer hooks are registered
     * only when {@code customers.sync} is on, so with it off none arrive (and a stray one is ignored by the worker).
     */
    public static final Set<String> HANDLED_SCOPES = Stream.concat(ORDER_SCOPES.stream(),
            StoreEventHandler.CUSTOMER_SCOPES.stream()).collect(Collectors.toUnmodifiableSet());

    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    private static final String DELIVERY_ID_PREFIX = "webhook:";

    /**
     * @param storeHash     the one store this deployment serves
     * @param maxBodyBytes  larger bodies are refused unread (413)
     * @param handledScopes scopes that are queued; others are acknowledged and dropped
     */
    public record Config(String storeHash, int maxBodyBytes, Set<String> handledScopes) {

        public Config {
            Objects.requireNonNull(storeHash, "storeHash");
            handledScopes = Set.copyOf(handledScopes);
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be positive");
            }
        }

        public static Config of(String storeHash) {
            return new Config(storeHash, DEFAULT_MAX_BODY_BYTES, HANDLED_SCOPES);
        }
    }

    /** The HTTP answer: a status and a small JSON body. */
    public record Response(int status, String body) {

        static Response of(int status, Map<String, String> body) {
            return new Response(status, JsonSupport.write(body));
        }
    }

    private final Config config;
    private final WebhookAuthenticator authenticator;
    private final EventQueue queue;

    public WebhookReceiver(Config config, WebhookAuthenticator authenticator, EventQueue queue) {
        this.config = config;
        this.authenticator = authenticator;
        this.queue = queue;
    }

    public Response receive(Map<String, String> headers, String body) {
        return receive(headers, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    public Response receive(Map<String, String> headers, byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        if (raw.length > config.maxBodyBytes()) {
            log.warn("webhook refused: body of {} bytes exceeds {}", raw.length, config.maxBodyBytes());
            return Response.of(413, Map.of("error", "payload too large"));
        }
        WebhookHeaders received = new WebhookHeaders(headers);
        WebhookAuthenticator.Verdict verdict = authenticator.verify(received, raw);
        if (!verdict.accepted()) {
            log.warn("webhook refused: {}", verdict.reason());
            return Response.of(401, Map.of("error", "unauthenticated"));
        }
        String text;
        StoreEvent event;
        try {
            text = utf8(raw);
            event = WebhookPayloads.parse(text);
        } catch (MalformedWebhookException e) {
            log.warn("webhook refused: malformed ({})", e.getMessage());
            return Response.of(400, Map.of("error", "malformed payload", "field", e.field(), "message", e.getMessage()));
        }
        // from here every line names the event and its order (the worker's lines carry the same ids)
        LogFields.Scope fields = LogFields.of(event);
        try {
            return accept(event, text, deduplicationId(received, raw), verdict);
        } finally {
            fields.close();
        }
    }

    private Response accept(StoreEvent event, String text, String deduplicationId, WebhookAuthenticator.Verdict verdict) {
        if (!config.storeHash().equals(event.storeHash())) {
            log.warn("webhook {} for store {} acknowledged and dropped: this deployment serves {} (a hook of that "
                    + "store points here)", event.scope(), event.storeHash(), config.storeHash());
            return Response.of(200, Map.of("status", "ignored", "store", event.storeHash()));
        }
        if (WebhookRegistrar.DELIVERY_EXCEPTION_SCOPE.equals(event.scope())) {
            logDeliveryException(event);
            return Response.of(200, Map.of("status", "noted"));
        }
        if (!config.handledScopes().contains(event.scope())) {
            log.info("webhook {} for {} {} acknowledged: no flow handles this scope", event.scope(),
                    event.resourceType(), event.resourceId());
            return Response.of(200, Map.of("status", "ignored", "scope", event.scope()));
        }
        try {
            queue.publish(text, event.orderingKey(), deduplicationId);
        } catch (RuntimeException e) {
            log.error("webhook {} for {} {} could not be queued; answering 500 so BigCommerce retries", event.scope(),
                    event.resourceType(), event.resourceId(), e);
            return Response.of(500, Map.of("error", "could not queue the event"));
        }
        log.info("webhook {} for {} {} queued ({})", event.scope(), event.resourceType(), event.resourceId(),
                verdict.reason());
        return Response.of(200, Map.of("status", "queued"));
    }

    /**
     * BigCommerce could not deliver to the connector's webhook destination. Nothing is lost by it: the webhook-health
     * job re-activates a disabled hook and the order catch-up enqueues what was missed. The log line (a stable
     * marker for a metric filter and alarm) is what tells ops the destination is failing.
     */
    private static void logDeliveryException(StoreEvent event) {
        Object code = event.data().get("error_code");
        String meaning = switch (String.valueOf(code)) {
            case "90001" -> "BigCommerce will retry";
            case "90002" -> "every retry failed; BigCommerce is disabling the hook (webhook health re-activates it, the "
                    + "order catch-up enqueues the missed orders)";
            case "90003" -> "the destination's domain is blocked for a while after too many failures";
            default -> "unknown code";
        };
        log.warn("webhook_delivery_exception: BigCommerce could not deliver hook {}: error {} ({}): {}",
                event.resourceId(), code, meaning, event.data().getOrDefault("message", ""));
    }

    /**
     * The queue's deduplication id. A signed delivery's is its (verified) {@code webhook-id}, hashed to the queue's
     * alphabet: a retry or a replay of it is the same message, dropped by the FIFO queue within 5 minutes and by the
     * worker's record of handled deliveries after that ({@link #deliveryId}). An unsigned one's is its body's hash.
     */
    static String deduplicationId(WebhookHeaders headers, byte[] raw) {
        return headers.get("webhook-id").map(id -> DELIVERY_ID_PREFIX + sha256Hex(id.getBytes(StandardCharsets.UTF_8)))
                .orElseGet(() -> sha256Hex(raw));
    }

    /** The signed delivery a queued message's deduplication id names; empty for other messages (catch-up, unsigned). */
    public static java.util.Optional<String> deliveryId(String deduplicationId) {
        return deduplicationId != null && deduplicationId.startsWith(DELIVERY_ID_PREFIX)
                ? java.util.Optional.of(deduplicationId) : java.util.Optional.empty();
    }

    public static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    private static String utf8(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedWebhookException("body", "the body is not UTF-8 text");
        }
    }
}
