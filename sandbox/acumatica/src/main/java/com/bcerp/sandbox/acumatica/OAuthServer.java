package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.http.HttpError;
import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instance's token endpoint ({@code POST /identity/connect/token}, form-encoded), for the grants a server-side
 * integration uses: {@code password} (resource owner; scope must include {@code api}, {@code offline_access} adds a
 * refresh token) and {@code refresh_token} (rotating: the used refresh token stops working). Errors are OAuth JSON:
 * {@code invalid_client} (401), {@code invalid_grant}, {@code invalid_scope}, {@code unsupported_grant_type},
 * {@code invalid_request} (400).
 *
 * <p>With the {@code rejectLogin} fault the password grant answers 400 {@code invalid_grant} whose description is
 * "API Login Limit": Acumatica's official client recognises that text (the exact status a live instance uses is not
 * documented).
 */
final class OAuthServer {

    private static final Set<String> KNOWN_SCOPES = Set.of("api", "offline_access", "api:concurrent_access", "openid",
            "email", "profile", "phone");

    private record Grant(String scope) {}

    private final AcumaticaSandbox.Settings settings;
    private final Clock clock;
    private final Faults faults;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private volatile String password;

    OAuthServer(AcumaticaSandbox.Settings settings, Clock clock, Faults faults) {
        this.settings = settings;
        this.clock = clock;
        this.faults = faults;
        this.password = settings.password();
    }

    void changePasswordAndRevokeSessions(String newPassword) {
        password = newPassword;
        accessTokens.clear();
        refreshTokens.clear();
    }

    Set<String> issuedTokens() {
        return Set.copyOf(issued);
    }

    HttpResponse token(HttpRequest request) {
        if (!request.header("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded")) {
            throw error(400, "invalid_request", "the token request must be application/x-www-form-urlencoded");
        }
        Map<String, String> form = form(request.bodyText());
        if (!settings.clientId().equals(form.get("client_id")) || !settings.clientSecret().equals(form.get("client_secret"))) {
            throw error(401, "invalid_client", null);
        }
        String grantType = form.getOrDefault("grant_type", "");
        return switch (grantType) {
            case "password" -> passwordGrant(form);
            case "refresh_token" -> refreshGrant(form);
            default -> throw error(400, "unsupported_grant_type", null);
        };
    }

    /** Whether {@code authorization} (the header's value) carries an access token that is known and not expired. */
    boolean authorises(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        Instant expiry = accessTokens.get(authorization.substring(7).trim());
        return expiry != null && clock.instant().isBefore(expiry);
    }

    /** Ends every access token now (as an application-pool restart does); refresh tokens stay valid. */
    void expireAccessTokens() {
        accessTokens.clear();
    }

    private HttpResponse passwordGrant(Map<String, String> form) {
        if (faults.rejectLogin()) {
            throw error(400, "invalid_grant", "API Login Limit");
        }
        if (!settings.username().equals(form.get("username")) || !password.equals(form.get("password"))) {
            throw error(400, "invalid_grant", "invalid_username_or_password");
        }
        Set<String> scopes = new LinkedHashSet<>(Arrays.asList(form.getOrDefault("scope", "").trim().split("\\s+")));
        scopes.remove("");
        if (!scopes.contains("api") || !KNOWN_SCOPES.containsAll(scopes)) {
            throw error(400, "invalid_scope", null);
        }
        return issue(String.join(" ", scopes));
    }

    private HttpResponse refreshGrant(Map<String, String> form) {
        String presented = form.get("refresh_token");
        Grant grant = presented == null ? null : refreshTokens.remove(presented); // rotation: one use only
        if (grant == null) {
            throw error(400, "invalid_grant", null);
        }
        return issue(grant.scope());
    }

    private HttpResponse issue(String scope) {
        String access = newToken();
        issued.add(access);
        accessTokens.put(access, clock.instant().plus(settings.tokenLifetime()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", access);
        body.put("expires_in", Math.max(1, (settings.tokenLifetime().toMillis() + 999) / 1000));
        body.put("token_type", "Bearer");
        if (List.of(scope.split(" ")).contains("offline_access")) {
            String refresh = newToken();
            issued.add(refresh);
            refreshTokens.put(refresh, new Grant(scope));
            body.put("refresh_token", refresh);
        }
        body.put("scope", scope);
        return HttpResponse.json(200, body).withHeader("Cache-Control", "no-store");
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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

    private static HttpError error(int status, String code, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        if (description != null) {
            body.put("error_description", description);
        }
        return new HttpError(status, code, body);
    }
}
