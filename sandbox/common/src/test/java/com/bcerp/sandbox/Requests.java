package com.bcerp.sandbox;

import com.bcerp.sandbox.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Requests built by hand for the pieces' tests (header names lower-case, as the router gives them). */
public final class Requests {

    private Requests() {}

    public static HttpRequest get(String path, Map<String, String> query) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        query.forEach((k, v) -> q.put(k, List.of(v)));
        return new HttpRequest("GET", path, Map.of(), q, Map.of(), new byte[0]);
    }

    public static HttpRequest form(String path, String body, Map<String, String> headers) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("content-type", "application/x-www-form-urlencoded");
        return new HttpRequest("POST", path, Map.of(), Map.of(), h, body.getBytes(StandardCharsets.UTF_8));
    }
}
