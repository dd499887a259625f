package com.bcerp.acumatica;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.http.ApiClient;
import com.bcerp.http.ApiResponse;
import com.bcerp.http.JsonSupport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Calls on the contract-based endpoint with the session's bearer token. A 401 means the instance dropped the token
 * (expiry, an application restart): the session renews it once and the call is sent once more; a second 401 is
 * returned for the caller to report. Every other answer is returned as it is.
 */
final class AcumaticaApi {

    private static final ObjectWriter WRITER = JsonSupport.MAPPER.writer().with(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);

    private final AcumaticaSettings settings;
    private final ApiClient client;
    private final AcumaticaSession session;

    AcumaticaApi(AcumaticaSettings settings, ApiClient client, AcumaticaSession session) {
        this.settings = settings;
        this.client = client;
        this.session = session;
    }

    ApiResponse get(String path, Map<String, String> query) {
        return send("GET", path, query, null, true);
    }

    /** A PUT; {@code idempotent} false for one that creates, so a timeout is never blindly sent again. */
    ApiResponse put(String entity, Map<String, String> query, JsonNode body, boolean idempotent) {
        return send("PUT", entity, query, body, idempotent);
    }

    private ApiResponse send(String method, String path, Map<String, String> query, JsonNode body, boolean idempotent) {
        URI uri = URI.create(settings.endpointUrl() + "/" + path + (query.isEmpty() ? "" : "?" + OData.query(query)));
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(write(body));
        AtomicReference<String> used = new AtomicReference<>();
        ApiResponse response = client.send(attempt -> request(uri, method, publisher, used, session.accessToken()), idempotent);
        if (response.status() == 401) {
            // the instance refused before acting on the request, so sending it again is safe even for a create
            String renewed = session.renewAfterRejection(used.get());
            response = client.send(attempt -> request(uri, method, publisher, used,
                    attempt == 1 ? renewed : session.accessToken()), idempotent);
        }
        return response;
    }

    private static HttpRequest request(URI uri, String method, HttpRequest.BodyPublisher body, AtomicReference<String> used,
            String token) {
        used.set(token);
        return HttpRequest.newBuilder(uri).method(method, body)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .build();
    }

    private static String write(JsonNode body) {
        try {
            return WRITER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new PermanentFailure(null, "cannot write an Acumatica request body: " + e.getOriginalMessage());
        }
    }
}
