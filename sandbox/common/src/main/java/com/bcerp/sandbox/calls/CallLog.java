package com.bcerp.sandbox.calls;

import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Router;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What clients asked of a sandbox, for tests and demos to count: calls in total, per route (a name the sandbox
 * gives, e.g. {@code "GET /orders/{id}"}), per caller (an API account, a client id) and per answer status; token
 * requests counted apart; and the most recent exchanges in full (method, path, query, headers, bodies, status, time)
 * for conformance checks. Kept exchanges never carry credentials: the {@code Authorization}, {@code X-Auth-Token},
 * {@code Cookie} and {@code Proxy-Authorization} headers are left out, and token requests are never kept.
 *
 * <p>A call is counted when it arrives ({@link #arrived}), so one that hangs counts at once, and its status when it is
 * answered ({@link #answered}). {@link #filter} does both for a whole router.
 */
public final class CallLog {

    /** One call as it went over the wire: query decoded, header names lower-case, credentials left out. */
    public record Exchange(Instant at, String caller, String route, String method, String path,
            Map<String, List<String>> query, Map<String, String> requestHeaders, String requestBody, int status,
            Map<String, String> responseHeaders, String responseBody) {}

    /** Header names (lower-case) never kept. */
    public static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "x-auth-token", "cookie",
            "proxy-authorization");

    public static final int DEFAULT_KEPT_EXCHANGES = 2_000;

    private static final String NO_CALLER = "";

    private final Clock clock;
    private final int keptExchanges;
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final Map<String, Map<String, AtomicInteger>> byCallerAndRoute = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
    private final Deque<Exchange> exchanges = new ArrayDeque<>();

    /** Keeps the last {@value #DEFAULT_KEPT_EXCHANGES} exchanges. */
    public CallLog() {
        this(Clock.systemUTC(), DEFAULT_KEPT_EXCHANGES);
    }

    /** @param keptExchanges how many recent exchanges to keep in full; 0 counts only */
    public CallLog(Clock clock, int keptExchanges) {
        if (keptExchanges < 0) {
            throw new IllegalArgumentException("keptExchanges cannot be negative, was " + keptExchanges);
        }
        this.clock = clock;
        this.keptExchanges = keptExchanges;
    }

    // ---- recording ----

    /** Counts a call as it arrives; {@code caller} may be null (an anonymous call). */
    public void arrived(String caller, String route) {
        total.incrementAndGet();
        byCallerAndRoute.computeIfAbsent(caller == null ? NO_CALLER : caller, c -> new ConcurrentHashMap<>())
                .computeIfAbsent(route, r -> new AtomicInteger()).incrementAndGet();
    }

    /** Counts a token request (apart from the calls: it is how a client signs in, not what it asks of the API). */
    public void tokenRequest() {
        tokenRequests.incrementAndGet();
    }

    /** Records the answer to a call counted by {@link #arrived}: its status, and the exchange in full. */
    public void answered(String caller, String route, HttpRequest request, HttpResponse response) {
        byStatus.computeIfAbsent(response.status(), s -> new AtomicInteger()).incrementAndGet();
        if (keptExchanges == 0) {
            return;
        }
        Exchange exchange = new Exchange(clock.instant(), caller, route, request.method(), request.path(),
                request.query(), withoutCredentials(request.headers()), request.bodyText(), response.status(),
                response.headers(), new String(response.body(), StandardCharsets.UTF_8));
        synchronized (exchanges) {
            exchanges.addLast(exchange);
            while (exchanges.size() > keptExchanges) {
                exchanges.removeFirst();
            }
        }
    }

    /**
     * A router filter that logs every call: a request {@code isTokenRequest} matches is counted as a token request
     * only; any other is counted under the route and caller the functions name and recorded with its answer.
     *
     * @param callerOf the caller's name (an account, a client id), or null; must not return a secret
     */
    public Router.Filter filter(Function<HttpRequest, String> routeOf, Function<HttpRequest, String> callerOf,
            Predicate<HttpRequest> isTokenRequest) {
        return (request, next) -> {
            if (isTokenRequest.test(request)) {
                tokenRequest();
                return next.apply(request);
            }
            String route = routeOf.apply(request);
            String caller = callerOf.apply(request);
            arrived(caller, route);
            HttpResponse response = next.apply(request);
            answered(caller, route, request, response);
            return response;
        };
    }

    // ---- reading ----

    /** Calls (token requests aside), including those that failed. */
    public int total() {
        return total.get();
    }

    /** Calls one caller made. */
    public int total(String caller) {
        return byCallerAndRoute.getOrDefault(caller, Map.of()).values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** Calls to one route, by every caller, e.g. {@code count("PUT /SalesOrder")}. */
    public int count(String route) {
        return byRoute().getOrDefault(route, 0);
    }

    /** Calls per route by every caller, sorted by route. */
    public Map<String, Integer> byRoute() {
        Map<String, Integer> out = new TreeMap<>();
        byCallerAndRoute.values().forEach(routes -> routes.forEach((r, n) -> out.merge(r, n.get(), Integer::sum)));
        return out;
    }

    /** Calls per route by one caller, sorted by route. */
    public Map<String, Integer> byRoute(String caller) {
        Map<String, Integer> out = new TreeMap<>();
        byCallerAndRoute.getOrDefault(caller, Map.of()).forEach((r, n) -> out.put(r, n.get()));
        return out;
    }

    /** Answered calls by status (faults included: 429, 503, 504), sorted by status. */
    public Map<Integer, Integer> byStatus() {
        Map<Integer, Integer> out = new TreeMap<>();
        byStatus.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** The most recent exchanges, oldest first. */
    public List<Exchange> exchanges() {
        synchronized (exchanges) {
            return new ArrayList<>(exchanges);
        }
    }

    /** The most recent exchanges that match, oldest first. */
    public List<Exchange> exchanges(Predicate<? super Exchange> match) {
        return exchanges().stream().filter(match).map(e -> (Exchange) e).toList();
    }

    /** Forgets everything: counts, token requests and kept exchanges. */
    public void reset() {
        total.set(0);
        tokenRequests.set(0);
        byCallerAndRoute.clear();
        byStatus.clear();
        synchronized (exchanges) {
            exchanges.clear();
        }
    }

    private static Map<String, String> withoutCredentials(Map<String, String> headers) {
        Map<String, String> kept = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            if (!CREDENTIAL_HEADERS.contains(k.toLowerCase(Locale.ROOT))) {
                kept.put(k, v);
            }
        });
        return kept;
    }
}
