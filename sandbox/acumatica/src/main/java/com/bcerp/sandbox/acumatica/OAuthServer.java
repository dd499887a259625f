package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.oauth.OAuthError;
import com.bcerp.sandbox.oauth.TokenIssuer;
import com.bcerp.sandbox.oauth.TokenRequest;
import java.time.Clock;
import java.util.Set;

/**
 * The instance's token endpoint ({@code POST /identity/connect/token}, form-encoded), for the grants a server-side
 * integration uses: {@code password} (resource owner; scope must include {@code api}, {@code offline_access} adds a
 * refresh token) and {@code refresh_token} (rotating: the used refresh token stops working). Errors are OAuth JSON:
 * {@code invalid_client} (401), {@code invalid_grant}, {@code invalid_scope}, {@code unsupported_grant_type},
 * {@code invalid_request} (400). The client authenticates with {@code client_id} and {@code client_secret} in the form.
 *
 * <p>With the {@code rejectLogin} fault the password grant answers 400 {@code invalid_grant} whose description is
 * "API Login Limit": Acumatica's official client recognises that text (the exact status a live instance uses is not
 * documented).
 */
final class OAuthServer {

    private static final Set<String> KNOWN_SCOPES = Set.of("api", "offline_access", "api:concurrent_access", "openid",
            "email", "profile", "phone");

    private final AcumaticaSandbox.Settings settings;
    private final Faults faults;
    private final TokenIssuer tokens;
    private volatile String password;

    OAuthServer(AcumaticaSandbox.Settings settings, Clock clock, Faults faults) {
        this.settings = settings;
        this.faults = faults;
        this.tokens = new TokenIssuer(clock, settings.tokenLifetime());
        this.password = settings.password();
    }

    TokenIssuer tokens() {
        return tokens;
    }

    void changePasswordAndRevokeSessions(String newPassword) {
        password = newPassword;
        tokens.revokeAll();
    }

    HttpResponse token(HttpRequest request) {
        TokenRequest t = TokenRequest.read(request);
        t.requireClient(settings.clientId(), settings.clientSecret());
        return switch (t.grantType()) {
            case "password" -> passwordGrant(t);
            case "refresh_token" -> tokens.refresh(t.refreshToken().orElse(null)).answer();
            default -> throw OAuthError.unsupportedGrantType();
        };
    }

    private HttpResponse passwordGrant(TokenRequest t) {
        if (faults.rejectLogin()) {
            throw OAuthError.invalidGrant("API Login Limit");
        }
        if (!settings.username().equals(t.username().orElse(null)) || !password.equals(t.password().orElse(null))) {
            throw OAuthError.invalidGrant("invalid_username_or_password");
        }
        Set<String> scopes = t.scopes();
        if (!scopes.contains("api") || !KNOWN_SCOPES.containsAll(scopes)) {
            throw OAuthError.invalidScope();
        }
        return tokens.issue(new TokenIssuer.Grant(settings.clientId(), settings.username(), scopes),
                scopes.contains("offline_access")).answer();
    }
}
