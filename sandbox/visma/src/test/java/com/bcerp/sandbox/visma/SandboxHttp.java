package com.bcerp.sandbox.visma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
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

    record Response(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The last path segment of {@code Location}: the new record's key. */
        String createdKey() {
            String location = header("Location");
            if (status != 201 || location == null) {
                throw new AssertionError("not created: " + status + " " + body);
            }
            return location.substring(location.lastIndexOf('/') + 1);
        }
    }

    private final VismaSandbox sandbox;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String token;
    private Duration timeout = Duration.ofSeconds(20);

    SandboxHttp(VismaSandbox sandbox) {
        this.sandbox = sandbox;
    }

    SandboxHttp timeout(Duration t) {
        this.timeout = t;
        return this;
    }

    /** A client_credentials token for the licensed tenant, all scopes (cached). */
    String token() {
        if (token == null) {
            VismaSandbox.Settings s = sandbox.settings();
            Response r = tokenRequest(Map.of("grant_type", "client_credentials", "client_id", s.clientId(),
                    "client_secret", s.clientSecret(), "tenant_id", s.tenantId(), "scope",
                    "vismanet_erp_service_api:read vismanet_erp_service_api:create vismanet_erp_service_api:update"));
            if (r.status() != 200) {
                throw new AssertionError("token refused: " + r);
            }
            token = r.json().get("access_token").asText();
        }
        return token;
    }

    void useToken(String t) {
        token = t;
    }

    void forgetToken() {
        token = null;
    }

    Response tokenRequest(Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(sandbox.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(body)).build());
    }

    Response get(String path, String... query) {
        return send(authorised(path, query).GET().build());
    }

    Response post(String path, Object json) {
        return send(authorised(path).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json.toString())).build());
    }

    /** A POST without a body (actions whose operation declares none). */
    Response post(String path) {
        return send(authorised(path).POST(BodyPublishers.noBody()).build());
    }

    Response put(String path, Object json) {
        return send(authorised(path).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(json.toString())).build());
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
        return HttpRequest.newBuilder(uri(sandbox.baseUrl() + path, query))
                .header("Authorization", "Bearer " + token()).header("Accept", "application/json").timeout(timeout);
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
