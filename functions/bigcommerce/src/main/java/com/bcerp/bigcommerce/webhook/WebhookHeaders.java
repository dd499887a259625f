package com.bcerp.bigcommerce.webhook;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A delivery's HTTP headers, looked up without regard to case (API Gateway lower-cases them; others may not). */
final class WebhookHeaders {

    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    WebhookHeaders(Map<String, String> raw) {
        if (raw != null) {
            raw.forEach((k, v) -> {
                if (k != null && v != null) {
                    headers.put(k, v);
                }
            });
        }
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(headers.get(name));
    }
}
