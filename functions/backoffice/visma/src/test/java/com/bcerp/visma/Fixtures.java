package com.bcerp.visma;

import com.bcerp.core.port.SecretSource;
import com.bcerp.sandbox.visma.VismaSandbox;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The adapter wired to a sandbox: its API root, token endpoint, tenant and client. */
final class Fixtures {

    static final String SECRET = "bc-erp-connector/visma";

    private Fixtures() {}

    static VismaSettings settingsFor(VismaSandbox sandbox) {
        return VismaSettings.defaults(URI.create(sandbox.baseUrl()), URI.create(sandbox.tokenUrl()),
                sandbox.settings().tenantId(), SECRET);
    }

    static SecretSource secretsFor(VismaSandbox sandbox) {
        return secretsFor(sandbox, sandbox.settings().clientSecret());
    }

    /** The client's secret with {@code clientSecret} in place of the sandbox's. */
    static SecretSource secretsFor(VismaSandbox sandbox, String clientSecret) {
        Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();
        secrets.put(SECRET, Map.of("client_id", sandbox.settings().clientId(), "client_secret", clientSecret));
        return new SecretSource() {
            @Override
            public Map<String, String> get(String name) {
                Map<String, String> value = secrets.get(name);
                if (value == null) {
                    throw new IllegalStateException("no secret " + name);
                }
                return value;
            }

            @Override
            public void put(String name, Map<String, String> value) {
                secrets.put(name, Map.copyOf(value));
            }
        };
    }
}
