package com.bcerp.acumatica;

import com.bcerp.core.port.ReferenceCodes;
import com.bcerp.http.JsonSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Acumatica's setup codes, read-only through the Default endpoint: taxes ({@code Tax}, TX205000), payment methods
 * with the cash accounts each allows ({@code PaymentMethod}, CA204000; Default has no cash account entity, so a cash
 * account is known when some active AR payment method allows it), ship-vias ({@code ShipVia}, CS207500, keyed
 * {@code CarrierID}), customer classes ({@code CustomerClass}, AR201000), customer price classes
 * ({@code CustomerPriceClass}, AR208000), tax zones ({@code TaxZone}, TX206000), and branches from the Company
 * Branch inquiry ({@code CompaniesStructure}, CS401000: a PUT of an empty form with {@code $expand=Results}, which
 * writes nothing). Default has no order type entity: those are left to be checked on Order Types (SO201000).
 */
final class AcumaticaReferenceCodes implements ReferenceCodes {

    private final AcumaticaApi api;
    private final AcumaticaSettings settings;
    private final AcumaticaTaxZones taxZones;

    AcumaticaReferenceCodes(AcumaticaConnection connection, AcumaticaTaxZones taxZones) {
        this.api = connection.api();
        this.settings = connection.settings();
        this.taxZones = taxZones;
    }

    @Override
    public Listing codes(Kind kind) {
        return switch (kind) {
            case TAX_ID -> list("Tax", "TaxID", Map.of("$select", "TaxID"));
            case SHIP_VIA -> list("ShipVia", "CarrierID", Map.of("$select", "CarrierID"));
            case PAYMENT_METHOD, CASH_ACCOUNT -> paymentMethods(kind);
            case CUSTOMER_CLASS -> list("CustomerClass", "ClassID", Map.of("$select", "ClassID"));
            case PRICE_CLASS -> list("CustomerPriceClass", "PriceClassID", Map.of("$select", "PriceClassID"));
            case TAX_ZONE -> list("TaxZone", "TaxZoneID", Map.of("$select", "TaxZoneID"));
            case BRANCH -> branches();
            case ORDER_TYPE -> new Unreadable("the Default endpoint has no order type entity; check them on Order "
                    + "Types (SO201000)");
        };
    }

    /** Order types, the new customers' class and the tax zones, as the deployment config names them. */
    @Override
    public List<Setting> settings() {
        List<Setting> named = new ArrayList<>();
        named.add(new Setting("order_type", Kind.ORDER_TYPE, settings.orderType()));
        named.add(new Setting("credit_order_type", Kind.ORDER_TYPE, settings.creditOrderType()));
        named.add(new Setting("return_order_type", Kind.ORDER_TYPE, settings.returnOrderType()));
        if (settings.customerClass() != null) {
            named.add(new Setting("customer_class", Kind.CUSTOMER_CLASS, settings.customerClass()));
        }
        if (taxZones.zone() != null) {
            named.add(new Setting("tax_zone", Kind.TAX_ZONE, taxZones.zone()));
        }
        new TreeSet<>(taxZones.byCurrency().keySet()).forEach(currency -> named.add(new Setting(
                "tax_zones_by_currency", Kind.TAX_ZONE, taxZones.byCurrency().get(currency))));
        return named;
    }

    private Listed list(String entity, String key, Map<String, String> query) {
        Set<String> codes = new TreeSet<>();
        Records.forEachPage(api, entity, query, Records.PAGE,
                page -> page.forEach(row -> add(codes, Records.text(row, key))));
        return new Listed(codes);
    }

    /** Only active payment methods used in AR take customer payments and sales orders. */
    private Listed paymentMethods(Kind kind) {
        Set<String> methods = new TreeSet<>();
        Set<String> accounts = new TreeSet<>();
        Records.forEachPage(api, "PaymentMethod", Map.of("$filter", "Active eq true", "$expand", "AllowedCashAccounts"),
                Records.PAGE, page -> page.forEach(method -> {
                    if (!Records.flag(method, "UseInAR")) {
                        return;
                    }
                    add(methods, Records.text(method, "PaymentMethodID"));
                    method.path("AllowedCashAccounts").forEach(a -> {
                        if (Records.flag(a, "UseInAR")) {
                            add(accounts, Records.text(a, "CashAccount"));
                        }
                    });
                }));
        return new Listed(kind == Kind.PAYMENT_METHOD ? methods : accounts);
    }

    /** Active branches of the tenant's companies. */
    private Listed branches() {
        Set<String> branches = new TreeSet<>();
        Records.one(api.put("CompaniesStructure", Map.of("$expand", "Results"), JsonSupport.MAPPER.createObjectNode(),
                true), "companies' structure").path("Results").forEach(row -> {
                    if (Records.flag(row, "BranchStatus")) {
                        add(branches, Records.text(row, "BranchID"));
                    }
                });
        return new Listed(branches);
    }

    /** A row without its key (a $select the instance ignored) adds nothing. */
    private static void add(Set<String> codes, String code) {
        if (code != null && !code.isEmpty()) {
            codes.add(code);
        }
    }
}
