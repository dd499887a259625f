package com.bcerp.handlers.worker;

import com.bcerp.acumatica.AcumaticaConnection;
import com.bcerp.acumatica.AcumaticaSettings;
import com.bcerp.acumatica.AcumaticaType;
import com.bcerp.core.port.BackOffice;
import com.bcerp.http.ApiClient;
import com.bcerp.http.RetryPolicy;
import com.bcerp.http.SharedRate;
import com.bcerp.http.SharedRatePacer;
import com.bcerp.http.Sleeper;
import java.time.Duration;

/**
 * An Acumatica back office from its {@code {NAME}_...} variables (the README's configuration reference lists them for
 * the default name {@code acumatica}: {@code ACUMATICA_URL}, ...).
 */
final class AcumaticaFromEnvironment {

    private AcumaticaFromEnvironment() {}

    static BackOffice create(String name, BackOfficeRegistry.Variables v, BackOfficeRegistry.Shared shared) {
        var env = v.env();
        AcumaticaSettings settings = new AcumaticaSettings(
                env.uri(v.variable("URL"), null),
                env.optional(v.variable("ENDPOINT_NAME"), "Default"),
                env.optional(v.variable("ENDPOINT_VERSION"), "24.200.001"),
                env.optional(v.variable("ORDER_TYPE"), "SO"),
                env.optional(v.variable("CREDIT_ORDER_TYPE"), "CR"),
                env.optional(v.variable("RETURN_ORDER_TYPE"), "RC"),
                env.optional(v.variable("CUSTOMER_CLASS"), null),
                v.secretName(),
                env.seconds(v.variable("TIMEOUT_SECONDS"), Duration.ofSeconds(30)));
        int licenceRate = shared.config().reliability().backOfficeRequestsPerMinute();
        ApiClient.Pacer pacer = licenceRate == 0 ? ApiClient.Pacer.NONE
                : new SharedRatePacer(new SharedRate(shared.budget(), "backoffice#" + name, Sleeper.THREAD),
                        licenceRate, Math.max(1, licenceRate / 20), shared.clock());
        // one OAuth session for the order, stock and catalogue adapters: a rotated refresh token is never reused
        AcumaticaConnection connection = new AcumaticaConnection(settings, shared.secrets(),
                ApiClient.defaultHttpClient(), RetryPolicy.standard(), pacer, shared.clock());
        return AcumaticaType.backOffice(name, connection, env.integer(v.variable("CONCURRENCY"), 4),
                env.optional(v.variable("BASE_CURRENCY"), "USD"), shared.config().catalog().salePriceAttribute());
    }
}
