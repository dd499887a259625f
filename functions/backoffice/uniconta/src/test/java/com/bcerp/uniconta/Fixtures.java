package com.bcerp.uniconta;

import com.bcerp.core.port.SecretSource;
import com.bcerp.sandbox.uniconta.UnicontaSandbox;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The adapter wired to a sandbox: its URL, company and API user. */
final class Fixtures {

    static final String SECRET = "bc-erp-connector/uniconta";

    private Fixtures() {}

    static UnicontaSettings settingsFor(UnicontaSandbox sandbox) {
        return UnicontaSettings.defaults(URI.create(sandbox.baseUrl()), sandbox.settings().companyId(), SECRET)
                .withVatFreeCode("U0");
    }

    static SecretSource secretsFor(UnicontaSandbox sandbox) {
        return secretsFor(sandbox, sandbox.settings().password());
    }

    /** The API user's secret with {@code password} in place of the sandbox's. */
    static SecretSource secretsFor(UnicontaSandbox sandbox, String password) {
        Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();
        secrets.put(SECRET, Map.of("user", sandbox.settings().user(), "password", password));
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
