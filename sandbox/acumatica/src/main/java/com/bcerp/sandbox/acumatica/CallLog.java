package com.bcerp.sandbox.acumatica;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What clients asked of the sandbox: counts of entity calls, in total and per route ({@code "PUT /SalesOrder"},
 * {@code "GET /SalesOrder/{keys}"}, {@code "POST /entity/auth/logout"}), token requests counted apart, and the most
 * recent exchanges in full (for conformance checks; token requests are never kept, they carry passwords).
 */
public final class CallLog {

    /** One entity call as it went over the wire (query decoded, header names lower-case), minus the Authorization header. */
    public record Exchange(String method, String path, Map<String, List<String>> query, Map<String, String> requestHeaders,
            String requestBody, int status, Map<String, String> responseHeaders, String responseBody) {}

    static final int KEPT_EXCHANGES = 2_000;

    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final Map<String, AtomicInteger> byRoute = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
    private final Deque<Exchange> exchanges = new ArrayDeque<>();

    /** Entity calls (everything but token requests), including those that failed. */
    public int total() {
        return total.get();
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** Calls to one route, e.g. {@code count("PUT /SalesOrder")}. */
    public int count(String route) {
        AtomicInteger n = byRoute.get(route);
        return n == null ? 0 : n.get();
    }

    public Map<String, Integer> byRoute() {
        Map<String, Integer> out = new TreeMap<>();
        byRoute.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Entity calls by the status they were answered with (faults included: 429, 503, 504). */
    public Map<Integer, Integer> byStatus() {
        Map<Integer, Integer> out = new TreeMap<>();
        byStatus.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** The last {@value #KEPT_EXCHANGES} entity calls, oldest first. */
    public List<Exchange> exchanges() {
        synchronized (exchanges) {
            return new ArrayList<>(exchanges);
        }
    }

    public void reset() {
        total.set(0);
        tokenRequests.set(0);
        byRoute.clear();
        byStatus.clear();
        synchronized (exchanges) {
            exchanges.clear();
        }
    }

    void countToken() {
        tokenRequests.incrementAndGet();
    }

    void countCall(String route) {
        total.incrementAndGet();
        byRoute.computeIfAbsent(route, k -> new AtomicInteger()).incrementAndGet();
    }

    void record(Exchange exchange) {
        byStatus.computeIfAbsent(exchange.status(), k -> new AtomicInteger()).incrementAndGet();
        synchronized (exchanges) {
            exchanges.addLast(exchange);
            if (exchanges.size() > KEPT_EXCHANGES) {
                exchanges.removeFirst();
            }
        }
    }
}
