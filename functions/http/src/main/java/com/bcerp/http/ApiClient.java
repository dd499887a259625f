package com.bcerp.http;

import com.bcerp.core.failure.TransientFailure;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to one external system over the JDK HttpClient. Timeouts, connection failures, 429 and 5xx are
 * retried per the {@link RetryPolicy} and, when they persist, become {@link TransientFailure}; every other answer is
 * returned for the adapter to interpret.
 *
 * <p>A non-idempotent request (one that creates a document) is retried here only when the server certainly did not
 * act on it: a refused connection or a 429. After a timeout or a 5xx it may have acted, so the failure goes up at
 * once, and the caller's retry looks the document up before creating it again. Errors name the method, path and status, never headers or bodies that might
 * hold credentials.
 *
 * <p>Some systems answer a 500 that is a verdict, not a failure (Acumatica's "no such record" and its business rules):
 * the adapter's {@code verdict} test names those, and they are returned at once, never retried.
 */
public final class ApiClient {

    private static final Logger log = LoggerFactory.getLogger(ApiClient.class);

    /** Called before each request (pacing) and with each response (learning the quota). */
    public interface Pacer {
        void beforeRequest();

        void afterResponse(ApiResponse response);

        /** How long the server asked us to wait after this response, if it said. */
        Optional<Duration> waitHint(ApiResponse response);

        Pacer NONE = new Pacer() {
            public void beforeRequest() {}

            public void afterResponse(ApiResponse response) {}

            public Optional<Duration> waitHint(ApiResponse response) {
                return retryAfter(response);
            }
        };

        /**
         * This pacer, also showing {@code seen} each response (retries included): how the handlers count a system's
         * 429s in their metrics without this module or the adapters knowing of metrics.
         */
        default Pacer observed(java.util.function.Consumer<ApiResponse> seen) {
            Pacer inner = this;
            return new Pacer() {
                public void beforeRequest() {
                    inner.beforeRequest();
                }

                public void afterResponse(ApiResponse response) {
                    inner.afterResponse(response);
                    seen.accept(response);
                }

                public Optional<Duration> waitHint(ApiResponse response) {
                    return inner.waitHint(response);
                }
            };
        }

        /** This pacer, counting each request it lets through (retries included) in {@code calls}. */
        default Pacer counting(java.util.concurrent.atomic.AtomicLong calls) {
            Pacer inner = this;
            return new Pacer() {
                public void beforeRequest() {
                    calls.incrementAndGet();
                    inner.beforeRequest();
                }

                public void afterResponse(ApiResponse response) {
                    inner.afterResponse(response);
                }

                public Optional<Duration> waitHint(ApiResponse response) {
                    return inner.waitHint(response);
                }
            };
        }
    }

    private final String system;
    private final HttpClient http;
    private final Duration timeout;
    private final RetryPolicy retry;
    private final Pacer pacer;
    private final Predicate<ApiResponse> verdict;

    public ApiClient(String system, HttpClient http, Duration timeout, RetryPolicy retry, Pacer pacer) {
        this(system, http, timeout, retry, pacer, response -> false);
    }

    /** @param verdict which 5xx answers are the server's considered answer, returned to the adapter as they are */
    public ApiClient(String system, HttpClient http, Duration timeout, RetryPolicy retry, Pacer pacer,
            Predicate<ApiResponse> verdict) {
        this.system = system;
        this.http = http;
        this.timeout = timeout;
        this.retry = retry;
        this.pacer = pacer;
        this.verdict = verdict;
    }

    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    public String system() {
        return system;
    }

    /** Sends an idempotent request (a read, an update by key) with retries. */
    public ApiResponse send(Function<Integer, HttpRequest> request) {
        return send(request, true);
    }

    /**
     * Sends with retries; {@code request} builds a fresh request per attempt (so credentials can be refreshed).
     *
     * @param idempotent false for a request that creates something: see the class comment
     */
    public ApiResponse send(Function<Integer, HttpRequest> request, boolean idempotent) {
        for (int attempt = 1; ; attempt++) {
            HttpRequest req = request.apply(attempt);
            ApiResponse response;
            try {
                pacer.beforeRequest();
                var raw = http.send(withTimeout(req), BodyHandlers.ofString());
                response = new ApiResponse(req.method(), req.uri(), raw.statusCode(), raw.headers(), raw.body());
                pacer.afterResponse(response);
            } catch (HttpTimeoutException e) {
                if (attempt >= retry.maxAttempts() || !idempotent) {
                    throw new TransientFailure(system + " " + req.method() + " " + req.uri().getRawPath()
                            + " timed out after " + timeout.toMillis() + " ms (" + attempt + " attempts)", e);
                }
                sleep(retry.delay(attempt, null), req, "timeout");
                continue;
            } catch (IOException e) {
                if (attempt >= retry.maxAttempts() || !(idempotent || e instanceof java.net.ConnectException)) {
                    throw new TransientFailure(system + " " + req.method() + " " + req.uri().getRawPath()
                            + " failed: " + e.getClass().getSimpleName() + " (" + attempt + " attempts)", e);
                }
                sleep(retry.delay(attempt, null), req, e.getClass().getSimpleName());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientFailure(system + " request interrupted", e);
            }
            if (!isRetryable(response.status()) || verdict.test(response)) {
                return response;
            }
            if (attempt >= retry.maxAttempts() || !(idempotent || response.status() == 429)) {
                throw new TransientFailure(system + " " + response.describe() + " after " + attempt + " attempts");
            }
            sleep(retry.delay(attempt, pacer.waitHint(response).orElse(null)), req, "status " + response.status());
        }
    }

    private HttpRequest withTimeout(HttpRequest req) {
        return req.timeout().isPresent() ? req : HttpRequest.newBuilder(req, (k, v) -> true).timeout(timeout).build();
    }

    private static boolean isRetryable(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504 || status == 500;
    }

    private void sleep(Duration delay, HttpRequest req, String why) {
        log.info("{} {} {}: {}, retrying in {} ms", system, req.method(), req.uri().getRawPath(), why, delay.toMillis());
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure(system + " retry interrupted", e);
        }
    }

    /** The standard {@code Retry-After} header, in seconds. */
    public static Optional<Duration> retryAfter(ApiResponse response) {
        return response.headers().firstValue("Retry-After").map(String::trim).filter(v -> v.matches("\\d+"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v)));
    }
}
