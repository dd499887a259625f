package com.bcerp.sandbox.bigcommerce;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code POST /v2/orders/{id}/shipments} accepts, as BigCommerce documents it: {@code order_address_id} must be
 * one of the order's shipping addresses and {@code items[]} (each {@code order_product_id} and {@code quantity},
 * both required) must be products of the order that ship to that address, no more than is left to ship of each;
 * {@code tracking_number} up to 50 characters, {@code tracking_link} up to 500; {@code shipping_provider} one of the
 * integrated providers (or {@code carrier_{id}}), {@code tracking_carrier} "" or an AfterShip slug. Either of them
 * with a tracking number generates {@code generated_tracking_link}.
 */
final class ShipmentRules {

    static final List<String> PROVIDERS = List.of("auspost", "canadapost", "endicia", "usps", "fedex", "ups", "upsready",
            "upsonline", "shipperhq", "royalmail");
    private static final Pattern CUSTOM_PROVIDER = Pattern.compile("carrier_\\d+");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Map<String, String> DISPLAY = Map.of("auspost", "Australia Post", "canadapost", "Canada Post",
            "endicia", "Endicia", "usps", "USPS", "fedex", "FedEx", "ups", "UPS", "upsready", "UPS", "upsonline", "UPS",
            "shipperhq", "ShipperHQ", "royalmail", "Royal Mail");
    private static final Map<String, String> LINKS = Map.of(
            "usps", "https://tools.usps.com/go/TrackConfirmAction?tLabels=",
            "ups", "https://www.ups.com/track?tracknum=", "upsready", "https://www.ups.com/track?tracknum=",
            "upsonline", "https://www.ups.com/track?tracknum=", "fedex", "https://www.fedex.com/fedextrack/?trknbr=",
            "auspost", "https://auspost.com.au/mypost/track/#/details/",
            "canadapost", "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=",
            "royalmail", "https://www.royalmail.com/track-your-item#/tracking-results/");
    private static final List<String> FIELDS = List.of("order_address_id", "items", "tracking_number", "tracking_link",
            "tracking_carrier", "shipping_provider", "shipping_method", "merchant_shipping_cost", "comments");

    private ShipmentRules() {}

    /** The shipment the body asks for, or a 400 naming what is wrong. */
    static Shipment validate(SandboxOrder order, JsonNode body, long id, Instant now) {
        if (body == null || !body.isObject()) {
            throw BcErrors.v2(400, "The request body must be a shipment object.");
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw BcErrors.v2(400, "The field '" + f + "' is not a shipment field.");
            }
        });
        JsonNode address = body.get("order_address_id");
        if (address == null || !address.isIntegralNumber()) {
            throw BcErrors.v2(400, "The required field 'order_address_id' was not supplied.");
        }
        long addressId = address.longValue();
        if (order.shippingAddresses().stream().noneMatch(a -> a.id() == addressId)) {
            throw BcErrors.v2(400, "The order address with ID " + addressId + " does not belong to order " + order.id() + ".");
        }
        JsonNode items = body.get("items");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw BcErrors.v2(400, "The required field 'items' was not supplied.");
        }
        Map<Long, Integer> wanted = new LinkedHashMap<>();
        for (JsonNode item : items) {
            JsonNode product = item.get("order_product_id");
            JsonNode quantity = item.get("quantity");
            if (product == null || !product.isIntegralNumber() || quantity == null || !quantity.isIntegralNumber()) {
                throw BcErrors.v2(400, "Each item needs an integer 'order_product_id' and 'quantity'.");
            }
            if (quantity.intValue() < 1) {
                throw BcErrors.v2(400, "The quantity of order product " + product.longValue() + " must be at least 1.");
            }
            wanted.merge(product.longValue(), quantity.intValue(), Integer::sum);
        }
        List<Shipment.Item> lines = new ArrayList<>();
        for (Map.Entry<Long, Integer> w : wanted.entrySet()) {
            LineItem line = order.line(w.getKey()).orElseThrow(() -> BcErrors.v2(400, "The order product with ID "
                    + w.getKey() + " does not belong to order " + order.id() + "."));
            if (line.orderAddressId() != addressId) {
                throw BcErrors.v2(400, "The order product with ID " + line.id() + " does not ship to order address "
                        + addressId + ".");
            }
            int left = line.quantity() - order.quantityShipped(line.id());
            if (w.getValue() > left) {
                throw BcErrors.v2(400, "You cannot ship " + w.getValue() + " of order product " + line.id() + ": only "
                        + left + " remain to be shipped.");
            }
            lines.add(new Shipment.Item(line.id(), line.productId(), w.getValue()));
        }
        String tracking = text(body, "tracking_number");
        if (tracking.length() > 50) {
            throw BcErrors.v2(400, "The field 'tracking_number' must be at most 50 characters.");
        }
        String link = text(body, "tracking_link");
        if (link.length() > 500) {
            throw BcErrors.v2(400, "The field 'tracking_link' must be at most 500 characters.");
        }
        String provider = text(body, "shipping_provider");
        if (!provider.isEmpty() && !PROVIDERS.contains(provider) && !CUSTOM_PROVIDER.matcher(provider).matches()) {
            throw BcErrors.v2(400, "The field 'shipping_provider' must be one of " + PROVIDERS + ", a custom carrier_{id} or empty.");
        }
        String carrier = text(body, "tracking_carrier");
        if (!carrier.isEmpty() && !SLUG.matcher(carrier).matches()) {
            throw BcErrors.v2(400, "The field 'tracking_carrier' must be empty or a tracking carrier slug.");
        }
        return new Shipment(id, addressId, now, tracking, provider, carrier, link, text(body, "shipping_method"),
                body.hasNonNull("merchant_shipping_cost") ? body.get("merchant_shipping_cost").asText() : "0.0000",
                text(body, "comments"), lines);
    }

    /** Shipped when every physical product has shipped in full, otherwise Partially Shipped. */
    static int statusAfter(SandboxOrder order) {
        boolean all = order.lines().stream().filter(LineItem::isShipped)
                .allMatch(l -> order.quantityShipped(l.id()) >= l.quantity());
        return all ? 2 : 3;
    }

    static String displayName(Shipment s) {
        return s.shippingProvider().isEmpty() ? "" : DISPLAY.getOrDefault(s.shippingProvider(), s.shippingProvider());
    }

    static String generatedLink(Shipment s) {
        if (s.trackingNumber().isEmpty() || !s.trackingLink().isEmpty()) {
            return "";
        }
        String number = URLEncoder.encode(s.trackingNumber(), StandardCharsets.UTF_8);
        if (LINKS.containsKey(s.shippingProvider())) {
            return LINKS.get(s.shippingProvider()) + number;
        }
        return s.trackingCarrier().isEmpty() ? "" : "https://track.aftership.com/" + s.trackingCarrier() + "/" + number;
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
