package com.bcerp.sandbox.uniconta;

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

/** A plain HTTP client for the sandbox's tests: what any program outside the project would send. */
final class SandboxHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    private final UnicontaSandbox sandbox;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String login;
    private String password;

    SandboxHttp(UnicontaSandbox sandbox) {
        this.sandbox = sandbox;
        this.login = sandbox.settings().loginName();
        this.password = sandbox.settings().password();
    }

    /** Signs in as someone else from now on (a user name of any form). */
    SandboxHttp as(String loginName, String pass) {
        this.login = loginName;
        this.password = pass;
        return this;
    }

    /** GET /api/Entities/Read/<Class>, optionally {@code Name}, {@code Value}. */
    Response read(String entity, String... nameValue) {
        String q = nameValue.length == 2 ? "?Name=" + enc(nameValue[0]) + "&Value=" + enc(nameValue[1]) : "";
        return send(request("Read/" + entity + q).GET());
    }

    Response insert(String entity, Object body) {
        return send(request("Insert/" + entity).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(text(body))));
    }

    Response insertList(String entity, Object body) {
        return send(request("InsertList/" + entity).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(text(body))));
    }

    Response update(String entity, Object body) {
        return send(request("Update/" + entity).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(text(body))));
    }

    Response delete(String entity, Object body) {
        return send(request("Delete/" + entity).header("Content-Type", "application/json")
                .method("DELETE", BodyPublishers.ofString(text(body))));
    }

    /** A request below /api/Entities/ with this client's Basic credentials. */
    HttpRequest.Builder request(String pathAndQuery) {
        String basic = Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/Entities/" + pathAndQuery))
                .header("Authorization", "Basic " + basic).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(20));
    }

    Response send(HttpRequest.Builder request) {
        return send(request.build());
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

    static String text(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
