package com.bcerp.local.chaos;

import com.bcerp.bigcommerce.webhook.WebhookAuthenticator;
import com.bcerp.local.runtime.FrontDoor;
import com.bcerp.local.runtime.LocalRuntime;
import com.bcerp.sandbox.bigcommerce.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Deliveries an attacker (or a confused proxy) sends to the webhook URL, over HTTP, each answered by the real
 * receiver: forged signatures, a wrong secret header, genuine deliveries replayed, stale timestamps, unsigned,
 * malformed and oversized bodies, and another store's events. None may put anything on the queue.
 */
final class HostileDeliveries {

    /**
     * The kinds, each with the statuses a refusal may have (a replay is answered 200 and dropped by the queue; another
     * store's authentic delivery 200, so it never counts against the connector's domain).
     */
    static final Map<String, Set<Integer>> KINDS = kinds();

    private static Map<String, Set<Integer>> kinds() {
        Map<String, Set<Integer>> kinds = new LinkedHashMap<>();
        kinds.put("forged_signature", Set.of(401));
        kinds.put("wrong_secret_header", Set.of(401));
        kinds.put("replayed", Set.of(200));
        kinds.put("stale_timestamp", Set.of(401));
        kinds.put("unsigned", Set.of(401));
        kinds.put("malformed", Set.of(400));
        kinds.put("oversized", Set.of(413));
        kinds.put("another_store", Set.of(200));
        return kinds;
    }

    private final LocalRuntime runtime;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HostileDeliveries(LocalRuntime runtime) {
        this.runtime = runtime;
    }

    /** Sends {@code each} deliveries of every kind; answers the statuses each kind got. */
    Map<String, Map<Integer, Integer>> send(int each) {
        List<FrontDoor.Delivery> genuine = runtime.frontDoor().recent().stream().filter(d -> d.status() == 200).toList();
        if (genuine.isEmpty()) {
            throw new IllegalStateException("no genuine delivery to replay: place orders first");
        }
        Map<String, Map<Integer, Integer>> answers = new LinkedHashMap<>();
        for (int i = 0; i < each; i++) {
            long fakeOrder = 900_000 + i;
            String body = body(runtime.bigcommerce().storeHash(), fakeOrder);
            long now = Instant.now().getEpochSecond();
            record(answers, "forged_signature", post(signed("not-the-client-secret", now, body), body));
            Map<String, String> wrongSecret = signed(runtime.bigcommerce().clientSecret(), now, body);
            wrongSecret.put(WebhookAuthenticator.SECRET_HEADER, "guessed-" + i);
            record(answers, "wrong_secret_header", post(wrongSecret, body));
            FrontDoor.Delivery replay = genuine.get(i % genuine.size());
            record(answers, "replayed", post(replay.headers(), new String(replay.body(), StandardCharsets.UTF_8)));
            long beforeAnyRetry = now - WebhookAuthenticator.RETRY_HORIZON.toSeconds() - 600;
            record(answers, "stale_timestamp", post(signed(runtime.bigcommerce().clientSecret(), beforeAnyRetry, body),
                    body));
            Map<String, String> unsigned = new TreeMap<>(Map.of(WebhookAuthenticator.SECRET_HEADER, runtime.webhookSecret()));
            record(answers, "unsigned", post(unsigned, body));
            String malformed = i % 2 == 0 ? "{\"scope\":\"store/order/created\",\"data\":" : "{\"scope\":\"store/order/created\"}";
            record(answers, "malformed", post(signed(runtime.bigcommerce().clientSecret(), now, malformed), malformed));
            String oversized = body.substring(0, body.length() - 1) + ",\"padding\":\"" + "x".repeat(70 * 1024) + "\"}";
            record(answers, "oversized", post(signed(runtime.bigcommerce().clientSecret(), now, oversized), oversized));
            String otherStore = body(runtime.bigcommerce().storeHash() + "x", fakeOrder);
            record(answers, "another_store", post(signed(runtime.bigcommerce().clientSecret(), now, otherStore), otherStore));
        }
        return answers;
    }

    private static String body(String storeHash, long orderId) {
        return "{\"scope\":\"store/order/created\",\"store_id\":\"1025646\",\"data\":{\"type\":\"order\",\"id\":" + orderId
                + "},\"hash\":\"" + UUID.randomUUID().toString().replace("-", "") + "\",\"created_at\":"
                + Instant.now().getEpochSecond() + ",\"producer\":\"stores/" + storeHash + "\"}";
    }

    /** Headers as BigCommerce signs a delivery, with {@code key} as the client secret. */
    private Map<String, String> signed(String key, long timestamp, String body) {
        String id = "msg_" + UUID.randomUUID();
        Map<String, String> headers = new TreeMap<>();
        headers.put(WebhookAuthenticator.SECRET_HEADER, runtime.webhookSecret());
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSignature.sign(key, id, timestamp, body.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    private int post(Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.frontDoor().webhookUrl()))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach((name, value) -> {
            if (!Set.of("content-length", "host", "connection", "expect", "upgrade").contains(name.toLowerCase())) {
                request.header(name, value);
            }
        });
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("the front door did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void record(Map<String, Map<Integer, Integer>> answers, String kind, int status) {
        answers.computeIfAbsent(kind, k -> new TreeMap<>()).merge(status, 1, Integer::sum);
    }
}
