package com.bcerp.handlers.worker;

import com.bcerp.core.port.BackOffice;
import com.bcerp.extensiv.ExtensivConnection;
import com.bcerp.extensiv.ExtensivSettings;
import com.bcerp.extensiv.ExtensivType;
import com.bcerp.http.ApiClient;
import com.bcerp.http.RetryPolicy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An Extensiv 3PL Warehouse Manager back office (a WMS) from its {@code {NAME}_...} variables (for the default name
 * {@code extensiv}: {@code EXTENSIV_CUSTOMER_ID}, {@code EXTENSIV_FACILITY_ID}, ...; the adapter's README lists them
 * all). Its secret holds {@code client_id}, {@code client_secret}, {@code user_login} and optionally {@code tpl}.
 */
final class ExtensivFromEnvironment {

    private ExtensivFromEnvironment() {}

    static BackOffice create(String name, BackOfficeRegistry.Variables v, BackOfficeRegistry.Shared shared) {
        var env = v.env();
        int customer = id(v.variable("CUSTOMER_ID"), env.required(v.variable("CUSTOMER_ID"),
                "the merchant's customer id in the 3PL's Extensiv"));
        int facility = id(v.variable("FACILITY_ID"), env.required(v.variable("FACILITY_ID"),
                "the Extensiv facility orders go to"));
        ExtensivSettings d = ExtensivSettings.defaults(env.uri(v.variable("URL"), "https://secure-wms.com"),
                v.secretName(), customer, facility);
        ExtensivSettings settings;
        try {
            settings = new ExtensivSettings(d.baseUrl(), d.secretName(),
                    env.seconds(v.variable("TIMEOUT_SECONDS"), d.requestTimeout()), customer, facility,
                    v.list("STOCK_FACILITIES", "").stream()
                            .map(f -> id(v.variable("STOCK_FACILITIES"), f)).toList(),
                    carriers(v.variable("CARRIERS"), env.optional(v.variable("CARRIERS"), "")),
                    v.list("IMPORT_STATUSES", "11").stream()
                            .map(s -> id(v.variable("IMPORT_STATUSES"), s)).toList(),
                    env.optional(v.variable("CANCEL_REASON"), d.cancelReason()),
                    locationFacilities(v.variable("LOCATION_FACILITIES"), env.optional(v.variable("LOCATION_FACILITIES"), "")));
        } catch (IllegalArgumentException e) {
            // the settings' own checks, named by the variable that set them
            throw new IllegalStateException("environment variable " + (e.getMessage().startsWith("locationFacilities")
                    ? v.variable("LOCATION_FACILITIES") : v.variable("FACILITY_ID")) + ": " + e.getMessage());
        }
        // one token for every port: a token request is a call too
        ExtensivConnection connection = new ExtensivConnection(settings, shared.secrets(), ApiClient.defaultHttpClient(),
                RetryPolicy.standard(), shared.pacer(name), shared.clock());
        return ExtensivType.backOffice(name, connection, shared.config().catalog().storeCurrency());
    }

    private static int id(String variable, String value) {
        if (!value.trim().matches("\\d{1,9}")) {
            throw new IllegalStateException("environment variable " + variable + " is not a number: '" + value + "'");
        }
        return Integer.parseInt(value.trim());
    }

    /** {@code 1=3;2=4}: store location id to the Extensiv facility id that ships its orders and holds its stock. */
    private static Map<Long, Integer> locationFacilities(String variable, String value) {
        Map<Long, Integer> out = new LinkedHashMap<>();
        for (String entry : value.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] pair = entry.split("=", -1);
            if (pair.length != 2 || !pair[0].trim().matches("\\d{1,9}") || !pair[1].trim().matches("\\d{1,9}")) {
                throw new IllegalStateException("environment variable " + variable + ": '" + entry.trim()
                        + "' is not LOCATION=FACILITY (a store location id and an Extensiv facility id)");
            }
            if (out.put(Long.parseLong(pair[0].trim()), Integer.parseInt(pair[1].trim())) != null) {
                throw new IllegalStateException("environment variable " + variable + " names store location "
                        + pair[0].trim() + " twice");
            }
        }
        return out;
    }

    /** {@code CODE=Carrier/Mode;CODE2=Carrier} (ship-via codes hold commas less often than semicolons). */
    private static Map<String, String> carriers(String variable, String value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : value.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalStateException("environment variable " + variable + ": '" + entry.trim()
                        + "' is not CODE=Carrier/Mode");
            }
            out.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return out;
    }
}
