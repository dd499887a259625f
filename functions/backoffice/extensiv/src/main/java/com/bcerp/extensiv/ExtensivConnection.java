package com.bcerp.extensiv;

import com.bcerp.core.port.SecretSource;
import com.bcerp.http.ApiClient;
import com.bcerp.http.RetryPolicy;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/** One API user of one 3PL: the adapters of a process share its token and its count of calls. */
public final class ExtensivConnection {

    private final ExtensivSettings settings;
    private final ExtensivApi api;
    private final AtomicLong calls = new AtomicLong();

    /** @param pacer paces every request to the 3PL (no limit is published; the licence-wide pacer goes here) */
    public ExtensivConnection(ExtensivSettings settings, SecretSource secrets, HttpClient http, RetryPolicy retry,
            ApiClient.Pacer pacer, Clock clock) {
        this.settings = settings;
        this.api = new ExtensivApi(settings, new ApiClient("extensiv", http, settings.requestTimeout(), retry,
                pacer.counting(calls)), secrets, clock);
    }

    /** With the JDK's HttpClient, the standard retry policy and the system clock. */
    public static ExtensivConnection create(ExtensivSettings settings, SecretSource secrets) {
        return new ExtensivConnection(settings, secrets, ApiClient.defaultHttpClient(), RetryPolicy.standard(),
                ApiClient.Pacer.NONE, Clock.systemUTC());
    }

    public ExtensivSettings settings() {
        return settings;
    }

    /** Requests sent so far, token requests and retries included. */
    public long calls() {
        return calls.get();
    }

    ExtensivApi api() {
        return api;
    }
}
