package com.bcerp.sandbox.extensiv;

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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A plain HTTP client for the sandbox's tests: what any program outside the project would send. */
final class SandboxHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
        }

        String etag() {
            return header("ETag").orElseThrow(() -> new AssertionError("no ETag in " + this));
        }
    }

    private final ExtensivSandbox sandbox;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String token;

    SandboxHttp(ExtensivSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** A token for the sandbox's user (cached). */
    String token() {
        if (token == null) {
            Response r = tokenRequest(basic(sandbox.settings().clientId(), sandbox.settings().clientSecret()),
                    "{\"grant_type\":\"client_credentials\",\"user_login\":\"" + sandbox.settings().userLogin() + "\"}");
            if (r.status() != 200) {
                throw new AssertionError("token request failed: " + r);
            }
            token = r.json().get("access_token").asText();
        }
        return token;
    }

    void forgetToken() {
        token = null;
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    Response tokenRequest(String authorization, String json) {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/AuthServer/api/Token"))
                .header("Authorization", authorization).header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json").POST(BodyPublishers.ofString(json)).build());
    }

    Response get(String path, String... query) {
        return send(authorised(path, query).GET().build());
    }

    Response post(String path, String json, String... headers) {
        HttpRequest.Builder b = authorised(path).header("Content-Type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.POST(BodyPublishers.ofString(json)).build());
    }

    Response post(String path, JsonNode json, String... headers) {
        return post(path, json.toString(), headers);
    }

    Response put(String path, JsonNode json, String... headers) {
        HttpRequest.Builder b = authorised(path).header("Content-Type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.PUT(BodyPublishers.ofString(json.toString())).build());
    }

    Response send(HttpRequest request) {
        try {
            var r = http.send(request, BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
            return new Response(r.statusCode(), headers, r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder authorised(String path, String... query) {
        return HttpRequest.newBuilder(uri(sandbox.baseUrl() + path, query))
                .header("Authorization", "Bearer " + token()).header("Accept", "application/hal+json")
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
