package com.bcerp.extensiv;

import com.bcerp.core.failure.PermanentFailure;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The connector's Extensiv API access, as kept in its secret: {@code client_id}, {@code client_secret} (issued by
 * Extensiv for one 3PL), {@code user_login} (the 3PL user the calls act as) and, for single-tenant dynamic
 * credentials, {@code tpl} (erp-apis.md 4.1). {@link #toString()} never shows the secret.
 */
public record ExtensivCredentials(String clientId, String clientSecret, String userLogin, String tpl) {

    static final String CLIENT_ID = "client_id";
    static final String CLIENT_SECRET = "client_secret";
    static final String USER_LOGIN = "user_login";
    static final String TPL = "tpl";

    /** Reads the secret's fields; a missing one is a permanent failure naming it (never its value). */
    public static ExtensivCredentials from(String secretName, Map<String, String> secret) {
        List<String> missing = java.util.stream.Stream.of(CLIENT_ID, CLIENT_SECRET, USER_LOGIN)
                .filter(f -> secret.get(f) == null || secret.get(f).isBlank()).toList();
        if (!missing.isEmpty()) {
            throw new PermanentFailure("secret " + secretName, "the Extensiv secret '" + secretName + "' lacks "
                    + String.join(", ", missing));
        }
        String tpl = secret.get(TPL);
        return new ExtensivCredentials(secret.get(CLIENT_ID), secret.get(CLIENT_SECRET), secret.get(USER_LOGIN),
                tpl == null || tpl.isBlank() ? null : tpl);
    }

    /** {@code Basic base64(client_id:client_secret)} for the token service [E-AUTH]. */
    String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ExtensivCredentials[clientId=" + clientId + ", userLogin=" + userLogin + ", secret redacted]";
    }
}
