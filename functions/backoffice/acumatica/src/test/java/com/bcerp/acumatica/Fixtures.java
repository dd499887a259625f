package com.bcerp.acumatica;

import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.TaxLine;
import com.bcerp.core.model.Address;
import com.bcerp.core.model.Money;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Drafts as core makes them, and the wiring of an adapter to a sandbox. */
final class Fixtures {

    static final String SECRET = "acumatica/test";

    private Fixtures() {}

    static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    static Address address(String first, String last) {
        return new Address(first, last, "Harbor & Co", "12 Quay St", "Unit 4", "Portland", "OR", "97201", "US", "555-0100",
                first.toLowerCase() + "@example.com");
    }

    static DraftLine line(int n, String sku, String qty, String price, String discount) {
        return new DraftLine(sku, "Line " + n, new BigDecimal(qty), usd(price), usd(discount), Integer.toString(500 + n),
                "order 250 line " + n + " (product " + (128 + n) + ", sku " + sku + ")");
    }

    static SalesOrderDraft order(String customerId, String externalRef, List<DraftLine> lines) {
        return SalesOrderDraft.sale(externalRef, "250", customerId, LocalDate.of(2026, 3, 1), "USD", "BigCommerce order 250",
                lines, usd("7.50"), List.of(new TaxLine("BCTAX", new BigDecimal("8.25"), usd("78.96"), usd("6.51"))),
                address("Bill", "Payer"), address("Sam", "Shipper"), null, null);
    }

    static CustomerDraft customer(String email) {
        return new CustomerDraft("Pat O'Hara", email, "Harbor & Co", "555-0100", address("Pat", "OHara"),
                address("Sam", "Shipper"), "BC-store-customer-7", false);
    }

    static Map<String, String> secretFor(AcumaticaSandbox sandbox) {
        AcumaticaSandbox.Settings s = sandbox.settings();
        Map<String, String> secret = new HashMap<>();
        secret.put("username", s.username());
        secret.put("password", s.password());
        secret.put("client_id", s.clientId());
        secret.put("client_secret", s.clientSecret());
        return secret;
    }

    static AcumaticaSettings settingsFor(AcumaticaSandbox sandbox) {
        return AcumaticaSettings.defaults(URI.create(sandbox.baseUrl()), SECRET).withRequestTimeout(Duration.ofSeconds(2));
    }
}
