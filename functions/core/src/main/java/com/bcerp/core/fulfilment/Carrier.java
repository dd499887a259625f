package com.bcerp.core.fulfilment;

import com.bcerp.core.config.InvalidConfig;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The store's name for a back-office carrier: either a BigCommerce {@code shipping_provider} (one of the providers the
 * store integrates with) or a {@code tracking_carrier} (an AfterShip courier slug), never both. Either one with the
 * tracking number gives the shopper a tracking link.
 */
public record Carrier(String shippingProvider, String trackingCarrier) {

    /** BigCommerce's documented shipping_provider values ({@code carrier_{id}} for a custom carrier). */
    static final Set<String> PROVIDERS = Set.of("auspost", "canadapost", "endicia", "usps", "fedex", "royalmail", "ups",
            "upsready", "shipperhq");
    private static final Pattern CUSTOM_PROVIDER = Pattern.compile("carrier_\\d+");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public Carrier {
        shippingProvider = blankToNull(shippingProvider);
        trackingCarrier = blankToNull(trackingCarrier);
        InvalidConfig.require(shippingProvider != null || trackingCarrier != null, "shipping_provider",
                "name a shipping_provider or a tracking_carrier");
        InvalidConfig.require(shippingProvider == null || trackingCarrier == null, "tracking_carrier",
                "name a shipping_provider or a tracking_carrier, not both");
        InvalidConfig.require(shippingProvider == null || PROVIDERS.contains(shippingProvider)
                || CUSTOM_PROVIDER.matcher(shippingProvider).matches(), "shipping_provider",
                "must be one of " + new java.util.TreeSet<>(PROVIDERS) + " or carrier_{id}, was " + shippingProvider);
        InvalidConfig.require(trackingCarrier == null || SLUG.matcher(trackingCarrier).matches(), "tracking_carrier",
                "must be an AfterShip courier slug (lower case letters, digits and dashes), was " + trackingCarrier);
    }

    public static Carrier provider(String shippingProvider) {
        return new Carrier(shippingProvider, null);
    }

    public static Carrier tracking(String trackingCarrier) {
        return new Carrier(null, trackingCarrier);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
