package com.bcerp.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a sandbox route answers. */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

    public static HttpResponse json(int status, Object body) {
        return new HttpResponse(status, new LinkedHashMap<>(Map.of("Content-Type", "application/json")),
                Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    public static HttpResponse empty(int status) {
        return new HttpResponse(status, new LinkedHashMap<>(), new byte[0]);
    }

    public HttpResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new HttpResponse(status, h, body);
    }
}
