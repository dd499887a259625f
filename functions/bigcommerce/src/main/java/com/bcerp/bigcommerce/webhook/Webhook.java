package com.bcerp.bigcommerce.webhook;

import java.util.Map;

/** A webhook as BigCommerce stores it. The headers may hold secrets, so they are never printed. */
public record Webhook(long id, String scope, String destination, boolean active, Map<String, String> headers) {

    public Webhook {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "Webhook[" + id + " " + scope + " -> " + destination + (active ? "" : ", inactive") + "]";
    }
}
