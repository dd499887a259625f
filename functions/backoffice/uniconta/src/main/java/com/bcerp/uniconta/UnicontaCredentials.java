package com.bcerp.uniconta;

import com.bcerp.core.failure.PermanentFailure;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The connector's Uniconta API user, as kept in its secret: {@code user} and {@code password}. {@link #toString()}
 * never shows the password.
 */
public record UnicontaCredentials(String user, String password) {

    static final String USER = "user";
    static final String PASSWORD = "password";

    /** Reads the secret's fields; a missing one is a permanent failure naming it (never its value). */
    public static UnicontaCredentials from(String secretName, Map<String, String> secret) {
        List<String> missing = java.util.stream.Stream.of(USER, PASSWORD)
                .filter(f -> secret.get(f) == null || secret.get(f).isBlank()).toList();
        if (!missing.isEmpty()) {
            throw new PermanentFailure("secret " + secretName, "the Uniconta secret '" + secretName + "' lacks "
                    + String.join(", ", missing));
        }
        return new UnicontaCredentials(secret.get(USER), secret.get(PASSWORD));
    }

    /** {@code Basic base64(00<companyId>/<user>:<password>)}: "the two zeros … denote that a company ID will be provided". */
    String authorization(long companyId) {
        String pair = "00" + companyId + "/" + user + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "UnicontaCredentials[user=" + user + ", password redacted]";
    }
}
