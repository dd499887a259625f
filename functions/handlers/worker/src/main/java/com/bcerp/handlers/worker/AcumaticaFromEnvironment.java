package com.bcerp.handlers.worker;

import com.bcerp.acumatica.AcumaticaConnection;
import com.bcerp.acumatica.AcumaticaSettings;
import com.bcerp.acumatica.AcumaticaTaxZones;
import com.bcerp.acumatica.AcumaticaType;
import com.bcerp.core.port.BackOffice;
import com.bcerp.http.ApiClient;
import com.bcerp.http.RetryPolicy;

/**
 * An Acumatica back office from its {@code {NAME}_...} variables (the README's configuration reference lists them for
 * the default name {@code acumatica}: {@code ACUMATICA_URL}, ...).
 */
final class AcumaticaFromEnvironment {

    private AcumaticaFromEnvironment() {}

    static BackOffice create(String name, BackOfficeRegistry.Variables v, BackOfficeRegistry.Shared shared) {
        var env = v.env();
        AcumaticaSettings d = AcumaticaSettings.defaults(env.uri(v.variable("URL"), null), v.secretName());
        AcumaticaSettings settings = new AcumaticaSettings(d.instanceUrl(),
                env.optional(v.variable("ENDPOINT_NAME"), d.endpointName()),
                env.optional(v.variable("ENDPOINT_VERSION"), d.endpointVersion()),
                env.optional(v.variable("ORDER_TYPE"), d.orderType()),
                env.optional(v.variable("CREDIT_ORDER_TYPE"), d.creditOrderType()),
                env.optional(v.variable("RETURN_ORDER_TYPE"), d.returnOrderType()),
                env.optional(v.variable("CUSTOMER_CLASS"), d.customerClass()),
                d.secretName(),
                env.seconds(v.variable("TIMEOUT_SECONDS"), d.requestTimeout()));
        // one OAuth session for the order, stock and catalogue adapters, and for every process (renewed under the lease)
        AcumaticaConnection connection = new AcumaticaConnection(settings, shared.secrets(),
                ApiClient.defaultHttpClient(), RetryPolicy.standard(), shared.pacer(name), shared.clock(),
                shared.credentialLease());
        AcumaticaTaxZones taxZones = AcumaticaTaxZones.parse(env.optional(v.variable("TAX_ZONE"), null),
                env.optional(v.variable("TAX_ZONES_BY_CURRENCY"), null), v.variable("TAX_ZONES_BY_CURRENCY"));
        return AcumaticaType.backOffice(name, connection, taxZones, env.integer(v.variable("CONCURRENCY"), 4),
                env.optional(v.variable("BASE_CURRENCY"), "USD"), shared.config().catalog().salePriceAttribute(),
                shared.config().fulfilment().paidStatus() != null);
    }
}
