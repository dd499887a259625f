package com.bcerp.sandbox.extensiv;

import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Json;
import com.bcerp.sandbox.oauth.OAuthError;
import com.bcerp.sandbox.oauth.TokenIssuer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The token service, {@code POST /AuthServer/api/Token} (erp-apis.md section 4.1, 7.10 and 10.3.1): the client
 * authenticates with {@code Authorization: Basic base64(client_id:client_secret)}, the body is JSON
 * {@code {"grant_type": "client_credentials", "user_login": "..."}} (or {@code "user_login_id"}; optional
 * {@code "tpl": "{guid}"}) and the answer is {@code {"access_token", "token_type": "Bearer", "expires_in",
 * "refresh_token": null, "scope": null}} [E-AUTH], [E-TAP], [E-SHARP]. There is no refresh token: a client asks again.
 *
 * <p>Guesses (UNCONFIRMED: the research has no error sample of the token service): refusals use RFC 6749's
 * {@code {"error", "error_description"}} body; a wrong client is 401 {@code invalid_client}; an unknown user, a
 * wrong {@code tpl} or no user at all is 400 {@code invalid_grant} / {@code invalid_request}; a body that is not JSON
 * (a form, as RFC 6749 would have it) is 400 {@code invalid_request}, since every source sends JSON.
 */
final class AuthServer {

    static final String PATH = "/AuthServer/api/Token";

    private final ExtensivSandbox.Settings settings;
    private final Faults faults;
    private final TokenIssuer tokens;

    AuthServer(ExtensivSandbox.Settings settings, Clock clock, Faults faults) {
        this.settings = settings;
        this.faults = faults;
        this.tokens = new TokenIssuer(clock, settings.tokenLifetime());
    }

    TokenIssuer tokens() {
        return tokens;
    }

    HttpResponse token(HttpRequest request) {
        if (faults.tokenServiceDown()) {
            throw new OAuthError(503, "temporarily_unavailable", "The authorization server is unavailable.");
        }
        String[] client = basic(request.header("Authorization").orElse(""))
                .orElseThrow(OAuthError::invalidClient);
        if (!same(client[0], settings.clientId()) | !same(client[1], settings.clientSecret())) {
            throw OAuthError.invalidClient();
        }
        JsonNode body = jsonBody(request);
        String grantType = body.path("grant_type").asText("");
        if (grantType.isEmpty()) {
            throw OAuthError.invalidRequest("grant_type is required");
        }
        if (!grantType.equals("client_credentials")) {
            throw OAuthError.unsupportedGrantType();
        }
        String user = user(body);
        if (body.hasNonNull("tpl") && !stripBraces(body.get("tpl").asText()).equalsIgnoreCase(stripBraces(settings.tpl()))) {
            throw OAuthError.invalidGrant("unknown tpl");
        }
        TokenIssuer.Issued issued = tokens.issue(new TokenIssuer.Grant(settings.clientId(), user, Set.of()), false);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", issued.accessToken());
        answer.put("token_type", "Bearer");
        answer.put("expires_in", issued.expiresInSeconds());
        answer.put("refresh_token", null); // "not used" [E-AUTH]
        answer.put("scope", null);
        return HttpResponse.json(200, answer).withHeader("Cache-Control", "no-store");
    }

    /** The login the token is for: {@code user_login} by name, or {@code user_login_id} by number. */
    private String user(JsonNode body) {
        if (body.hasNonNull("user_login")) {
            if (!body.get("user_login").asText().equalsIgnoreCase(settings.userLogin())) {
                throw OAuthError.invalidGrant("unknown user_login");
            }
            return settings.userLogin();
        }
        if (body.hasNonNull("user_login_id")) {
            if (!body.get("user_login_id").asText().equals(Integer.toString(settings.userLoginId()))) {
                throw OAuthError.invalidGrant("unknown user_login_id");
            }
            return settings.userLogin();
        }
        throw OAuthError.invalidRequest("user_login or user_login_id is required");
    }

    private static JsonNode jsonBody(HttpRequest request) {
        String type = request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json") && !type.startsWith("application/hal+json")) {
            throw OAuthError.invalidRequest("the token request is JSON (Content-Type: application/json)");
        }
        try {
            JsonNode body = Json.MAPPER.readTree(request.body());
            if (body == null || !body.isObject()) {
                throw OAuthError.invalidRequest("the token request is a JSON object");
            }
            return body;
        } catch (java.io.IOException e) {
            throw OAuthError.invalidRequest("the token request is not valid JSON");
        }
    }

    private static Optional<String[]> basic(String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean same(String presented, String expected) {
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** The tap sends the tpl key as "{guid}" ([E-TAP] client.py); the braces are not part of the key. */
    private static String stripBraces(String tpl) {
        String t = tpl.trim();
        return t.startsWith("{") && t.endsWith("}") ? t.substring(1, t.length() - 1) : t;
    }
}
