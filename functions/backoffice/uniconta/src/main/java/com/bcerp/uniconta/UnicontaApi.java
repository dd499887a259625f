package com.bcerp.uniconta;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.port.SecretSource;
import com.bcerp.http.ApiClient;
import com.bcerp.http.ApiResponse;
import com.bcerp.http.JsonSupport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Calls on the Entities API ({@code /api/Entities/{Read|Insert|InsertList|Update|Delete}/<Class>}) and the OData read
 * API ({@code /odata/<CompanyId>/<Class>}) with HTTP Basic. Reads, updates and deletes are retried by the ApiClient;
 * inserts are sent once (after a timeout the row may exist: the caller looks it up before inserting again). Every
 * answer is returned as it is, except that a read's failure is turned into core's failure here.
 */
final class UnicontaApi {

    private static final ObjectWriter WRITER = JsonSupport.MAPPER.writer().with(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
    /** How many OData continuation pages one read follows before it is taken as a server loop. */
    private static final int MAX_NEXT_LINKS = 10_000;

    private final UnicontaSettings settings;
    private final ApiClient client;
    private final SecretSource secrets;
    private volatile String authorization;

    UnicontaApi(UnicontaSettings settings, ApiClient client, SecretSource secrets) {
        this.settings = settings;
        this.client = client;
        this.secrets = secrets;
    }

    /** {@code Read/<Class>?Name=<field>&Value=<value>} (or every row when {@code field} is null): a bare array. */
    ArrayNode read(String entity, String field, String value, String what) {
        String query = field == null ? "" : "?Name=" + encode(field) + "&Value=" + encode(value);
        ApiResponse response = send("GET", URI.create(settings.entitiesUrl() + "/Read/" + entity + query), null, true);
        if (!response.isSuccess()) {
            throw UnicontaFailures.of(response, what, null);
        }
        JsonNode json = json(response, what);
        if (!json.isArray()) {
            throw new TransientFailure("Uniconta answered " + response.describe() + " for " + what + " without an array");
        }
        return (ArrayNode) json;
    }

    /**
     * An OData read, {@code {"value":[...]}}, following {@code @odata.nextLink} where the server pages. {@code query}
     * holds {@code $filter}, {@code $orderby}, {@code $top}.
     */
    ArrayNode odata(String entity, Map<String, String> query, String what) {
        ArrayNode rows = JsonSupport.MAPPER.createArrayNode();
        URI uri = URI.create(settings.odataUrl() + "/" + entity + (query.isEmpty() ? "" : "?" + query(query)));
        for (int page = 0; uri != null; page++) {
            if (page > MAX_NEXT_LINKS) {
                throw new TransientFailure("Uniconta's OData answer for " + what + " did not end");
            }
            ApiResponse response = send("GET", uri, null, true);
            if (!response.isSuccess()) {
                throw UnicontaFailures.of(response, what, null);
            }
            JsonNode json = json(response, what);
            if (!json.path("value").isArray()) {
                throw new TransientFailure("Uniconta answered " + response.describe() + " for " + what + " without a value array");
            }
            rows.addAll((ArrayNode) json.get("value"));
            String next = json.path("@odata.nextLink").asText(null);
            uri = next == null || next.isBlank() ? null : URI.create(next);
        }
        return rows;
    }

    /** {@code Insert/<Class>}; sent once. */
    ApiResponse insert(String entity, JsonNode row) {
        return send("POST", URI.create(settings.entitiesUrl() + "/Insert/" + entity), row, false);
    }

    /** {@code InsertList/<Class>} with an array; sent once. */
    ApiResponse insertList(String entity, ArrayNode rows) {
        return send("POST", URI.create(settings.entitiesUrl() + "/InsertList/" + entity), rows, false);
    }

    /** {@code Update/<Class>} with the whole row as read, changed: the same row twice is the same change. */
    ApiResponse update(String entity, JsonNode row) {
        return send("PUT", URI.create(settings.entitiesUrl() + "/Update/" + entity), row, true);
    }

    /** {@code Delete/<Class>} with the row as read; a repeat finds nothing (CouldNotFind), which callers accept. */
    ApiResponse delete(String entity, JsonNode row) {
        return send("DELETE", URI.create(settings.entitiesUrl() + "/Delete/" + entity), row, true);
    }

    private ApiResponse send(String method, URI uri, JsonNode body, boolean idempotent) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(write(body));
        String auth = authorization();
        ApiResponse response = client.send(attempt -> HttpRequest.newBuilder(uri).method(method, publisher)
                .header("Authorization", auth)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .build(), idempotent);
        if (response.status() == 401) {
            // the password may have been rotated in the secret: read it once more (a 401 is before any change)
            authorization = null;
            String renewed = authorization();
            if (!renewed.equals(auth)) {
                response = client.send(attempt -> HttpRequest.newBuilder(uri).method(method, publisher)
                        .header("Authorization", renewed).header("Accept", "application/json")
                        .header("Content-Type", "application/json").build(), idempotent);
            }
        }
        return response;
    }

    private String authorization() {
        String current = authorization;
        if (current == null) {
            current = UnicontaCredentials.from(settings.secretName(), secrets.get(settings.secretName()))
                    .authorization(settings.companyId());
            authorization = current;
        }
        return current;
    }

    static JsonNode json(ApiResponse response, String what) {
        try {
            return response.json();
        } catch (IllegalStateException e) {
            throw new TransientFailure("Uniconta answered " + response.describe() + " for " + what + " with a body that is not JSON");
        }
    }

    private static String query(Map<String, String> query) {
        return query.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** An OData text literal: {@code 'O''Hara'}. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static Map<String, String> filter(String filter) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$filter", filter);
        return query;
    }

    private static String write(JsonNode body) {
        try {
            return WRITER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new PermanentFailure(null, "cannot write a Uniconta request body: " + e.getOriginalMessage());
        }
    }
}
