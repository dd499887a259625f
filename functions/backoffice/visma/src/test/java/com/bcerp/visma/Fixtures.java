package com.bcerp.visma;

import com.bcerp.core.fakes.InMemorySecrets;
import com.bcerp.core.port.SecretSource;
import com.bcerp.sandbox.visma.VismaSandbox;
import java.net.URI;
import java.util.Map;

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
        return new InMemorySecrets().with(SECRET, Map.of("client_id", sandbox.settings().clientId(),
                "client_secret", clientSecret));
    }
}
