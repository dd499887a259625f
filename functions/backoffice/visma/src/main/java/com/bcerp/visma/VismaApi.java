package com.bcerp.visma;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Calls on the Visma.net ERP Service API with a bearer token from Visma Connect ({@code client_credentials} with
 * {@code tenant_id}, erp-apis.md §3.4). The token is kept until shortly before its {@code expires_in} and requested
 * again then, or once after a 401 (revoked or expired early: a 401 is answered before anything changes). Reads,
 * PUTs and actions are retried by the ApiClient; creates are sent once (after a timeout the record may exist: the
 * caller looks it up by its derived number before creating again).
 */
final class VismaApi {

    private static final ObjectWriter WRITER = JsonSupport.MAPPER.writer().with(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
    /** Renew this long before the token's end, so a request never goes out with one about to lapse. */
    private static final Duration EARLY = Duration.ofSeconds(60);
    static final String SCOPES = "vismanet_erp_service_api:read vismanet_erp_service_api:create "
            + "vismanet_erp_service_api:update vismanet_erp_service_api:delete";
    /** Pages one list read follows before it is taken as a server loop. */
    private static final int MAX_PAGES = 100_000;

    private final VismaSettings settings;
    private final ApiClient client;
    private final SecretSource secrets;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    VismaApi(VismaSettings settings, ApiClient client, SecretSource secrets, Clock clock) {
        this.settings = settings;
        this.client = client;
        this.secrets = secrets;
        this.clock = clock;
    }

    VismaSettings settings() {
        return settings;
    }

    /** A GET; the answer as it is. */
    ApiResponse get(String pathAndQuery) {
        return send("GET", pathAndQuery, null, true);
    }

    /** A GET of one record; empty on 404 (Visma's message shape: no such record), the failure otherwise. */
    Optional<JsonNode> one(String path, String what) {
        ApiResponse response = get(path);
        if (response.status() == 404 && !json(response, what).has("statusCode")) {
            return Optional.empty();
        }
        if (!response.isSuccess()) {
            throw VismaFailures.of(response, what, null);
        }
        return Optional.of(json(response, what));
    }

    /**
     * Every element of a list, page by page ({@code pageNumber} from 1): a page shorter than asked is the last.
     * {@code query} is the filter part, without paging.
     */
    List<JsonNode> list(String path, String query, int pageSize, String what) {
        List<JsonNode> out = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            ArrayNode rows = page(path, query, page, pageSize, what);
            rows.forEach(out::add);
            if (rows.size() < pageSize) {
                return out;
            }
        }
        throw new TransientFailure("Visma's list " + path + " for " + what + " did not end");
    }

    /** One page of a list. */
    ArrayNode page(String path, String query, int pageNumber, int pageSize, String what) {
        String q = (query == null || query.isEmpty() ? "" : query + "&") + "pageNumber=" + pageNumber + "&pageSize=" + pageSize;
        ApiResponse response = get(path + "?" + q);
        if (!response.isSuccess()) {
            throw VismaFailures.of(response, what, null);
        }
        JsonNode json = json(response, what);
        if (!json.isArray()) {
            throw new TransientFailure("Visma answered " + response.describe() + " for " + what + " without an array");
        }
        return (ArrayNode) json;
    }

    /** A POST that creates a record: sent once. */
    ApiResponse create(String path, JsonNode body) {
        return send("POST", path, body, false);
    }

    /**
     * A PUT that adds something (a line {@code operation: Insert}): not retried, as a repeat would add it twice; the
     * caller reads the record again to learn whether a lost answer's change was made.
     */
    ApiResponse putOnce(String path, JsonNode body) {
        return send("PUT", path, body, false);
    }

    /** A PUT by key: the same body twice is the same change. */
    ApiResponse put(String path, JsonNode body) {
        return send("PUT", path, body, true);
    }

    /**
     * An action ({@code .../action/...}); retried by the ApiClient, as a repeat of one that was done is refused by
     * Visma's state rules (a cancelled order is not cancelled again), which the caller reads.
     */
    ApiResponse action(String path, JsonNode body) {
        return send("POST", path, body, true);
    }

    /** The number a create's {@code Location} ends with ({@code .../v1/salesorder/000123}). */
    static String created(ApiResponse response, String what) {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new TransientFailure(
                "Visma created " + what + " but answered without a Location"));
        String path = URI.create(location).getPath();
        return java.net.URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
    }

    private ApiResponse send(String method, String pathAndQuery, JsonNode body, boolean retried) {
        URI uri = URI.create(settings.url(pathAndQuery));
        String bearer = token(false);
        ApiResponse response = client.send(attempt -> request(method, uri, body, bearer), retried);
        if (response.status() == 401) {
            String renewed = token(true);
            response = client.send(attempt -> request(method, uri, body, renewed), retried);
        }
        return response;
    }

    private static HttpRequest request(String method, URI uri, JsonNode body, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(write(body)))
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json; charset=utf-8");
        }
        return b.build();
    }

    /** The current token, requested anew when it is due (or {@code renew}). */
    private synchronized String token(boolean renew) {
        Instant now = clock.instant();
        if (token != null && !renew && now.isBefore(renewAt)) {
            return token;
        }
        VismaCredentials credentials = VismaCredentials.from(settings.secretName(), secrets.get(settings.secretName()));
        String form = "grant_type=client_credentials&client_id=" + encode(credentials.clientId()) + "&client_secret="
                + encode(credentials.clientSecret()) + "&tenant_id=" + encode(settings.tenantId()) + "&scope=" + encode(SCOPES);
        ApiResponse response = client.send(attempt -> HttpRequest.newBuilder(settings.tokenUrl())
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json").build(), true);
        if (response.status() == 400 || response.status() == 401) {
            String error = json(response, "the access token").path("error").asText("");
            throw new PermanentFailure("credentials", "Visma Connect refused the connector's token request ("
                    + response.status() + (error.isEmpty() ? "" : " " + error) + "): check client_id and client_secret in '"
                    + settings.secretName() + "' and the tenant id");
        }
        if (!response.isSuccess()) {
            throw VismaFailures.of(response, "the access token", null);
        }
        JsonNode json = json(response, "the access token");
        String issued = json.path("access_token").asText("");
        if (issued.isBlank()) {
            throw new TransientFailure("Visma Connect answered without an access_token");
        }
        Duration keep = Duration.ofSeconds(json.path("expires_in").asLong(3600)).minus(EARLY);
        token = issued;
        renewAt = now.plus(keep.isNegative() ? Duration.ZERO : keep);
        return token;
    }

    static JsonNode json(ApiResponse response, String what) {
        try {
            return response.json();
        } catch (IllegalStateException e) {
            throw new TransientFailure("Visma answered " + response.describe() + " for " + what + " with a body that is not JSON");
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String write(JsonNode body) {
        try {
            return WRITER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new PermanentFailure(null, "cannot write a Visma request body: " + e.getOriginalMessage());
        }
    }
}
