package com.bcerp.bigcommerce;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.http.ApiClient;
import com.bcerp.http.ApiResponse;
import com.bcerp.http.JsonSupport;
import com.bcerp.http.RetryPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Calls one store's REST API (V2 and V3) with its access token, through the shared {@link ApiClient} (retries,
 * timeouts) and the store's {@link RateLimitPacer}. Answers the adapter does not expect become core failures:
 * 401, 403, 422 and other 4xx are {@link PermanentFailure} naming the call (and the field, when BigCommerce names
 * one); 5xx are {@link TransientFailure}. Tokens never appear in errors or logs.
 */
public final class BigCommerceClient {

    private final BigCommerceSettings settings;
    private final ApiClient api;

    public BigCommerceClient(BigCommerceSettings settings, ApiClient api) {
        this.settings = settings;
        this.api = api;
    }

    /** A client with the standard retry policy and the store's process-wide pacer. */
    public static BigCommerceClient create(BigCommerceSettings settings) {
        ApiClient api = new ApiClient("bigcommerce", ApiClient.defaultHttpClient(), Duration.ofSeconds(30),
                RetryPolicy.standard(), RateLimitPacer.forStore(settings.storeHash()));
        return new BigCommerceClient(settings, api);
    }

    public BigCommerceSettings settings() {
        return settings;
    }

    /** A GET of {@code pathAndQuery} under {@code /stores/{hash}}, e.g. {@code /v2/orders/7}. */
    public ApiResponse get(String pathAndQuery) {
        return api.send(attempt -> request(pathAndQuery).GET().build());
    }

    public ApiResponse post(String pathAndQuery, Object body) {
        return api.send(attempt -> request(pathAndQuery).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonSupport.write(body))).build(), false);
    }

    public ApiResponse put(String pathAndQuery, Object body) {
        return put(pathAndQuery, body, true);
    }

    /** A PUT; {@code idempotent} false for one that may create something (e.g. a variant batch), see ApiClient. */
    public ApiResponse put(String pathAndQuery, Object body, boolean idempotent) {
        return api.send(attempt -> request(pathAndQuery).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JsonSupport.write(body))).build(), idempotent);
    }

    public ApiResponse delete(String pathAndQuery) {
        return api.send(attempt -> request(pathAndQuery).DELETE().build());
    }

    /**
     * Returns the response when its status is one of {@code expected}; otherwise throws the failure it means.
     *
     * @param call what was being done, for the message, e.g. "get order 7"
     */
    public static ApiResponse expect(ApiResponse response, String call, Set<Integer> expected) {
        if (expected.contains(response.status())) {
            return response;
        }
        throw failure(response, call);
    }

    static RuntimeException failure(ApiResponse response, String call) {
        int status = response.status();
        String what = "BigCommerce " + call + " (" + response.describe() + ")";
        if (status == 429 || status >= 500) {
            return new TransientFailure(what + ": the store is busy or unavailable");
        }
        if (status == 207) {
            // Multi-Status: the record was saved but a part of it (its URL, its inventory) was not; sending it again
            // would fail the same way, so it parks naming the part
            ErrorDetail detail = ErrorDetail.of(response);
            return new PermanentFailure(detail.field(), what + ": saved only in part: " + detail.message());
        }
        if (status == 403) {
            return new PermanentFailure("oauth_scope", what + ": the API account lacks the OAuth scope "
                    + requiredScope(response.method(), response.uri().getRawPath())
                    + "; add it to the store's API account (Settings, API accounts) and replay");
        }
        if (status == 401) {
            return new PermanentFailure(null, what + ": the access token was refused; check the API account and its"
                    + " OAuth scopes");
        }
        if (status >= 400) {
            ErrorDetail detail = ErrorDetail.of(response);
            return new PermanentFailure(detail.field(), what + ": " + detail.message());
        }
        return new TransientFailure(what + ": unexpected answer");
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(settings.storeUri(pathAndQuery))
                .header("X-Auth-Token", settings.accessToken())
                .header("Accept", "application/json");
    }

    /** The scope a call needs, as BigCommerce's API-account documentation lists them; reads take the read-only one too. */
    static String requiredScope(String method, String path) {
        String under = path.replaceFirst("^/stores/[^/]+", "");
        String scope = under.startsWith("/v3/orders/") ? "store_v2_transactions (or store_v2_orders)"
                : under.startsWith("/v2/orders") || under.startsWith("/v2/order_statuses") ? "store_v2_orders"
                : under.startsWith("/v3/catalog") || under.startsWith("/v3/pricelists") ? "store_v2_products"
                : under.startsWith("/v3/inventory") ? "store_inventory"
                : under.startsWith("/v3/customers") || under.startsWith("/v2/customers")
                        || under.startsWith("/v2/customer_groups") ? "store_v2_customers"
                : under.startsWith("/v2/store") || under.startsWith("/v3/settings") ? "store_v2_information"
                : null;
        if (scope == null) {
            return "this endpoint needs";
        }
        return method.equals("GET") ? scope + " (read-only is enough)" : scope + " (modify)";
    }

    /** The field and message of a BigCommerce error body: V3 {title, errors{field: text}}, V2 [{message}]. */
    private record ErrorDetail(String field, String message) {

        static ErrorDetail of(ApiResponse response) {
            JsonNode body;
            try {
                body = response.json();
            } catch (IllegalStateException notJson) {
                return new ErrorDetail(null, "the store rejected the request");
            }
            if (body.isArray() && !body.isEmpty()) {
                body = body.get(0);
            }
            if (body.path("errors").path("errors").isObject()) {
                body = body.path("errors"); // a 207's errorMultiStatus beside the saved data
            }
            if (body.path("batch_errors").isArray() && !body.path("batch_errors").isEmpty()) {
                body = body.path("batch_errors").get(0); // the variants batch endpoint's form
            }
            String message = body.path("title").asText(body.path("message").asText("the store rejected the request"));
            JsonNode errors = body.path("errors");
            if (errors.isObject() && !errors.isEmpty()) {
                Iterator<Map.Entry<String, JsonNode>> fields = errors.fields();
                Map.Entry<String, JsonNode> first = fields.next();
                String text = first.getValue().isTextual() ? first.getValue().asText() : first.getValue().toString();
                return new ErrorDetail(first.getKey(), message + " (" + first.getKey() + ": " + text + ")");
            }
            return new ErrorDetail(null, message);
        }
    }
}
