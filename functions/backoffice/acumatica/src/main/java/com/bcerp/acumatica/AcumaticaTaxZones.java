package com.bcerp.acumatica;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tax zone each sales order names ({@code FinancialSettings.CustomerTaxZone}, with {@code OverrideTaxZone}), by
 * the order's currency, else one for all; none leaves the zone to the customer and branch. With an internal zone,
 * Acumatica keeps the store's taxes only when the zone applies every one of their tax ids, and otherwise calculates
 * its own; so the connector names the zone the merchant chose, and checks the taxes against it before posting.
 *
 * @param zone       the zone for every currency without its own; null for none
 * @param byCurrency ISO currency code to zone
 */
public record AcumaticaTaxZones(String zone, Map<String, String> byCurrency) {

    public static final AcumaticaTaxZones NONE = new AcumaticaTaxZones(null, Map.of());

    public AcumaticaTaxZones {
        byCurrency = Map.copyOf(byCurrency);
    }

    /**
     * From the variables' text: a zone (or empty), and {@code EUR:EU,GBP:UK}.
     *
     * @param variable the second variable's name, for the error
     */
    public static AcumaticaTaxZones parse(String zone, String byCurrency, String variable) {
        Map<String, String> zones = new LinkedHashMap<>();
        if (byCurrency != null && !byCurrency.isBlank()) {
            for (String entry : byCurrency.split(",")) {
                String[] pair = entry.trim().split(":", 2);
                if (pair.length != 2 || !pair[0].trim().matches("[A-Za-z]{3}") || pair[1].isBlank()) {
                    throw new IllegalArgumentException("environment variable " + variable + " must list currency:zone "
                            + "pairs, e.g. EUR:EU,GBP:UK; '" + entry.trim() + "' is not one");
                }
                zones.put(pair[0].trim().toUpperCase(Locale.ROOT), pair[1].trim());
            }
        }
        return new AcumaticaTaxZones(zone == null || zone.isBlank() ? null : zone.trim(), zones);
    }

    /** The zone an order in {@code currency} names, if any. */
    public Optional<String> zoneFor(String currency) {
        String own = currency == null ? null : byCurrency.get(currency.toUpperCase(Locale.ROOT));
        return Optional.ofNullable(own != null ? own : zone);
    }
}
