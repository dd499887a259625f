package com.bcerp.sandbox.bigcommerce;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store's webhooks, with BigCommerce's rules: a token sees only its own app's hooks; one hook per app, scope
 * and destination; at most ten per app and scope; one delivery-exception hook per app, at a destination none of
 * the app's other hooks uses.
 */
final class HookRegistry {

    static final int MAX_PER_SCOPE = 10;
    static final String DELIVERY_EXCEPTION = "store/hook/deliveryException";

    private final Clock clock;
    private final Map<Long, Hook> hooks = new LinkedHashMap<>();
    private long nextId = 1;

    HookRegistry(Clock clock) {
        this.clock = clock;
    }

    synchronized List<Hook> ofClient(String clientId) {
        return hooks.values().stream().filter(h -> h.clientId().equals(clientId)).toList();
    }

    synchronized Optional<Hook> get(String clientId, long id) {
        return Optional.ofNullable(hooks.get(id)).filter(h -> h.clientId().equals(clientId));
    }

    /** Active hooks of every app that want an event of this scope. */
    synchronized List<Hook> subscribers(String eventScope) {
        return hooks.values().stream().filter(h -> h.active() && h.wants(eventScope)).toList();
    }

    synchronized boolean isActive(long id) {
        Hook hook = hooks.get(id);
        return hook != null && hook.active();
    }

    synchronized Hook create(String clientId, JsonNode body) {
        String scope = requiredText(body, "scope");
        String destination = requiredText(body, "destination");
        validate(scope, destination);
        if (ofClient(clientId).stream().anyMatch(h -> h.scope().equals(scope) && h.destination().equals(destination))) {
            throw BcErrors.v3(422, "A webhook for this scope and destination already exists.",
                    Map.of("destination", "duplicate of an existing webhook for scope " + scope));
        }
        checkDeliveryExceptionRules(clientId, -1, scope, destination);
        if (ofClient(clientId).stream().filter(h -> h.scope().equals(scope)).count() >= MAX_PER_SCOPE) {
            throw BcErrors.v3(422, "Too many webhooks for this scope.",
                    Map.of("scope", "at most " + MAX_PER_SCOPE + " webhooks per scope"));
        }
        long now = clock.instant().getEpochSecond();
        boolean active = !body.has("is_active") || body.get("is_active").asBoolean(true);
        Hook hook = new Hook(nextId++, clientId, scope, destination, active, headers(body), now, now);
        hooks.put(hook.id(), hook);
        return hook;
    }

    synchronized Optional<Hook> update(String clientId, long id, JsonNode body) {
        Optional<Hook> found = get(clientId, id);
        if (found.isEmpty()) {
            return found;
        }
        if (!body.isObject() || body.isEmpty()) {
            throw BcErrors.v3(400, "The request body must set at least one field.");
        }
        Hook old = found.get();
        String scope = body.hasNonNull("scope") ? body.get("scope").asText() : old.scope();
        String destination = body.hasNonNull("destination") ? body.get("destination").asText() : old.destination();
        validate(scope, destination);
        if (ofClient(clientId).stream().anyMatch(h -> h.id() != id && h.scope().equals(scope)
                && h.destination().equals(destination))) {
            throw BcErrors.v3(422, "A webhook for this scope and destination already exists.",
                    Map.of("destination", "duplicate of an existing webhook for scope " + scope));
        }
        checkDeliveryExceptionRules(clientId, id, scope, destination);
        boolean active = body.has("is_active") ? body.get("is_active").asBoolean() : old.active();
        Map<String, String> headers = body.has("headers") ? headers(body) : old.headers();
        Hook hook = new Hook(id, clientId, scope, destination, active, headers, old.createdAt(),
                clock.instant().getEpochSecond());
        hooks.put(id, hook);
        return Optional.of(hook);
    }

    synchronized Optional<Hook> delete(String clientId, long id) {
        Optional<Hook> found = get(clientId, id);
        found.ifPresent(h -> hooks.remove(h.id()));
        return found;
    }

    /** The app's active delivery-exception hook, if it has one. */
    synchronized Optional<Hook> deliveryExceptionHook(String clientId) {
        return ofClient(clientId).stream().filter(h -> h.active() && h.scope().equals(DELIVERY_EXCEPTION)).findFirst();
    }

    /** One per app, and its destination is no other hook's (either way round). */
    private void checkDeliveryExceptionRules(String clientId, long id, String scope, String destination) {
        List<Hook> others = ofClient(clientId).stream().filter(h -> h.id() != id).toList();
        if (scope.equals(DELIVERY_EXCEPTION)) {
            if (others.stream().anyMatch(h -> h.scope().equals(DELIVERY_EXCEPTION))) {
                throw BcErrors.v3(422, "There can only be one deliveryException hook per store and client.",
                        Map.of("scope", "a deliveryException hook exists already"));
            }
            if (others.stream().anyMatch(h -> h.destination().equals(destination))) {
                throw BcErrors.v3(422, "The deliveryException hook's destination must differ from all other hooks'.",
                        Map.of("destination", "used by another hook"));
            }
        } else if (others.stream().anyMatch(h -> h.scope().equals(DELIVERY_EXCEPTION)
                && h.destination().equals(destination))) {
            throw BcErrors.v3(422, "The destination is the deliveryException hook's; it must differ from all other hooks'.",
                    Map.of("destination", "used by the deliveryException hook"));
        }
    }

    /** After the last retry failed; true when this call is what deactivated it. */
    synchronized boolean deactivate(long id) {
        Hook hook = hooks.get(id);
        if (hook == null || !hook.active()) {
            return false;
        }
        hooks.put(id, new Hook(id, hook.clientId(), hook.scope(), hook.destination(), false, hook.headers(),
                hook.createdAt(), clock.instant().getEpochSecond()));
        return true;
    }

    private static void validate(String scope, String destination) {
        if (!scope.matches("store/[A-Za-z0-9_/*{}]+")) {
            throw BcErrors.v3(422, "The scope is not valid.", Map.of("scope", "not a webhook scope: " + scope));
        }
        // BigCommerce requires https on port 443; the sandbox delivers to local http listeners too.
        URI uri;
        try {
            uri = URI.create(destination);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw BcErrors.v3(422, "The destination is not valid.",
                    Map.of("destination", "must be an absolute https URL"));
        }
    }

    private static String requiredText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw BcErrors.v3(422, "The field '" + field + "' is required.", Map.of(field, "required"));
        }
        return value.asText();
    }

    private static Map<String, String> headers(JsonNode body) {
        JsonNode node = body.get("headers");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw BcErrors.v3(422, "The field 'headers' must be an object of strings.", Map.of("headers", "not an object"));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw BcErrors.v3(422, "The field 'headers' must be an object of strings.",
                        Map.of("headers." + e.getKey(), "not a string"));
            }
            headers.put(e.getKey(), e.getValue().asText());
        });
        return Map.copyOf(headers);
    }
}
