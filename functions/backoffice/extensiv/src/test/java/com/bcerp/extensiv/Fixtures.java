package com.bcerp.extensiv;

import com.bcerp.core.fakes.InMemorySecrets;
import com.bcerp.core.port.SecretSource;
import com.bcerp.sandbox.extensiv.ExtensivSandbox;
import java.net.URI;
import java.util.Map;

/** The adapter wired to a sandbox: its URL, the merchant as its customer, its first facility and its API client. */
final class Fixtures {

    static final String SECRET = "bc-erp-connector/extensiv";

    private Fixtures() {}

    static ExtensivSettings settingsFor(ExtensivSandbox sandbox) {
        ExtensivSandbox.Settings s = sandbox.settings();
        return ExtensivSettings.defaults(URI.create(sandbox.baseUrl()), SECRET, s.customerId(),
                s.facilities().get(0).id());
    }

    static SecretSource secretsFor(ExtensivSandbox sandbox) {
        return secretsFor(sandbox, sandbox.settings().clientSecret());
    }

    /** The API client's secret with {@code clientSecret} in place of the sandbox's. */
    static SecretSource secretsFor(ExtensivSandbox sandbox, String clientSecret) {
        ExtensivSandbox.Settings s = sandbox.settings();
        return new InMemorySecrets().with(SECRET, Map.of("client_id", s.clientId(), "client_secret", clientSecret,
                "user_login", s.userLogin()));
    }
}
