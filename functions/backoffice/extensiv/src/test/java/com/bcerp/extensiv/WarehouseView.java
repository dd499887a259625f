package com.bcerp.extensiv;

import com.bcerp.sandbox.extensiv.ExtensivSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The warehouse as an outside client sees it through the sandbox's own API (not through the adapter under test). */
final class WarehouseView {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RELS = "http://api.3plCentral.com/rels/";

    private final ExtensivSandbox sandbox;
    private final HttpClient http = HttpClient.newHttpClient();

    WarehouseView(ExtensivSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** Every order with this referenceNum, with its lines and packages. */
    List<JsonNode> orders(String referenceNum) {
        JsonNode page = get("/orders?detail=All&rql=" + URLEncoder.encode("referenceNum==" + referenceNum,
                StandardCharsets.UTF_8));
        List<JsonNode> out = new ArrayList<>();
        page.path("_embedded").path(RELS + "orders/order").forEach(out::add);
        return out;
    }

    JsonNode order(String referenceNum) {
        List<JsonNode> found = orders(referenceNum);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " warehouse orders " + referenceNum);
        }
        return found.get(0);
    }

    static List<JsonNode> lines(JsonNode order) {
        List<JsonNode> out = new ArrayList<>();
        order.path("_embedded").path(RELS + "orders/item").forEach(out::add);
        return out;
    }

    /** The order's ETag as {@code GET /orders/{id}} answers it. */
    String etag(String orderId) {
        return send("/orders/" + orderId).headers().firstValue("ETag").orElseThrow();
    }

    JsonNode get(String pathAndQuery) {
        try {
            return JSON.readTree(send(pathAndQuery).body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> send(String pathAndQuery) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathAndQuery))
                    .header("Authorization", "Bearer " + token()).header("Accept", "application/hal+json").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + pathAndQuery + " -> " + r.statusCode() + " " + r.body());
            }
            return r;
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private String token() throws java.io.IOException, InterruptedException {
        ExtensivSandbox.Settings s = sandbox.settings();
        String basic = Base64.getEncoder().encodeToString((s.clientId() + ":" + s.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/AuthServer/api/Token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\",\"user_login\":\""
                        + s.userLogin() + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).path("access_token").asText();
    }
}
