package com.bcerp.http.testing;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The JDK client, with two test hooks for the next requests whose method and path ({@code POST /orders}) end with a
 * suffix: something the other side does just before they arrive ({@link #before}), or their answer lost after the
 * server acted on them ({@link #lose}), as after a dropped connection.
 */
public final class HookedHttpClient extends HttpClient {

    private final HttpClient delegate = HttpClient.newHttpClient();
    private volatile String suffix;
    private volatile Runnable before;
    private final AtomicInteger losses = new AtomicInteger();

    /** A client that loses the answer of the next {@code times} requests ending with {@code suffix}. */
    public static HookedHttpClient losing(String suffix, int times) {
        HookedHttpClient client = new HookedHttpClient();
        client.lose(suffix, times);
        return client;
    }

    /** Runs {@code action} before each of the next {@code times} requests to a path ending with {@code pathSuffix}. */
    public void before(String pathSuffix, int times, Runnable action) {
        AtomicInteger left = new AtomicInteger(times);
        this.suffix = pathSuffix;
        this.before = () -> {
            if (left.getAndDecrement() > 0) {
                action.run();
            }
        };
    }

    /** Loses the answer of the next {@code times} requests to a path ending with {@code pathSuffix} (a time-out). */
    public void lose(String pathSuffix, int times) {
        this.suffix = pathSuffix;
        this.before = null;
        losses.set(times);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        boolean hooked = suffix != null && (request.method() + " " + request.uri().getPath()).endsWith(suffix);
        if (hooked && before != null) {
            before.run();
        }
        HttpResponse<T> response = delegate.send(request, handler);
        if (hooked && losses.getAndDecrement() > 0) {
            throw new HttpTimeoutException("the answer was lost (test)");
        }
        return response;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return delegate.sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> push) {
        return delegate.sendAsync(request, handler, push);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
