package com.bcerp.acumatica;

import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;

/** Reads from the sandbox the way a person checking the connector's work would, with a token of its own. */
final class SandboxReader {

    private final AcumaticaSandbox sandbox;
    private final HttpClient http = HttpClient.newHttpClient();

    SandboxReader(AcumaticaSandbox sandbox) {
        this.sandbox = sandbox;
    }

    String get(String pathAndQuery) {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(sandbox.endpointUrl() + "/" + pathAndQuery))
                    .header("Authorization", "Bearer " + token()).header("Accept", "application/json").GET().build(),
                    BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + pathAndQuery + " -> " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String token() throws java.io.IOException, InterruptedException {
        AcumaticaSandbox.Settings s = sandbox.settings();
        String form = "grant_type=password&scope=api&username=" + enc(s.username()) + "&password=" + enc(s.password())
                + "&client_id=" + enc(s.clientId()) + "&client_secret=" + enc(s.clientSecret());
        String body = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/identity/connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), BodyHandlers.ofString()).body();
        return com.bcerp.http.JsonSupport.MAPPER.readTree(body).get("access_token").asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
