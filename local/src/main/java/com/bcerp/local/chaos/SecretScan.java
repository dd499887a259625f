package com.bcerp.local.chaos;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The mechanical check that no secret reached a log, the audit trail or a parked reason: every secret value each
 * scenario's runtime held (API tokens, client secrets, the webhook secret, the back office's password, and every
 * access and refresh token its token endpoint issued) is searched for in the text.
 */
final class SecretScan {

    /** Shorter values (none of the runtime's secrets are) would match by chance. */
    private static final int MIN_LENGTH = 8;

    /** Where a secret was found: which text, and which kind of secret (never the value). */
    public record Finding(String where, String secretKind) {}

    private record Secret(String kind, String value) {}

    private final Set<Secret> secrets = new LinkedHashSet<>();

    void add(String kind, String value) {
        if (value != null && value.length() >= MIN_LENGTH) {
            secrets.add(new Secret(kind, value));
        }
    }

    int size() {
        return secrets.size();
    }

    List<Finding> scan(String where, String text) {
        List<Finding> found = new ArrayList<>();
        for (Secret secret : secrets) {
            if (text.contains(secret.value())) {
                found.add(new Finding(where, secret.kind()));
            }
        }
        return found;
    }
}
