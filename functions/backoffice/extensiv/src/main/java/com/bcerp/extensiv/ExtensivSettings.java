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
 * @param facilityId      the warehouse orders go to ({@code facilityIdentifier.id}) unless the order names a store
 *                        location that {@code locationFacilities} maps
 * @param stockFacilities the facilities whose stock goes back to the store (their ids are the warehouse ids the
 *                        stock settings map to store locations); empty: the default facility and every mapped one
 * @param carriers        the order's ship-via code (core's {@code orders.ship_via}) to {@code Carrier/Mode}; a code
 *                        not listed that holds a {@code /} is split there, any other is sent as the carrier
 * @param importStatuses  the store statuses whose orders go to the warehouse (Extensiv's own integration: only 11,
 *                        Awaiting Fulfillment)
 * @param cancelReason    the {@code reason} a cancellation sends (the canceler requires one)
 * @param locationFacilities store location id to the facility that ships its goods, where the 3PL has several: an
 *                        order naming the location goes there, and the facility's stock goes back to the location
 */
public record ExtensivSettings(URI baseUrl, String secretName, Duration requestTimeout, int customerId, int facilityId,
        List<Integer> stockFacilities, Map<String, String> carriers, List<Integer> importStatuses, String cancelReason,
        Map<Long, Integer> locationFacilities) {

    /** Awaiting Fulfillment: "Only orders with order status: Awaiting Fulfillment will be processed" [E-IM-BC]. */
    public static final List<Integer> AWAITING_FULFILLMENT = List.of(11);

    public ExtensivSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(secretName, "secretName");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(cancelReason, "cancelReason");
        locationFacilities = Map.copyOf(locationFacilities);
        locationFacilities.forEach((location, facility) -> {
            if (location <= 0 || facility == null || facility <= 0) {
                throw new IllegalArgumentException("locationFacilities: store location " + location + " must map to "
                        + "an Extensiv facility id (positive), was " + facility);
            }
        });
        if (new java.util.HashSet<>(locationFacilities.values()).size() < locationFacilities.size()) {
            throw new IllegalArgumentException("locationFacilities: " + new java.util.TreeMap<>(locationFacilities)
                    + " maps two store locations to one facility, whose stock can go back to one location only");
        }
        stockFacilities = List.copyOf(stockFacilities);
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
                Map.of(), AWAITING_FULFILLMENT, "Cancelled in the store", Map.of());
    }

    public ExtensivSettings withStockFacilities(List<Integer> value) {
        return new ExtensivSettings(baseUrl, secretName, requestTimeout, customerId, facilityId, value, carriers,
                importStatuses, cancelReason, locationFacilities);
    }

    public ExtensivSettings withCarriers(Map<String, String> value) {
        return new ExtensivSettings(baseUrl, secretName, requestTimeout, customerId, facilityId, stockFacilities, value,
                importStatuses, cancelReason, locationFacilities);
    }

    public ExtensivSettings withImportStatuses(List<Integer> value) {
        return new ExtensivSettings(baseUrl, secretName, requestTimeout, customerId, facilityId, stockFacilities,
                carriers, value, cancelReason, locationFacilities);
    }

    public ExtensivSettings withLocationFacilities(Map<Long, Integer> value) {
        return new ExtensivSettings(baseUrl, secretName, requestTimeout, customerId, facilityId, stockFacilities,
                carriers, importStatuses, cancelReason, value);
    }

    /** The configured stock facilities; none configured: the default facility and every mapped one. */
    @Override
    public List<Integer> stockFacilities() {
        if (!stockFacilities.isEmpty()) {
            return stockFacilities;
        }
        java.util.Set<Integer> all = new java.util.TreeSet<>(locationFacilities.values());
        all.add(facilityId);
        return List.copyOf(all);
    }

    /** The facility that ships from this store location: its mapped one, else the default (no location too). */
    int facilityFor(Long location) {
        return location == null ? facilityId : locationFacilities.getOrDefault(location, facilityId);
    }

    /** Facility id (as a warehouse id) to the store location it serves, for each mapped location. */
    public Map<String, Long> facilityLocations() {
        Map<String, Long> out = new java.util.TreeMap<>();
        locationFacilities.forEach((location, facility) -> out.put(Integer.toString(facility), location));
        return out;
    }

    String url(String pathAndQuery) {
        String root = baseUrl.toString();
        return (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + pathAndQuery;
    }
}
