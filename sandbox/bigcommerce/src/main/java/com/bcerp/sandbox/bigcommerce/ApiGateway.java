package com.bcerp.sandbox.bigcommerce;

import com.bcerp.sandbox.http.HttpError;
import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Router;
import com.bcerp.sandbox.quota.RequestWindow;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What BigCommerce's API gateway does before a request reaches the store: the store must exist (404), the
 * {@code X-Auth-Token} must belong to one of its API accounts (401), and the store's shared quota must have a
 * request left (429). Every answer past authentication carries the {@code X-Rate-Limit-*} headers.
 */
final class ApiGateway implements Router.Filter {

    private static final Pattern STORE_PATH = Pattern.compile("^/stores/([^/]+)(/.*)?$");

    private final String storeHash;
    private final Map<String, ApiAccount> accountsByToken;
    private final OAuthScopes scopes;
    private final RequestWindow quota;
    private final Faults faults;
    private final com.bcerp.sandbox.calls.CallLog calls;
    private final Endpoints endpoints;

    ApiGateway(String storeHash, Map<String, ApiAccount> accountsByToken, OAuthScopes scopes, RequestWindow quota,
            Faults faults, com.bcerp.sandbox.calls.CallLog calls, Endpoints endpoints) {
        this.storeHash = storeHash;
        this.scopes = scopes;
        this.accountsByToken = accountsByToken;
        this.quota = quota;
        this.faults = faults;
        this.calls = calls;
        this.endpoints = endpoints;
    }

    @Override
    public HttpResponse apply(HttpRequest request, Function<HttpRequest, HttpResponse> next) {
        Matcher m = STORE_PATH.matcher(request.path());
        if (!m.matches() || !m.group(1).equals(storeHash)) {
            throw BcErrors.v3(404, "Store not found");
        }
        Optional<ApiAccount> account = request.header("X-Auth-Token").map(accountsByToken::get);
        if (account.isEmpty()) {
            throw BcErrors.v3(401, "Unauthorized: the X-Auth-Token header is missing or not valid for this store");
        }
        calls.arrived(account.get().name(), endpoints.label(request.method(), request.path()));
        Optional<String> lacking = scopes.missing(account.get().name(), request.method(), m.group(2) == null ? "" : m.group(2));
        if (lacking.isPresent()) {
            // BigCommerce's text for a token without the endpoint's scope; the body does not name the scope
            throw BcErrors.v3(403, "You don't have a required scope to access the endpoint");
        }
        if (faults.rateLimitStorm()) {
            return tooManyRequests(quota.peek().refused());
        }
        RequestWindow.Reading reading = quota.acquire();
        if (!reading.granted()) {
            return tooManyRequests(reading);
        }
        if (faults.drawServerError()) {
            return withQuota(HttpResponse.json(500, BcErrors.v3Body(500, "Internal Server Error (sandbox fault)", null)),
                    reading);
        }
        HttpResponse response;
        try {
            response = next.apply(request);
        } catch (HttpError e) {
            response = HttpResponse.json(e.status(), e.body());
        }
        return withQuota(response, reading);
    }

    private static HttpResponse tooManyRequests(RequestWindow.Reading reading) {
        HttpResponse response = HttpResponse.json(429, BcErrors.v3Body(429, "Too many requests", null));
        return withQuota(response, reading).withHeader("X-Retry-After", Long.toString(reading.retryAfterSeconds()));
    }

    private static HttpResponse withQuota(HttpResponse response, RequestWindow.Reading reading) {
        return response.withHeader("X-Rate-Limit-Time-Window-Ms", Long.toString(reading.windowMs()))
                .withHeader("X-Rate-Limit-Time-Reset-Ms", Long.toString(reading.resetMs()))
                .withHeader("X-Rate-Limit-Requests-Quota", Integer.toString(reading.quota()))
                .withHeader("X-Rate-Limit-Requests-Left", Integer.toString(reading.remaining()));
    }
}
