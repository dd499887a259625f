package com.bcerp.bigcommerce;

import com.bcerp.core.catalog.MatchKey;
import com.bcerp.core.stock.InventoryTracking;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** What the inventory and catalogue adapters share: reading tracking modes and keys, and writing list filters. */
final class StoreItems {

    /** Values per {@code :in} filter, so a request line stays far below the gateway's URL limit. */
    static final int FILTER_BATCH = 50;

    private StoreItems() {}

    static InventoryTracking tracking(JsonNode product) {
        return switch (product.path("inventory_tracking").asText("none")) {
            case "product" -> InventoryTracking.PRODUCT;
            case "variant" -> InventoryTracking.VARIANT;
            default -> InventoryTracking.NONE;
        };
    }

    static String tracking(InventoryTracking tracking) {
        return tracking.name().toLowerCase(Locale.ROOT);
    }

    /** A product's or variant's match-key value, or null when it has none. */
    static String key(JsonNode productOrVariant, MatchKey matchKey) {
        String value = productOrVariant.path(matchKey == MatchKey.UPC ? "upc" : "sku").asText("");
        return value.isBlank() ? null : value;
    }

    static String csv(Collection<?> values) {
        return URLEncoder.encode(String.join(",", values.stream().map(String::valueOf).toList()), StandardCharsets.UTF_8);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static <T> List<List<T>> chunks(Collection<T> values, int size) {
        List<T> all = List.copyOf(values);
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            chunks.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return chunks;
    }
}
