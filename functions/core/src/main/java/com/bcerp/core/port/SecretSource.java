package com.bcerp.core.port;

import java.util.Map;

/**
 * Named secrets, each a small map of fields (Secrets Manager on AWS, a local file in the local runtime). Values never
 * reach a log, an error message or the audit trail.
 */
public interface SecretSource {

    Map<String, String> get(String name);

    /** The secret as stored now, past any cache (to read a value another process has just written back). */
    default Map<String, String> fresh(String name) {
        return get(name);
    }

    /** Writes a secret back, e.g. a rotated OAuth refresh token, so a restart does not lose the session. */
    void put(String name, Map<String, String> value);
}
