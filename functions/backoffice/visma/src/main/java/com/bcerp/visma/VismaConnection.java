package com.bcerp.visma;

import com.bcerp.core.port.SecretSource;
import com.bcerp.http.ApiClient;
import com.bcerp.http.RetryPolicy;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One company (tenant), one Visma Connect client: the adapters of a process share it, its token and its count of
 * calls, because Visma's rate limit is per client and company (erp-apis.md §3.4, {@code X-RateLimit-*}).
 */
public final class VismaConnection {

    private final VismaSettings settings;
    private final VismaApi api;
    private final AtomicLong calls = new AtomicLong();

    /** @param pacer paces every request to the company (the quota is the client's, not an adapter's) */
    public VismaConnection(VismaSettings settings, SecretSource secrets, HttpClient http, RetryPolicy retry,
            ApiClient.Pacer pacer) {
        this.settings = settings;
        ApiClient client = new ApiClient("visma", http, settings.requestTimeout(), retry, pacer.counting(calls));
        this.api = new VismaApi(settings, client, secrets, Clock.systemUTC());
    }

    /** With the JDK's HttpClient and the standard retry policy. */
    public static VismaConnection create(VismaSettings settings, SecretSource secrets) {
        return new VismaConnection(settings, secrets, ApiClient.defaultHttpClient(), RetryPolicy.standard(),
                ApiClient.Pacer.NONE);
    }

    public VismaSettings settings() {
        return settings;
    }

    /** Requests sent so far (token requests and retries included). */
    public long calls() {
        return calls.get();
    }

    VismaApi api() {
        return api;
    }
}
