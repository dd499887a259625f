package com.bcerp.visma;

import com.bcerp.core.failure.PermanentFailure;
import java.util.List;
import java.util.Map;

/**
 * The connector's Visma Connect client, as kept in its secret: {@code client_id} and {@code client_secret}
 * (a service client with the {@code client_credentials} grant, erp-apis.md §3.4). {@link #toString()} never shows the
 * secret.
 */
public record VismaCredentials(String clientId, String clientSecret) {

    static final String CLIENT_ID = "client_id";
    static final String CLIENT_SECRET = "client_secret";

    /** Reads the secret's fields; a missing one is a permanent failure naming it (never its value). */
    public static VismaCredentials from(String secretName, Map<String, String> secret) {
        List<String> missing = java.util.stream.Stream.of(CLIENT_ID, CLIENT_SECRET)
                .filter(f -> secret.get(f) == null || secret.get(f).isBlank()).toList();
        if (!missing.isEmpty()) {
            throw new PermanentFailure("secret " + secretName, "the Visma secret '" + secretName + "' lacks "
                    + String.join(", ", missing));
        }
        return new VismaCredentials(secret.get(CLIENT_ID), secret.get(CLIENT_SECRET));
    }

    @Override
    public String toString() {
        return "VismaCredentials[clientId=" + clientId + ", clientSecret redacted]";
    }
}
