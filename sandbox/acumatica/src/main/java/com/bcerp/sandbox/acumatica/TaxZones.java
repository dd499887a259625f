package com.bcerp.sandbox.acumatica;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instance's tax zones (TX206000), each with the taxes it applies and their rates (TX205000's schedules), and the
 * zone a branch gives an order whose customer has none. A sales order's zone is its {@code CustomerTaxZone} when
 * {@code OverrideTaxZone} is set, else its customer's {@code TaxZone}, else the branch's.
 *
 * <p>With {@code IsTaxValid} and an internal zone, Acumatica compares the request's tax details with those the zone
 * calculates and keeps them only if they are among them (Acumatica help, "Create a Sales Order with Tax Overridden");
 * otherwise the zone's own calculation stands. How a live instance treats an order with no zone at all is
 * unconfirmed: by default it keeps the details sent; the knob {@link #noZoneDropsSentTaxes} models the harsher reading,
 * no zone and so no tax. The rates below are this sandbox company's set-up, not Acumatica's.
 */
public final class TaxZones {

    static final EntityShapes.Shape SHAPE = EntityShapes.get("TaxZone");

    private final Map<String, Map<String, BigDecimal>> zones = new ConcurrentHashMap<>();
    private volatile String branchZone;
    private volatile boolean noZoneDropsSentTaxes;

    TaxZones() {
        define("ECOMMERCE", Map.of("BCTAX", new BigDecimal("10"), "STDTAX", new BigDecimal("20"),
                "REDTAX", new BigDecimal("5"), "SHIPTAX", new BigDecimal("20"), "EXEMPT", BigDecimal.ZERO));
        define("NY", Map.of("NYSTATETAX", new BigDecimal("8.875")));
        define("EU", Map.of("EUVAT", new BigDecimal("21")));
    }

    /** A zone and the percentage rate of each tax it applies. */
    public void define(String zoneId, Map<String, BigDecimal> ratesByTax) {
        zones.put(zoneId, new LinkedHashMap<>(ratesByTax));
    }

    /** The zone the branch gives orders whose customer has none; null for none (the sandbox's default). */
    public void branchZone(String zoneId) {
        branchZone = zoneId;
    }

    /** The harsher reading of an order with no zone: the taxes sent are dropped, and none are calculated. */
    public void noZoneDropsSentTaxes(boolean on) {
        noZoneDropsSentTaxes = on;
    }

    boolean noZoneKeepsSentTaxes() {
        return !noZoneDropsSentTaxes;
    }

    Optional<String> branchZone() {
        return Optional.ofNullable(branchZone);
    }

    boolean exists(String zoneId) {
        return zones.containsKey(zoneId);
    }

    /** The zone's taxes and their rates, in percent. */
    Map<String, BigDecimal> taxes(String zoneId) {
        return Map.copyOf(zones.getOrDefault(zoneId, Map.of()));
    }

    Optional<ObjectNode> get(String zoneId) {
        return Optional.ofNullable(zones.get(zoneId)).map(taxes -> render(zoneId, taxes));
    }

    List<ObjectNode> list(java.util.function.Predicate<com.fasterxml.jackson.databind.JsonNode> filter) {
        return zones.keySet().stream().sorted().map(id -> render(id, zones.get(id))).filter(filter).toList();
    }

    private static ObjectNode render(String zoneId, Map<String, BigDecimal> taxes) {
        ObjectNode zone = Values.NODES.objectNode();
        Values.set(zone, "TaxZoneID", zoneId);
        Values.set(zone, "Description", "Tax zone " + zoneId);
        ArrayNode applicable = zone.putArray("ApplicableTaxes");
        taxes.keySet().stream().sorted().forEach(tax -> Values.set(applicable.addObject(), "TaxID", tax));
        return zone;
    }
}
