package com.bcerp.bigcommerce.webhook;

import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.http.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the connector's webhooks exist: one per scope at the destination, active, carrying the headers the
 * receiver checks. Creates missing ones, re-activates deactivated ones (BigCommerce deactivates a hook after its
 * retries run out) and repairs wrong headers. Safe to run at every start.
 */
public final class WebhookRegistrar {

    private static final Logger log = LoggerFactory.getLogger(WebhookRegistrar.class);

    /** BigCommerce's report of deliveries it could not make (error codes 90001, 90002, 90003). */
    public static final String DELIVERY_EXCEPTION_SCOPE = "store/hook/deliveryException";

    /** What {@link #ensure} did, per scope. */
    public record Report(List<String> created, List<String> reactivated, List<String> repaired, List<String> unchanged) {

        public boolean changedAnything() {
            return !(created.isEmpty() && reactivated.isEmpty() && repaired.isEmpty());
        }
    }

    /**
     * A domain BigCommerce has blocklisted for the calling app (too many failed deliveries): nothing is sent to it for
     * {@code secondsLeft}, and what comes due meanwhile goes to BigCommerce's retries.
     *
     * @param reasons the failures that tipped it, e.g. {@code "status 401" x 12}
     */
    public record BlockedDomain(String destination, long secondsLeft, Map<String, Long> reasons) {

        @Override
        public String toString() {
            List<String> why = new ArrayList<>();
            reasons.forEach((reason, count) -> why.add(reason + " x" + count));
            return destination + " for " + secondsLeft + " s more" + (why.isEmpty() ? "" : " (" + String.join(", ", why) + ")");
        }
    }

    private final BigCommerceClient client;

    public WebhookRegistrar(BigCommerceClient client) {
        this.client = client;
    }

    /**
     * @param headers sent with every delivery, e.g. {@code X-Connector-Secret}; values are never logged
     */
    public Report ensure(List<String> scopes, String destination, Map<String, String> headers) {
        Map<String, Webhook> existing = new HashMap<>();
        for (Webhook hook : list(destination)) {
            existing.putIfAbsent(hook.scope(), hook);
        }
        List<String> created = new ArrayList<>();
        List<String> reactivated = new ArrayList<>();
        List<String> repaired = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (String scope : new LinkedHashSet<>(scopes)) {
            Webhook hook = existing.get(scope);
            if (hook == null) {
                create(scope, destination, headers);
                created.add(scope);
                continue;
            }
            boolean headersOk = hook.headers().entrySet().containsAll(headers.entrySet());
            if (hook.active() && headersOk) {
                unchanged.add(scope);
                continue;
            }
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("is_active", true);
            if (!headersOk) {
                Map<String, String> merged = new LinkedHashMap<>(hook.headers());
                merged.putAll(headers);
                change.put("headers", merged);
            }
            BigCommerceClient.expect(client.put("/v3/hooks/" + hook.id(), change), "update webhook " + hook.id(),
                    Set.of(200));
            (hook.active() ? repaired : reactivated).add(scope);
            log.info("webhook {} for {} {}", hook.id(), scope, hook.active() ? "headers repaired" : "re-activated");
        }
        return new Report(created, reactivated, repaired, unchanged);
    }

    /**
     * Makes sure the app's one delivery-exception hook ({@value #DELIVERY_EXCEPTION_SCOPE}) exists, is active and
     * goes to {@code destination}, which BigCommerce requires to differ from every other hook's. The store allows one
     * per app, so one found at another destination is moved rather than a second created.
     *
     * @return what was done: "created", "re-activated", "moved", "repaired" or "unchanged"
     */
    public String ensureDeliveryExceptionHook(String destination, Map<String, String> headers) {
        List<Webhook> found = list("scope", DELIVERY_EXCEPTION_SCOPE);
        if (found.isEmpty()) {
            create(DELIVERY_EXCEPTION_SCOPE, destination, headers);
            return "created";
        }
        Webhook hook = found.get(0);
        boolean headersOk = hook.headers().entrySet().containsAll(headers.entrySet());
        boolean here = hook.destination().equals(destination);
        if (hook.active() && headersOk && here) {
            return "unchanged";
        }
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("is_active", true);
        change.put("destination", destination);
        Map<String, String> merged = new LinkedHashMap<>(hook.headers());
        merged.putAll(headers);
        change.put("headers", merged);
        BigCommerceClient.expect(client.put("/v3/hooks/" + hook.id(), change), "update webhook " + hook.id(),
                Set.of(200));
        String done = !hook.active() ? "re-activated" : !here ? "moved" : "repaired";
        log.info("webhook {} for {} {}", hook.id(), DELIVERY_EXCEPTION_SCOPE, done);
        return done;
    }

    /** The calling app's blocklisted domains ({@code GET /v3/hooks/admin}'s {@code blocked_domains}). */
    public List<BlockedDomain> blockedDomains() {
        JsonNode data = BigCommerceClient.expect(client.get("/v3/hooks/admin"), "read webhook admin info", Set.of(200))
                .json().path("data");
        List<BlockedDomain> blocked = new ArrayList<>();
        for (JsonNode d : data.path("blocked_domains")) {
            Map<String, Long> reasons = new LinkedHashMap<>();
            for (JsonNode r : d.path("reasons")) {
                reasons.merge(r.path("failure_description").asText("unknown"), r.path("count").asLong(1), Long::sum);
            }
            blocked.add(new BlockedDomain(d.path("destination").asText(), d.path("time_left").asLong(), reasons));
        }
        return blocked;
    }

    /** The calling app's hooks at this destination (every page). */
    public List<Webhook> list(String destination) {
        return list("destination", destination);
    }

    /** The calling app's hooks whose {@code filter} (destination, scope) is {@code value}, every page. */
    private List<Webhook> list(String filter, String value) {
        List<Webhook> hooks = new ArrayList<>();
        for (int page = 1; ; page++) {
            ApiResponse response = BigCommerceClient.expect(client.get("/v3/hooks?" + filter + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8) + "&page=" + page + "&limit=250"),
                    "list webhooks", Set.of(200));
            JsonNode body = response.json();
            for (JsonNode h : body.path("data")) {
                hooks.add(webhook(h));
            }
            JsonNode pagination = body.path("meta").path("pagination");
            if (pagination.path("current_page").asInt(1) >= pagination.path("total_pages").asInt(1)) {
                return hooks;
            }
        }
    }

    private void create(String scope, String destination, Map<String, String> headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", scope);
        body.put("destination", destination);
        body.put("is_active", true);
        body.put("headers", headers);
        ApiResponse response = BigCommerceClient.expect(client.post("/v3/hooks", body), "create webhook " + scope,
                Set.of(200, 201));
        log.info("webhook {} for {} created", response.json().path("data").path("id").asText("?"), scope);
    }

    private static Webhook webhook(JsonNode h) {
        Map<String, String> headers = new LinkedHashMap<>();
        h.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        return new Webhook(h.path("id").asLong(), h.path("scope").asText(), h.path("destination").asText(),
                h.path("is_active").asBoolean(), headers);
    }
}
