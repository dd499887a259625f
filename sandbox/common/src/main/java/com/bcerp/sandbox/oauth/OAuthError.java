package com.bcerp.sandbox.oauth;

import com.bcerp.sandbox.http.HttpError;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token endpoint's refusal in the shape RFC 6749 section 5.2 gives it: {@code {"error": code, "error_description":
 * text}}, 400 for everything but a client that failed to authenticate (401). Thrown from a route, the router answers it.
 */
public final class OAuthError extends HttpError {

    private final String code;

    public OAuthError(int status, String code, String description) {
        super(status, code, body(code, description));
        this.code = code;
    }

    /** The RFC 6749 error code, e.g. {@code invalid_grant}. */
    public String code() {
        return code;
    }

    /** The request is malformed: a missing parameter, the wrong content type. */
    public static OAuthError invalidRequest(String description) {
        return new OAuthError(400, "invalid_request", description);
    }

    /** The client is unknown or its secret is wrong. */
    public static OAuthError invalidClient() {
        return new OAuthError(401, "invalid_client", null);
    }

    /** The user's credentials or the refresh token are not (or no longer) valid; {@code description} may be null. */
    public static OAuthError invalidGrant(String description) {
        return new OAuthError(400, "invalid_grant", description);
    }

    public static OAuthError invalidScope() {
        return new OAuthError(400, "invalid_scope", null);
    }

    public static OAuthError unsupportedGrantType() {
        return new OAuthError(400, "unsupported_grant_type", null);
    }

    /** The client may not use this grant type. */
    public static OAuthError unauthorizedClient() {
        return new OAuthError(400, "unauthorized_client", null);
    }

    private static Map<String, Object> body(String code, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        if (description != null) {
            body.put("error_description", description);
        }
        return body;
    }
}
