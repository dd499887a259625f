package com.bcerp.handlers.worker;

import com.bcerp.core.port.BackOffice;
import com.bcerp.http.ApiClient;
import com.bcerp.http.RetryPolicy;
import com.bcerp.visma.VismaConnection;
import com.bcerp.visma.VismaSettings;
import com.bcerp.visma.VismaType;

/**
 * A Visma.net ERP back office from its {@code {NAME}_...} variables (for the default name {@code visma}:
 * {@code VISMA_TENANT_ID}, {@code VISMA_URL}, ...; README's configuration reference lists them all). Its secret holds
 * the Visma Connect client's {@code client_id} and {@code client_secret}.
 */
final class VismaFromEnvironment {

    private VismaFromEnvironment() {}

    static BackOffice create(String name, BackOfficeRegistry.Variables v, BackOfficeRegistry.Shared shared) {
        var env = v.env();
        VismaSettings d = VismaSettings.defaults(env.uri(v.variable("URL"), "https://integration.visma.net/API"),
                env.uri(v.variable("TOKEN_URL"), "https://connect.visma.com/connect/token"),
                env.required(v.variable("TENANT_ID"), "the Visma.net company's tenant id"), v.secretName());
        String zone = env.optional(v.variable("VAT_ZONE"), "");
        String lineWarehouse = env.optional(v.variable("WAREHOUSE"), "");
        VismaSettings settings;
        try {
            settings = new VismaSettings(d.baseUrl(), d.tokenUrl(), d.tenantId(), d.secretName(),
                    env.seconds(v.variable("TIMEOUT_SECONDS"), d.requestTimeout()),
                    env.optional(v.variable("ORDER_TYPE"), d.orderType()),
                    v.choice(VismaSettings.OrderNumbering.class, "ORDER_NUMBERING", d.orderNumbering()),
                    env.optional(v.variable("ORDER_NUMBER_PREFIX"), d.orderNumberPrefix()),
                    env.optional(v.variable("CUSTOMER_REF_ATTRIBUTE"), d.customerRefAttribute()),
                    env.optional(v.variable("SHIPPING_ITEM"), d.shippingItem()),
                    env.optional(v.variable("VAT_FREE_CATEGORY"), d.vatFreeCategory()),
                    zone.isBlank() ? d.vatZone() : zone,
                    lineWarehouse.isBlank() ? d.warehouse() : lineWarehouse,
                    v.list("WAREHOUSES", String.join(",", d.warehouses())),
                    // the merchant's rounding item and tolerance, as for every back office (orders.rounding_item)
                    shared.config().orders().roundingItem(), shared.config().orders().roundingTolerance(),
                    env.optional(v.variable("CREDIT_ITEM"), d.creditItem()));
        } catch (IllegalArgumentException e) {
            // the tenant id is required above, so what is refused is a prefix Visma's order numbers cannot hold
            throw new IllegalStateException("environment variable " + v.variable("ORDER_NUMBER_PREFIX") + ": "
                    + e.getMessage());
        }
        // one Visma Connect client for every port: Visma's rate limit is per client and company
        VismaConnection connection = new VismaConnection(settings, shared.secrets(), ApiClient.defaultHttpClient(),
                RetryPolicy.standard(), shared.pacer(name));
        // the catalogue's prices are in the company's currency; the sale price is an item attribute, as for Acumatica
        return VismaType.backOffice(name, connection, shared.config().fulfilment().paidStatus() != null,
                env.optional(v.variable("BASE_CURRENCY"), VismaType.DEFAULT_CURRENCY), shared.config().catalog().salePriceAttribute());
    }
}
