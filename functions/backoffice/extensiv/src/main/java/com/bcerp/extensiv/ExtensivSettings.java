package com.bcerp.extensiv;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how the connector talks to one 3PL's Extensiv 3PL Warehouse Manager, and for which of its customers. The
 * client id, secret and user login are not here: they come from the secret named {@code secretName} (see
 * {@link ExtensivCredentials}).
 *
 * @param baseUrl         the API host, {@code https://secure-wms.com} (the sandbox's in tests)
 * @param customerId      the merchant as the 3PL's customer ({@code customerIdentifier.id}), from the 3PL
 * @param facilityId      the warehouse orders go to ({@code facilityIdentifier.id})
 * @param stockFacilities the facilities whose stock goes back to the store (their ids are the warehouse ids the
 *                        stock settings map to store locations)
 * @param carriers        the order's ship-via code (core's {@code orders.ship_via}) to {@code Carrier/Mode}; a code
 *                        not listed that holds a {@code /} is split there, any other is sent as the carrier
 * @param importStatuses  the store statuses whose orders go to the warehouse (Extensiv's own integration: only 11,
 *                        Awaiting Fulfillment)
 * @param cancelReason    the {@code reason} a cancellation sends (the canceler requires one)
 */
public record ExtensivSettings(URI baseUrl, String secretName, Duration requestTimeout, int customerId, int facilityId,
        List<Integer> stockFacilities, Map<String, String> carriers, List<Integer> importStatuses, String cancelReason) {

    /** Awaiting Fulfillment: "Only orders with order status: Awaiting Fulfillment will be processed" [E-IM-BC]. */
    public static final List<Integer> AWAITING_FULFILLMENT = List.of(11);

    public ExtensivSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(secretName, "secretName");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(cancelReason, "cancelReason");
        stockFacilities = List.copyOf(stockFacilities.isEmpty() ? List.of(facilityId) : stockFacilities);
        carriers = Map.copyOf(carriers);
        importStatuses = List.copyOf(importStatuses);
        if (customerId <= 0 || facilityId <= 0) {
            throw new IllegalArgumentException("customerId and facilityId are Extensiv's ids (positive), were "
                    + customerId + " and " + facilityId);
        }
    }

    /** 30-second requests, stock of the order facility only, no carrier table, status 11 only. */
    public static ExtensivSettings defaults(URI baseUrl, String secretName, int customerId, int facilityId) {
        return new ExtensivSettings(baseUrl, secretName, Duration.ofSeconds(30), customerId, facilityId, List.of(),
                Map.of(), AWAITING_FULFILLMENT, "Cancelled in the store");
    }

    public ExtensivSettings withStockFacilities(List<Integer> value) {
        return new ExtensivSettings(baseUrl, secretName, requestTimeout, customerId, facilityId, value, carriers,
                importStatuses, cancelReason);
    }

    public ExtensivSettings withCarriers(Map<String, String> value) {
        return new ExtensivSettings(baseUrl, secretName, requestTimeout, customerId, facilityId, stockFacilities, value,
                importStatuses, cancelReason);
    }

    public ExtensivSettings withImportStatuses(List<Integer> value) {
        return new ExtensivSettings(baseUrl, secretName, requestTimeout, customerId, facilityId, stockFacilities,
                carriers, value, cancelReason);
    }

    String url(String pathAndQuery) {
        String root = baseUrl.toString();
        return (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + pathAndQuery;
    }
}
