package com.bcerp.uniconta;

import com.bcerp.core.fakes.InMemorySecrets;
import com.bcerp.core.port.SecretSource;
import com.bcerp.sandbox.uniconta.UnicontaSandbox;
import java.net.URI;
import java.util.Map;

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
        return new InMemorySecrets().with(SECRET, Map.of("user", sandbox.settings().user(), "password", password));
    }
}
