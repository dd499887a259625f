package com.bcerp.handlers.worker;

import com.bcerp.core.port.BackOffice;
import com.bcerp.http.ApiClient;
import com.bcerp.http.RetryPolicy;
import com.bcerp.http.SharedRate;
import com.bcerp.http.SharedRatePacer;
import com.bcerp.http.Sleeper;
import com.bcerp.uniconta.UnicontaConnection;
import com.bcerp.uniconta.UnicontaSettings;
import com.bcerp.uniconta.UnicontaType;
import java.util.Arrays;
import java.util.Locale;

/**
 * A Uniconta back office from its {@code {NAME}_...} variables (for the default name {@code uniconta}:
 * {@code UNICONTA_URL}, {@code UNICONTA_COMPANY_ID}, ...; the adapter's README lists them all).
 */
final class UnicontaFromEnvironment {

    private UnicontaFromEnvironment() {}

    static BackOffice create(String name, BackOfficeRegistry.Variables v, BackOfficeRegistry.Shared shared) {
        var env = v.env();
        String companyId = env.required(v.variable("COMPANY_ID"), "the Uniconta company id");
        if (!companyId.matches("\\d{1,18}")) {
            throw new IllegalStateException("environment variable " + v.variable("COMPANY_ID") + " is not a company id: '"
                    + companyId + "'");
        }
        UnicontaSettings d = UnicontaSettings.defaults(env.uri(v.variable("URL"), "https://odata.uniconta.com"),
                Long.parseLong(companyId), v.secretName());
        UnicontaSettings settings = new UnicontaSettings(d.baseUrl(), d.companyId(), d.secretName(),
                env.seconds(v.variable("TIMEOUT_SECONDS"), d.requestTimeout()),
                env.optional(v.variable("EXTERNAL_REF_FIELD"), d.externalRefField()),
                env.optional(v.variable("CUSTOMER_REF_FIELD"), d.customerRefField()),
                env.optional(v.variable("KIND_FIELD"), d.kindField()),
                env.optional(v.variable("BRANCH_FIELD"), d.branchField()),
                env.optional(v.variable("ACCOUNT_PREFIX"), d.accountPrefix()),
                env.optional(v.variable("SHIPPING_ITEM"), d.shippingItem()),
                env.optional(v.variable("VAT_FREE_CODE"), d.vatFreeCode()),
                env.optional(v.variable("BASE_CURRENCY"), d.baseCurrency()),
                env.optional(v.variable("VARIANT_SEPARATOR"), d.variantSeparator()),
                v.choice(UnicontaSettings.Cancellation.class, "CANCELLATION", d.cancellation()),
                v.choice(UnicontaSettings.UninvoicedCredit.class, "UNINVOICED_CREDIT", d.uninvoicedCredit()),
                v.list("WAREHOUSES", String.join(",", d.warehouses())),
                env.optional(v.variable("TRACKING_FIELD"), d.trackingField()),
                zone(v.variable("ZONE"), env.optional(v.variable("ZONE"), d.zone().getId())), null, null,
                v.choice(UnicontaSettings.VatRounding.class, "VAT_ROUNDING", d.vatRounding()), d.salesPrice(),
                d.variantNames())
                // the merchant's rounding item and tolerance, as for every back office (orders.rounding_item)
                .withRounding(shared.config().orders().roundingItem(), shared.config().orders().roundingTolerance());
        String price = env.optional(v.variable("SALES_PRICE"), Integer.toString(d.salesPrice())).trim();
        if (!price.matches("[123]")) {
            throw new IllegalStateException("environment variable " + v.variable("SALES_PRICE") + " must be 1, 2 or 3 "
                    + "(the item's SalesPrice1..SalesPrice3 the store's price is), was '" + price + "'");
        }
        try {
            settings = settings.withCatalogue(Integer.parseInt(price),
                    v.list("VARIANT_NAMES", String.join(",", d.variantNames())));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("environment variable " + v.variable("VARIANT_NAMES") + ": " + e.getMessage());
        }
        // one API user for every port: Uniconta's daily allowance is per user
        UnicontaConnection connection = new UnicontaConnection(settings, shared.secrets(), ApiClient.defaultHttpClient(),
                RetryPolicy.standard(), shared.pacer(name));
        return UnicontaType.backOffice(name, connection, shared.config().fulfilment().paidStatus() != null);
    }

    private static java.time.ZoneId zone(String variable, String value) {
        try {
            return java.time.ZoneId.of(value);
        } catch (java.time.DateTimeException e) {
            throw new IllegalStateException("environment variable " + variable + " is not a time zone: '" + value + "'");
        }
    }
}
