package com.bcerp.sandbox.oauth;

import com.bcerp.sandbox.http.HttpRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request to a token endpoint (RFC 6749 sections 4.3, 4.4 and 6): the form-encoded parameters and the client's
 * credentials. The vendor's sandbox decides which grants it serves and what it checks; this reads the request.
 *
 * <pre>{@code
 * TokenRequest t = TokenRequest.read(request);          // 400 invalid_request unless form-encoded
 * t.requireClient(clientId, clientSecret);              // 401 invalid_client
 * switch (t.grantType()) { case "client_credentials" -> ...; case "refresh_token" -> ...; default -> throw ... }
 * }</pre>
 */
public final class TokenRequest {

    private final Map<String, String> form;
    private final Optional<String[]> basic;

    private TokenRequest(Map<String, String> form, Optional<String[]> basic) {
        this.form = form;
        this.basic = basic;
    }

    /** Reads the form body; a body that is not {@code application/x-www-form-urlencoded} is a 400 invalid_request. */
    public static TokenRequest read(HttpRequest request) {
        if (!request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded")) {
            throw OAuthError.invalidRequest("the token request must be application/x-www-form-urlencoded");
        }
        return new TokenRequest(Collections.unmodifiableMap(form(request.bodyText())),
                request.header("Authorization").flatMap(TokenRequest::basicCredentials));
    }

    /** {@code grant_type}, or "" when absent. */
    public String grantType() {
        return form.getOrDefault("grant_type", "");
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(form.get(name));
    }

    public Optional<String> username() {
        return param("username");
    }

    public Optional<String> password() {
        return param("password");
    }

    public Optional<String> refreshToken() {
        return param("refresh_token");
    }

    /** The scopes asked for ({@code scope}, space-separated), in the order given; empty when none. */
    public Set<String> scopes() {
        Set<String> scopes = new LinkedHashSet<>(Arrays.asList(form.getOrDefault("scope", "").trim().split("\\s+")));
        scopes.remove("");
        return scopes;
    }

    /**
     * Requires the client to authenticate with {@code client_id} and {@code client_secret} in the form body (RFC 6749
     * section 2.3.1, the second way); anything else is a 401 invalid_client.
     */
    public void requireClient(String clientId, String clientSecret) {
        if (!matches(form.get("client_id"), clientId) | !matches(form.get("client_secret"), clientSecret)) {
            throw OAuthError.invalidClient();
        }
    }

    /** Like {@link #requireClient}, but HTTP Basic authentication (the way RFC 6749 says servers must support) also does. */
    public void requireClientBasicOrForm(String clientId, String clientSecret) {
        if (basic.isPresent()) {
            String[] pair = basic.get();
            if (!matches(pair[0], clientId) | !matches(pair[1], clientSecret)) {
                throw OAuthError.invalidClient();
            }
            return;
        }
        requireClient(clientId, clientSecret);
    }

    /** The client id the request names (form body or Basic header), if any. */
    public Optional<String> clientId() {
        return basic.map(b -> b[0]).or(() -> param("client_id"));
    }

    private static boolean matches(String presented, String expected) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String[]> basicCredentials(String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            // RFC 6749 section 2.3.1: both parts are form-encoded before they are joined
            return Optional.of(new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    @Override
    public String toString() {
        return "TokenRequest[grant_type=" + grantType() + ", client_id=" + clientId().orElse("?") + ", secrets redacted]";
    }
}
