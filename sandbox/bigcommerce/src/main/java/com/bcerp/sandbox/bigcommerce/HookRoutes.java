package com.bcerp.sandbox.bigcommerce;

import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Webhooks V3: {@code /v3/hooks} CRUD in {data, meta} envelopes, each app seeing only its own hooks, and
 * {@code GET /v3/hooks/admin} with the app's hooks and its blocklisted domains.
 */
final class HookRoutes {

    private final HookRegistry hooks;
    private final Map<String, ApiAccount> accountsByToken;
    private final String storeHash;
    private final DomainHealth domains;
    private final double timeScale;

    HookRoutes(HookRegistry hooks, Map<String, ApiAccount> accountsByToken, String storeHash, DomainHealth domains,
            double timeScale) {
        this.hooks = hooks;
        this.accountsByToken = accountsByToken;
        this.storeHash = storeHash;
        this.domains = domains;
        this.timeScale = timeScale;
    }

    void register(Endpoints endpoints) {
        endpoints.route("GET", "/v3/hooks", this::list)
                .route("POST", "/v3/hooks", r -> single(hooks.create(client(r), r.json())))
                .route("GET", "/v3/hooks/admin", this::admin)
                .route("GET", "/v3/hooks/{webhook_id}", r -> single(found(hooks.get(client(r), id(r)))))
                .route("PUT", "/v3/hooks/{webhook_id}", r -> single(found(hooks.update(client(r), id(r), r.json()))))
                .route("DELETE", "/v3/hooks/{webhook_id}", r -> single(found(hooks.delete(client(r), id(r)))));
    }

    private HttpResponse list(HttpRequest r) {
        Predicate<Hook> filter = h -> true;
        Optional<String> active = r.queryParam("is_active");
        if (active.isPresent()) {
            boolean wanted = Boolean.parseBoolean(active.get());
            filter = filter.and(h -> h.active() == wanted);
        }
        Optional<String> scope = r.queryParam("scope");
        if (scope.isPresent()) {
            filter = filter.and(h -> h.scope().equals(scope.get()));
        }
        Optional<String> destination = r.queryParam("destination");
        if (destination.isPresent()) {
            filter = filter.and(h -> h.destination().equals(destination.get()));
        }
        List<Hook> all = hooks.ofClient(client(r)).stream().filter(filter).toList();
        return HttpResponse.json(200, Paging.of(r, 50, 250).answer(all, this::json));
    }

    /** The spec's admin info: no notification emails here; {@code time_left} in BigCommerce's seconds. */
    private HttpResponse admin(HttpRequest r) {
        String client = client(r);
        Optional<String> active = r.queryParam("is_active");
        ObjectNode out = Json.MAPPER.createObjectNode();
        ObjectNode data = out.putObject("data");
        data.putArray("emails");
        var list = data.putArray("hooks_list");
        hooks.ofClient(client).stream()
                .filter(h -> active.isEmpty() || h.active() == Boolean.parseBoolean(active.get()))
                .forEach(h -> list.add(json(h).put("status", h.active() ? "active" : "inactive")));
        var blocked = data.putArray("blocked_domains");
        for (DomainHealth.Block b : domains.blocks(client)) {
            ObjectNode n = blocked.addObject();
            n.put("destination", b.destination());
            n.put("time_left", domains.secondsLeft(b, timeScale));
            var reasons = n.putArray("reasons");
            b.reasons().forEach((description, count) -> reasons.addObject().put("failure_description", description)
                    .put("count", count).put("timestamp", b.lastFailure().getEpochSecond()));
        }
        out.putObject("meta");
        return HttpResponse.json(200, out);
    }

    private HttpResponse single(Hook hook) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("data", json(hook));
        out.putObject("meta");
        return HttpResponse.json(200, out);
    }

    private ObjectNode json(Hook h) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", h.id());
        n.put("client_id", h.clientId());
        n.put("store_hash", storeHash);
        n.put("scope", h.scope());
        n.put("destination", h.destination());
        if (h.headers() == null) {
            n.putNull("headers");
        } else {
            ObjectNode headers = n.putObject("headers");
            h.headers().forEach(headers::put);
        }
        n.put("is_active", h.active());
        n.put("created_at", h.createdAt());
        n.put("updated_at", h.updatedAt());
        return n;
    }

    private String client(HttpRequest r) {
        return r.header("X-Auth-Token").map(accountsByToken::get).orElseThrow().clientId();
    }

    private static Hook found(Optional<Hook> hook) {
        return hook.orElseThrow(() -> BcErrors.v3(404, "Webhook not found"));
    }

    private static long id(HttpRequest r) {
        try {
            return Long.parseLong(r.pathParam("webhook_id"));
        } catch (NumberFormatException e) {
            throw BcErrors.v3(404, "Webhook not found");
        }
    }
}
