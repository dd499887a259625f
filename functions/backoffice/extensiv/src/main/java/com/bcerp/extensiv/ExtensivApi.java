package com.bcerp.extensiv;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.port.SecretSource;
import com.bcerp.http.ApiClient;
import com.bcerp.http.ApiResponse;
import com.bcerp.http.JsonSupport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Calls on the 3PL Warehouse Manager REST API with a bearer token from {@code POST /AuthServer/api/Token}
 * (erp-apis.md 4.1, 10.3.1). There is no refresh token: the token is requested again before it expires (Extensiv:
 * "refresh your access token programmatically no less than every 30 minutes, as well as ... when it is no longer
 * valid"), and once more when a call answers 401. Reads, updates and cancels are retried by the ApiClient; a create is
 * sent once (after a timeout the order may exist: the caller looks it up by its reference before creating again).
 */
final class ExtensivApi {

    static final String TOKEN_PATH = "/AuthServer/api/Token";
    private static final String HAL = "application/hal+json";
    /** Renewed this long before it runs out, and never kept longer than Extensiv's 30 minutes. */
    private static final Duration EARLY = Duration.ofMinutes(1);
    private static final Duration LONGEST = Duration.ofMinutes(30);

    private final ExtensivSettings settings;
    private final ApiClient client;
    private final SecretSource secrets;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    ExtensivApi(ExtensivSettings settings, ApiClient client, SecretSource secrets, Clock clock) {
        this.settings = settings;
        this.client = client;
        this.secrets = secrets;
        this.clock = clock;
    }

    ExtensivSettings settings() {
        return settings;
    }

    /** A read; the answer as it is (the caller turns a refusal into a failure naming its record). */
    ApiResponse get(String pathAndQuery) {
        return send("GET", pathAndQuery, null, null, true);
    }

    /** A GET that must succeed, as JSON. */
    JsonNode read(String pathAndQuery, String what) {
        ApiResponse response = get(pathAndQuery);
        if (!response.isSuccess()) {
            throw ExtensivFailures.of(response, what, null);
        }
        return json(response, what);
    }

    /** {@code POST} sent once: a create. */
    ApiResponse create(String path, JsonNode body) {
        return send("POST", path, body, null, false);
    }

    /** A change guarded by {@code If-Match} (PUT, the canceler's POST): repeating it is refused with 412, never done twice. */
    ApiResponse change(String method, String path, JsonNode body, String etag) {
        return send(method, path, body, etag, true);
    }

    private ApiResponse send(String method, String pathAndQuery, JsonNode body, String ifMatch, boolean retried) {
        URI uri = URI.create(settings.url(pathAndQuery));
        String bearer = token(false);
        ApiResponse response = client.send(attempt -> request(method, uri, body, ifMatch, bearer), retried);
        if (response.status() == 401) {
            // expired early or revoked: a new token, once (a 401 is answered before anything changes)
            String renewed = token(true);
            response = client.send(attempt -> request(method, uri, body, ifMatch, renewed), retried);
        }
        return response;
    }

    private static HttpRequest request(String method, URI uri, JsonNode body, String ifMatch, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(write(body)))
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", HAL);
        if (body != null) {
            b.header("Content-Type", "application/json; charset=utf-8");
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return b.build();
    }

    /** The current token, requested anew when it is due (or {@code renew}). */
    private synchronized String token(boolean renew) {
        Instant now = clock.instant();
        if (token != null && !renew && now.isBefore(renewAt)) {
            return token;
        }
        ExtensivCredentials credentials = ExtensivCredentials.from(settings.secretName(),
                secrets.get(settings.secretName()));
        ObjectNode body = JsonSupport.MAPPER.createObjectNode().put("grant_type", "client_credentials")
                .put("user_login", credentials.userLogin());
        if (credentials.tpl() != null) {
            body.put("tpl", credentials.tpl());
        }
        URI uri = URI.create(settings.url(TOKEN_PATH));
        ApiResponse response = client.send(attempt -> HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString(write(body)))
                .header("Authorization", credentials.basic())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json").build(), true);
        if (response.status() == 401 || response.status() == 400) {
            throw new PermanentFailure("secret " + settings.secretName(), "Extensiv's token service refused the "
                    + "connector (" + response.status() + "): " + ExtensivFailures.message(response)
                    + (response.status() == 401 ? " (client_id or client_secret)" : " (user_login or tpl)"));
        }
        if (!response.isSuccess()) {
            throw ExtensivFailures.of(response, "the access token", null);
        }
        JsonNode json = json(response, "the access token");
        String issued = json.path("access_token").asText("");
        if (issued.isBlank()) {
            throw new TransientFailure("Extensiv's token service answered without an access_token");
        }
        Duration lifetime = Duration.ofSeconds(json.path("expires_in").asLong(LONGEST.toSeconds()));
        Duration keep = (lifetime.compareTo(LONGEST) < 0 ? lifetime : LONGEST).minus(EARLY);
        token = issued;
        renewAt = now.plus(keep.isNegative() ? Duration.ZERO : keep);
        return token;
    }

    static JsonNode json(ApiResponse response, String what) {
        try {
            return response.json();
        } catch (IllegalStateException e) {
            throw new TransientFailure("Extensiv answered " + response.describe() + " for " + what
                    + " with a body that is not JSON");
        }
    }

    /**
     * The resources of a HAL collection under {@code _embedded}, keyed by the rel URI
     * ({@code http://api.3plCentral.com/rels/orders/order}); the host's case differs between Extensiv's pages, so the
     * key is matched by its {@code /rels/...} tail.
     */
    static List<JsonNode> embedded(JsonNode resource, String rel) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode embedded = resource.path("_embedded");
        String tail = "/rels/" + rel.toLowerCase(Locale.ROOT);
        for (Iterator<Map.Entry<String, JsonNode>> it = embedded.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().toLowerCase(Locale.ROOT).endsWith(tail) && e.getValue().isArray()) {
                e.getValue().forEach(out::add);
            }
        }
        return out;
    }

    /** An RQL text value: quoted where it holds RQL's own characters (guess: FIQL's quoting, [E-RQL]). */
    static String rqlValue(String value) {
        return value.matches("[A-Za-z0-9_.:*-]+") ? value : "\"" + value.replace("\"", "\\\"") + "\"";
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String write(JsonNode body) {
        try {
            return JsonSupport.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new PermanentFailure(null, "cannot write an Extensiv request body: " + e.getOriginalMessage());
        }
    }
}
