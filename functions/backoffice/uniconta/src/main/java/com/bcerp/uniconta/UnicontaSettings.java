package com.bcerp.uniconta;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how the connector talks to one Uniconta company. The API user and password are not here: they come from
 * the secret named {@code secretName} (see {@link UnicontaCredentials}).
 *
 * @param baseUrl             the API host, {@code https://odata.uniconta.com} (the sandbox's in tests)
 * @param companyId           the company's id; the Basic user name is {@code 00<companyId>/<user>}
 * @param requestTimeout      how long one request may take
 * @param externalRefField    the order header field holding the store order's reference (DebtorOrderClient)
 * @param customerRefField    the user field on DebtorClientUser holding the store's customer id
 * @param kindField           the order header field marking a credit or a return ("credit", "return"); both are
 *                            credit notes (negative quantities) to Uniconta, so the kind is kept here to read back
 * @param branchField         the order header field a draft's branch goes to (a dimension)
 * @param accountPrefix       the prefix of the debtor accounts the connector creates
 * @param shippingItem        the non-stock item freight is posted as
 * @param vatFreeCode         the VAT code of lines of an order without tax; null: such an order is refused
 * @param baseCurrency        the company's currency: orders in it are sent without {@code Currency}
 * @param variantSeparator    between an item number and its variant codes in a store SKU (TEE-200-RED-M)
 * @param cancellation        what cancelling an open order does
 * @param uninvoicedCredit    what a credit for an order not invoiced yet does
 * @param warehouses          the warehouses whose stock is read
 * @param trackingField       the user field on DebtorInvoiceClientUser the merchant's flow writes tracking to; null
 *                            for none
 * @param zone                the company's zone: Uniconta writes its times in it, without an offset (guess)
 * @param roundingItem        the non-stock item that carries the cent Uniconta's VAT (reckoned on each code's sum)
 *                            differs from the store's (reckoned per line); null: such an order is parked
 * @param roundingTolerance   the largest difference posted on it; a larger one parks the order
 * @param vatRounding         how the company rounds VAT, so the adapter reckons it as Uniconta will invoice it
 * @param salesPrice          which of the item's sales prices the store's price is: 1, 2 or 3 ({@code SalesPrice1..3})
 * @param variantNames        the store option names of the variant dimensions, Variant1's first (1 to 5; the company
 *                            names its dimensions in its own set-up, which the API research does not cover)
 */
