package com.bcerp.sandbox.acumatica;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A plain HTTP client for the sandbox's tests: what any program outside the project would send. */
final class SandboxHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, String body, java.net.http.HttpHeaders headers) {
        java.util.Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private final AcumaticaSandbox sandbox;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String token;

    SandboxHttp(AcumaticaSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** A token from the password grant (cached). */
    String token() {
        if (token == null) {
            AcumaticaSandbox.Settings s = sandbox.settings();
            Response r = tokenRequest(Map.of("grant_type", "password", "username", s.username(), "password", s.password(),
                    "client_id", s.clientId(), "client_secret", s.clientSecret(), "scope", "api offline_access"));
            if (r.status() != 200) {
                throw new AssertionError("login failed: " + r);
            }
            token = r.json().get("access_token").asText();
        }
        return token;
    }

    void forgetToken() {
        token = null;
    }

    Response tokenRequest(Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/identity/connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(body)).build());
    }

    /** PUT to an entity of the endpoint, e.g. {@code put("SalesOrder", json, "$expand", "Details")}. */
    Response put(String entity, String json, String... query) {
        return send(authorised(entity, query).header("Content-Type", "application/json").PUT(BodyPublishers.ofString(json)).build());
    }

    Response put(String entity, JsonNode json, String... query) {
        return put(entity, json.toString(), query);
    }

    /** GET below the endpoint, e.g. {@code get("SalesOrder/SO/SO000001", "$expand", "Details")}. */
    Response get(String path, String... query) {
        return send(authorised(path, query).GET().build());
    }

    Response send(HttpRequest request) {
        try {
            var r = http.send(request, BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder authorised(String path, String... query) {
        return HttpRequest.newBuilder(uri(sandbox.endpointUrl() + "/" + path, query))
                .header("Authorization", "Bearer " + token()).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(20));
    }

    static URI uri(String url, String... query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i + 1 < query.length; i += 2) {
            params.put(query[i], query[i + 1]);
        }
        String q = params.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(q.isEmpty() ? url : url + "?" + q);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
