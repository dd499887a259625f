package com.bcerp.bigcommerce;

import java.net.URI;
import java.util.Objects;

/**
 * Where and as whom the connector calls one store.
 *
 * @param apiBase     {@code https://api.bigcommerce.com}, or the sandbox's base URL locally
 * @param storeHash   the store's permanent id
 * @param accessToken the API account's token, sent as {@code X-Auth-Token}; never printed
 */
public record BigCommerceSettings(URI apiBase, String storeHash, String accessToken) {

    public static final URI DEFAULT_API_BASE = URI.create("https://api.bigcommerce.com");

    public BigCommerceSettings {
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(storeHash, "storeHash");
        Objects.requireNonNull(accessToken, "accessToken");
        if (!storeHash.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("storeHash must be letters and digits, was '" + storeHash + "'");
        }
    }

    public static BigCommerceSettings of(String storeHash, String accessToken) {
        return new BigCommerceSettings(DEFAULT_API_BASE, storeHash, accessToken);
    }

    /** {@code {apiBase}/stores/{storeHash}} + path, e.g. {@code /v2/orders/7}. */
    public URI storeUri(String pathAndQuery) {
        String base = apiBase.toString().replaceAll("/+$", "");
        return URI.create(base + "/stores/" + storeHash + pathAndQuery);
    }

    @Override
    public String toString() {
        return "BigCommerceSettings[apiBase=" + apiBase + ", storeHash=" + storeHash + ", accessToken=(redacted)]";
    }
}