public record UnicontaSettings(URI baseUrl, long companyId, String secretName, Duration requestTimeout,
        String externalRefField, String customerRefField, String kindField, String branchField, String accountPrefix,
        String shippingItem, String vatFreeCode, String baseCurrency, String variantSeparator,
        Cancellation cancellation, UninvoicedCredit uninvoicedCredit, List<String> warehouses, String trackingField,
        java.time.ZoneId zone, String roundingItem, java.math.BigDecimal roundingTolerance, VatRounding vatRounding,
        int salesPrice, List<String> variantNames) {

    /** Cancelling an open order: blocked (kept, reads back cancelled) or deleted (gone from Uniconta). */
    public enum Cancellation { BLOCK, DELETE }

    /** A credit for an order without an invoice: posted unsettled, or retried until the invoice exists. */
    public enum UninvoicedCredit { UNSETTLED, WAIT }

    /**
     * VAT rounded to the cent once per VAT code (its rate on the code's sum) or on each line, then summed. Which one
     * Uniconta does is UNCONFIRMED (the research does not say): per code is the default.
     */
    public enum VatRounding { PER_CODE, PER_LINE }

    public UnicontaSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(secretName, "secretName");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(externalRefField, "externalRefField");
        Objects.requireNonNull(customerRefField, "customerRefField");
        Objects.requireNonNull(kindField, "kindField");
        Objects.requireNonNull(branchField, "branchField");
        Objects.requireNonNull(accountPrefix, "accountPrefix");
        Objects.requireNonNull(shippingItem, "shippingItem");
        Objects.requireNonNull(baseCurrency, "baseCurrency");
        Objects.requireNonNull(variantSeparator, "variantSeparator");
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(uninvoicedCredit, "uninvoicedCredit");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(vatRounding, "vatRounding");
        warehouses = List.copyOf(warehouses);
        variantNames = List.copyOf(variantNames);
        if (salesPrice < 1 || salesPrice > 3) {
            throw new IllegalArgumentException("salesPrice must be 1, 2 or 3 (InvItemClient's SalesPrice1..SalesPrice3), "
                    + "was " + salesPrice);
        }
        if (variantNames.isEmpty() || variantNames.size() > UnicontaItems.MAX_VARIANTS
                || variantNames.stream().anyMatch(String::isBlank)
                || variantNames.stream().distinct().count() < variantNames.size()) {
            throw new IllegalArgumentException("variantNames must be 1 to 5 different names, Variant1's first, was "
                    + variantNames);
        }
        if (companyId <= 0) {
            throw new IllegalArgumentException("companyId must be Uniconta's company id, was " + companyId);
        }
    }

    /**
     * OurRef, StoreCustomerId, Requisition, Dimension1, accounts WEB..., SHIPPING, no VAT-free code, DKK, "-",
     * cancellations block, unsettled credits, warehouse MAIN, tracking in TrackingNumber, Europe/Copenhagen,
     * 30-second requests: the one place these defaults live.
     */
    public static UnicontaSettings defaults(URI baseUrl, long companyId, String secretName) {
        return new UnicontaSettings(baseUrl, companyId, secretName, Duration.ofSeconds(30), "OurRef", "StoreCustomerId",
                "Requisition", "Dimension1", "WEB", "SHIPPING", null, "DKK", "-", Cancellation.BLOCK,
                UninvoicedCredit.UNSETTLED, List.of("MAIN"), "TrackingNumber",
                java.time.ZoneId.of("Europe/Copenhagen"), null, new java.math.BigDecimal("0.05"), VatRounding.PER_CODE,
                1, DEFAULT_VARIANT_NAMES);
    }

    /** The non-stock item a VAT rounding difference is posted on, and the largest difference it may carry. */
    public UnicontaSettings withRounding(String item, java.math.BigDecimal tolerance) {
        return new UnicontaSettings(baseUrl, companyId, secretName, requestTimeout, externalRefField, customerRefField,
                kindField, branchField, accountPrefix, shippingItem, vatFreeCode, baseCurrency, variantSeparator,
                cancellation, uninvoicedCredit, warehouses, trackingField, zone, item, tolerance, vatRounding,
                salesPrice, variantNames);
    }

    /** The store option names of Variant1..5 before the company renames its dimensions (Uniconta's own labels: a guess). */
    public static final List<String> DEFAULT_VARIANT_NAMES = List.of("Variant 1", "Variant 2", "Variant 3", "Variant 4",
            "Variant 5");

    /** The catalogue's price ({@code SalesPrice1..3}) and the store option names of the variant dimensions. */
    public UnicontaSettings withCatalogue(int price, List<String> names) {
        return new UnicontaSettings(baseUrl, companyId, secretName, requestTimeout, externalRefField, customerRefField,
                kindField, branchField, accountPrefix, shippingItem, vatFreeCode, baseCurrency, variantSeparator,
                cancellation, uninvoicedCredit, warehouses, trackingField, zone, roundingItem, roundingTolerance,
                vatRounding, price, names);
    }

    /** The item field the catalogue's price is read from: {@code SalesPrice1}, 2 or 3. */
    String salesPriceField() {
        return "SalesPrice" + salesPrice;
    }

    public UnicontaSettings withVatRounding(VatRounding value) {
        return new UnicontaSettings(baseUrl, companyId, secretName, requestTimeout, externalRefField, customerRefField,
                kindField, branchField, accountPrefix, shippingItem, vatFreeCode, baseCurrency, variantSeparator,
                cancellation, uninvoicedCredit, warehouses, trackingField, zone, roundingItem, roundingTolerance, value,
                salesPrice, variantNames);
    }

    public UnicontaSettings withVatFreeCode(String code) {
        return new UnicontaSettings(baseUrl, companyId, secretName, requestTimeout, externalRefField, customerRefField,
                kindField, branchField, accountPrefix, shippingItem, code, baseCurrency, variantSeparator, cancellation,
                uninvoicedCredit, warehouses, trackingField, zone, roundingItem, roundingTolerance, vatRounding,
                salesPrice, variantNames);
    }

    public UnicontaSettings withCancellation(Cancellation value) {
        return new UnicontaSettings(baseUrl, companyId, secretName, requestTimeout, externalRefField, customerRefField,
                kindField, branchField, accountPrefix, shippingItem, vatFreeCode, baseCurrency, variantSeparator, value,
                uninvoicedCredit, warehouses, trackingField, zone, roundingItem, roundingTolerance, vatRounding,
                salesPrice, variantNames);
    }

    public UnicontaSettings withUninvoicedCredit(UninvoicedCredit value) {
        return new UnicontaSettings(baseUrl, companyId, secretName, requestTimeout, externalRefField, customerRefField,
                kindField, branchField, accountPrefix, shippingItem, vatFreeCode, baseCurrency, variantSeparator,
                cancellation, value, warehouses, trackingField, zone, roundingItem, roundingTolerance, vatRounding,
                salesPrice, variantNames);
    }

    public UnicontaSettings withWarehouses(List<String> value) {
        return new UnicontaSettings(baseUrl, companyId, secretName, requestTimeout, externalRefField, customerRefField,
                kindField, branchField, accountPrefix, shippingItem, vatFreeCode, baseCurrency, variantSeparator,
                cancellation, uninvoicedCredit, value, trackingField, zone, roundingItem, roundingTolerance, vatRounding,
                salesPrice, variantNames);
    }

    public UnicontaSettings withRequestTimeout(Duration value) {
        return new UnicontaSettings(baseUrl, companyId, secretName, value, externalRefField, customerRefField,
                kindField, branchField, accountPrefix, shippingItem, vatFreeCode, baseCurrency, variantSeparator,
                cancellation, uninvoicedCredit, warehouses, trackingField, zone, roundingItem, roundingTolerance, vatRounding,
                salesPrice, variantNames);
    }

    /** e.g. {@code https://odata.uniconta.com/api/Entities} */
    String entitiesUrl() {
        return root() + "/api/Entities";
    }

    /** e.g. {@code https://odata.uniconta.com/odata/123456} */
    String odataUrl() {
        return root() + "/odata/" + companyId;
    }

    private String root() {
        String url = baseUrl.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
