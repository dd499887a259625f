package com.bcerp.uniconta;

import com.bcerp.core.port.SecretSource;
import com.bcerp.http.ApiClient;
import com.bcerp.http.RetryPolicy;
import java.net.http.HttpClient;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One company, one API user: the adapters of a process share it and its count of server calls, because Uniconta
 * allows 5,000 calls per user a day before it slows every call down (erp-apis.md §2, [U-SLOW]).
 */
public final class UnicontaConnection {

    private final UnicontaSettings settings;
    private final UnicontaApi api;
    private final AtomicLong calls = new AtomicLong();

    /** @param pacer paces every request to the company (the allowance is per user, not per adapter) */
    public UnicontaConnection(UnicontaSettings settings, SecretSource secrets, HttpClient http, RetryPolicy retry,
            ApiClient.Pacer pacer) {
        this.settings = settings;
        ApiClient client = new ApiClient("uniconta", http, settings.requestTimeout(), retry, pacer.counting(calls));
        this.api = new UnicontaApi(settings, client, secrets);
    }

    /** With the JDK's HttpClient and the standard retry policy. */
    public static UnicontaConnection create(UnicontaSettings settings, SecretSource secrets) {
        return new UnicontaConnection(settings, secrets, ApiClient.defaultHttpClient(), RetryPolicy.standard(),
                ApiClient.Pacer.NONE);
    }

    public UnicontaSettings settings() {
        return settings;
    }

    /** Requests sent so far, retries included: what Uniconta counts against the day's allowance. */
    public long calls() {
        return calls.get();
    }

    UnicontaApi api() {
        return api;
    }
}
