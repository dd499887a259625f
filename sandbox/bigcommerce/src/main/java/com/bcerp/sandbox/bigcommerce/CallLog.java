package com.bcerp.sandbox.bigcommerce;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests each API account made, in total and per endpoint ({@code "GET /v2/orders/{order_id}"}), counted whatever
 * the answer (a 429 costs the caller a request too). The source of calls-per-order figures.
 */
public final class CallLog {

    private final Map<String, Map<String, LongAdder>> byToken = new ConcurrentHashMap<>();

    void record(String token, String endpoint) {
        byToken.computeIfAbsent(token, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(endpoint, e -> new LongAdder())
                .increment();
    }

    /** Requests made with this access token. */
    public long total(String token) {
        return byEndpoint(token).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests made by every account. */
    public long total() {
        return byToken.keySet().stream().mapToLong(this::total).sum();
    }

    /** Requests made with this access token per endpoint, sorted by endpoint. */
    public Map<String, Long> byEndpoint(String token) {
        Map<String, Long> counts = new TreeMap<>();
        byToken.getOrDefault(token, Map.of()).forEach((endpoint, n) -> counts.put(endpoint, n.sum()));
        return counts;
    }

    public void reset() {
        byToken.clear();
    }
}
