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
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Calls on the contract-based endpoint with the session's bearer token. A 401 means the instance dropped the token
 * (expiry, an application restart): the session renews it once and the call is sent once more; a second 401 is
 * returned for the caller to report. Every other answer is returned as it is.
 */
final class AcumaticaApi {

    /** How often, and how far apart, a long-running action's status is asked for before giving up (transient). */
    private static final int ACTION_POLLS = 30;
    private static final java.time.Duration ACTION_POLL_PAUSE = java.time.Duration.ofSeconds(1);

    private static final ObjectWriter WRITER = JsonSupport.MAPPER.writer().with(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);

    private final AcumaticaSettings settings;
    private final ApiClient client;
    private final AcumaticaSession session;
    /**
     * While an action runs as a long-running operation, "other requests in this session will fail until [it]
     * completes" (Acumatica's REST guide): this process's other threads wait for it instead (reads share, actions
     * exclude). Other processes have sessions of their own.
     */
    private final ReentrantReadWriteLock running = new ReentrantReadWriteLock(true);

    AcumaticaApi(AcumaticaSettings settings, ApiClient client, AcumaticaSession session) {
        this.settings = settings;
        this.client = client;
        this.session = session;
    }

    ApiResponse get(String path, Map<String, String> query) {
        return send("GET", path, query, null, true, Map.of());
    }

    /** A PUT; {@code idempotent} false for one that creates, so a timeout is never blindly sent again. */
    ApiResponse put(String entity, Map<String, String> query, JsonNode body, boolean idempotent) {
        return send("PUT", entity, query, body, idempotent, Map.of());
    }

    /**
     * A PUT that only changes the record its keys name ({@code If-Match: *}: 412 when there is none), so a key that
     * went missing never makes a new record. Sending it twice changes nothing more.
     */
    ApiResponse update(String entity, Map<String, String> query, JsonNode body) {
        return send("PUT", entity, query, body, true, Map.of("If-Match", "*"));
    }

    /**
     * Invokes an action ({@code POST /SalesOrder/CancelSalesOrder}) on the record the body's {@code entity} names.
     * Acumatica answers 204 when done, or 202 with a {@code Location} to poll while it runs; the polling is done here,
     * so the caller gets the final answer.
     */
    ApiResponse action(String entityAction, JsonNode body) {
        running.writeLock().lock();
        try {
            ApiResponse response = send("POST", entityAction, Map.of(), body, false, Map.of());
            String location = response.headers().firstValue("Location").orElse(null);
            for (int poll = 0; response.status() == 202 && location != null && poll < ACTION_POLLS; poll++) {
                pause(ACTION_POLL_PAUSE);
                response = send("GET", relative(location), Map.of(), null, true, Map.of());
            }
            return response;
        } finally {
            running.writeLock().unlock();
        }
    }

    /** The path of a Location under the endpoint ({@code Location} may be absolute or start at the instance root). */
    private String relative(String location) {
        String endpoint = URI.create(settings.endpointUrl()).getPath();
        String path = URI.create(location).getPath();
        return path.startsWith(endpoint + "/") ? path.substring(endpoint.length() + 1) : path;
    }

    private static void pause(java.time.Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new com.bcerp.core.failure.TransientFailure("interrupted while an Acumatica action ran", e);
        }
    }

    private ApiResponse send(String method, String path, Map<String, String> query, JsonNode body, boolean idempotent,
            Map<String, String> headers) {
        running.readLock().lock();
        try {
            return sendInSession(method, path, query, body, idempotent, headers);
        } finally {
            running.readLock().unlock();
        }
    }

    private ApiResponse sendInSession(String method, String path, Map<String, String> query, JsonNode body,
            boolean idempotent, Map<String, String> headers) {
        URI uri = URI.create(settings.endpointUrl() + "/" + path + (query.isEmpty() ? "" : "?" + OData.query(query)));
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(write(body));
        AtomicReference<String> used = new AtomicReference<>();
        ApiResponse response = client.send(attempt -> request(uri, method, publisher, headers, used,
                session.accessToken()), idempotent);
        if (response.status() == 401) {
            // the instance refused before acting on the request, so sending it again is safe even for a create
            String renewed = session.renewAfterRejection(used.get());
            response = client.send(attempt -> request(uri, method, publisher, headers, used,
                    attempt == 1 ? renewed : session.accessToken()), idempotent);
        }
        return response;
    }

    private static HttpRequest request(URI uri, String method, HttpRequest.BodyPublisher body,
            Map<String, String> headers, AtomicReference<String> used, String token) {
        used.set(token);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return request.build();
    }

    private static String write(JsonNode body) {
        try {
            return WRITER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new PermanentFailure(null, "cannot write an Acumatica request body: " + e.getOriginalMessage());
        }
    }
}
