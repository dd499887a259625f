package com.bcerp.acumatica;

import com.bcerp.core.failure.PermanentFailure;
import java.util.List;
import java.util.Map;

/**
 * The connector's sign-in to Acumatica, as kept in its secret: an API user's {@code username} and {@code password},
 * the connected application's {@code client_id} (with the tenant suffix, {@code guid@Tenant}) and
 * {@code client_secret}, and the latest {@code refresh_token} (optional; rotated on every use and written back).
 * {@link #toString()} never shows a value.
 */
public record AcumaticaCredentials(String username, String password, String clientId, String clientSecret,
        String refreshToken) {

    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String CLIENT_ID = "client_id";
    static final String CLIENT_SECRET = "client_secret";
    static final String REFRESH_TOKEN = "refresh_token";

    /** Reads the secret's fields; a missing one is a permanent failure naming it (never its value). */
    public static AcumaticaCredentials from(String secretName, Map<String, String> secret) {
        List<String> missing = java.util.stream.Stream.of(USERNAME, PASSWORD, CLIENT_ID, CLIENT_SECRET)
                .filter(f -> secret.get(f) == null || secret.get(f).isBlank()).toList();
        if (!missing.isEmpty()) {
            throw new PermanentFailure("secret " + secretName, "the Acumatica secret '" + secretName
                    + "' lacks " + String.join(", ", missing));
        }
        String refresh = secret.get(REFRESH_TOKEN);
        return new AcumaticaCredentials(secret.get(USERNAME), secret.get(PASSWORD), secret.get(CLIENT_ID),
                secret.get(CLIENT_SECRET), refresh == null || refresh.isBlank() ? null : refresh);
    }

    public AcumaticaCredentials withRefreshToken(String token) {
        return new AcumaticaCredentials(username, password, clientId, clientSecret, token);
    }

    @Override
    public String toString() {
        return "AcumaticaCredentials[username=" + username + ", values redacted]";
    }
}
