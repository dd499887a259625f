package com.bcerp.sandbox.bigcommerce;

import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Registers the store's API routes under {@code /stores/{store_hash}} and remembers their templates, so the call log
 * can count requests per endpoint ({@code "GET /v2/orders/{order_id}"}).
 */
final class Endpoints {

    static final String PREFIX = "/stores/{store_hash}";

    private record Template(String method, Pattern pattern, String label) {}

    private final Router router;
    private final List<Template> templates = new ArrayList<>();

    Endpoints(Router router) {
        this.router = router;
    }

    Endpoints route(String method, String template, Function<HttpRequest, HttpResponse> handler) {
        router.route(method, PREFIX + template, handler);
        String regex = "/stores/[^/]+" + Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
        templates.add(new Template(method, Pattern.compile(regex), method + " " + template));
        return this;
    }

    /** The endpoint a request is for, e.g. {@code GET /v2/orders/{order_id}}; unknown paths are named as sent. */
    String label(String method, String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (Template t : templates) {
            if (t.method().equals(method) && t.pattern().matcher(trimmed).matches()) {
                return t.label();
            }
        }
        return method + " " + trimmed.replaceFirst("^/stores/[^/]+", "") + " (unknown)";
    }
}
