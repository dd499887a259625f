package com.bcerp.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.OptionalLong;

/** A response from an external API, with enough of the request to name it in errors (never its credentials). */
public record ApiResponse(String method, URI uri, int status, HttpHeaders headers, String body) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public JsonNode json() {
        try {
            return body == null || body.isEmpty() ? JsonSupport.MAPPER.missingNode() : JsonSupport.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(describe() + " answered with a body that is not JSON", e);
        }
    }

    public OptionalLong headerLong(String name) {
        return headers.firstValue(name).map(String::trim).filter(v -> v.matches("\\d+"))
                .map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
    }

    /** e.g. {@code GET /stores/abc/v2/orders/7 -> 404}; the query is left out, it may carry personal data. */
    public String describe() {
        return method + " " + uri.getRawPath() + " -> " + status;
    }
}
