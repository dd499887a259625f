package com.bcerp.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server for the sandboxes: the JDK's HttpServer on 127.0.0.1, one virtual thread per request, routes
 * written as {@code GET /stores/{hash}/v2/orders/{id}}. A filter sees every request first (auth, quotas, faults).
 */
public final class Router implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private record Route(String method, Pattern pattern, List<String> names, Function<HttpRequest, HttpResponse> handler) {}

    /** Runs around every matched route: may answer itself (throw {@link HttpError}) or pass on to {@code next}. */
    public interface Filter {
        HttpResponse apply(HttpRequest request, Function<HttpRequest, HttpResponse> next);
    }

    private final List<Route> routes = new ArrayList<>();
    private final List<Filter> filters = new ArrayList<>();
    private UnaryOperator<HttpResponse> notFound = r -> r;
    private HttpServer server;
    private ExecutorService executor;

    public Router route(String method, String template, Function<HttpRequest, HttpResponse> handler) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([^}/]+)}").matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        routes.add(new Route(method, Pattern.compile(regex.toString()), names, handler));
        return this;
    }

    public Router filter(Filter filter) {
        filters.add(filter);
        return this;
    }

    /** Lets the owner shape the 404 answer (e.g. a vendor's error body). */
    public Router onNotFound(UnaryOperator<HttpResponse> shape) {
        this.notFound = shape;
        return this;
    }

    /** Starts on 127.0.0.1; port 0 picks a free one. */
    public Router start(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port, e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Handles a request without a socket (tests, and the dispatcher itself). */
    public HttpResponse dispatch(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {
        String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        boolean pathMatched = false;
        for (Route route : routes) {
            Matcher m = route.pattern.matcher(path);
            if (!m.matches()) {
                continue;
            }
            pathMatched = true;
            if (!route.method.equals(method)) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < route.names.size(); i++) {
                params.put(route.names.get(i), URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
            }
            HttpRequest request = new HttpRequest(method, path, params, parseQuery(rawQuery), headers, body);
            return applyFilters(request, 0, route.handler);
        }
        HttpRequest request = new HttpRequest(method, path, Map.of(), parseQuery(rawQuery), headers, body);
        int status = pathMatched ? 405 : 404;
        return applyFilters(request, 0, r -> {
            throw new HttpError(status, status == 405 ? "Method not allowed" : "Not found: " + r.path());
        });
    }

    private HttpResponse applyFilters(HttpRequest request, int index, Function<HttpRequest, HttpResponse> handler) {
        try {
            if (index == filters.size()) {
                return handler.apply(request);
            }
            return filters.get(index).apply(request, r -> applyFilters(r, index + 1, handler));
        } catch (HttpError e) {
            HttpResponse response = HttpResponse.json(e.status(), e.body());
            return e.status() == 404 ? notFound.apply(response) : response;
        }
    }

    private void exchange(HttpExchange exchange) {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            HttpResponse response;
            try {
                response = dispatch(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), headers, body);
            } catch (RuntimeException e) {
                log.error("sandbox route failed for {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                response = HttpResponse.json(500, Map.of("status", 500, "title", "Internal error: " + e));
            }
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            boolean noBody = response.body().length == 0;
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (IOException e) {
            log.debug("client went away: {}", e.toString());
        }
    }

    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
