package com.bcerp.acumatica;

import com.bcerp.core.port.CredentialLease;
import com.bcerp.core.port.SecretSource;
import com.bcerp.http.ApiClient;
import com.bcerp.http.RetryPolicy;
import java.net.http.HttpClient;
import java.time.Clock;

/**
 * One instance, one OAuth session: the adapters of a process (orders, stock, catalogue) share it, so a rotated
 * refresh token is never used by one adapter after another has replaced it.
 */
public final class AcumaticaConnection {

    private final AcumaticaSettings settings;
    private final AcumaticaApi api;
    private final AcumaticaSession session;

    /** @param pacer paces every request to the instance, token requests included (they count against the licence) */
    public AcumaticaConnection(AcumaticaSettings settings, SecretSource secrets, HttpClient http, RetryPolicy retry,
            ApiClient.Pacer pacer, Clock clock) {
        this(settings, secrets, http, retry, pacer, clock, CredentialLease.UNSHARED);
    }

    /** @param lease serialises session renewals with every other process that shares the secret */
    public AcumaticaConnection(AcumaticaSettings settings, SecretSource secrets, HttpClient http, RetryPolicy retry,
            ApiClient.Pacer pacer, Clock clock, CredentialLease lease) {
        this.settings = settings;
        ApiClient client = new ApiClient("acumatica", http, settings.requestTimeout(), retry, pacer,
                AcumaticaFailures::isVerdict);
        this.session = new AcumaticaSession(settings, secrets, client, clock, lease);
        this.api = new AcumaticaApi(settings, client, session);
    }

    /** Signs the process's session out, freeing its API-user slot (when the process stops). */
    public void signOut() {
        session.signOut();
    }

    /** With the JDK's HttpClient, the standard retry policy and the system clock. */
    public static AcumaticaConnection create(AcumaticaSettings settings, SecretSource secrets) {
        return new AcumaticaConnection(settings, secrets, ApiClient.defaultHttpClient(), RetryPolicy.standard(),
                ApiClient.Pacer.NONE, Clock.systemUTC());
    }

    public AcumaticaSettings settings() {
        return settings;
    }

    AcumaticaApi api() {
        return api;
    }
}
