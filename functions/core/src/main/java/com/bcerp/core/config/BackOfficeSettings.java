package com.bcerp.core.config;

import static com.bcerp.core.config.InvalidConfig.require;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which back offices the deployment runs and which flow each one serves, e.g. an ERP taking orders, payments and
 * credits beside a warehouse that takes the same orders and sends stock and shipments back. A back office's name
 * keys its state records and prefixes its environment variables ({@code erp} reads {@code ERP_URL}, ...); the type
 * picks its adapter from the registry. Whether a back office can serve a flow (a warehouse has no payments) is
 * checked when the flows are wired, naming the {@code flows} field.
 *
 * @param systems name to type, in order; the default is one Acumatica named {@code acumatica}
 * @param flows   which back office serves each flow; a flow left out is served by the first system
 */
public record BackOfficeSettings(Map<String, String> systems, Flows flows) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    public BackOfficeSettings {
        require(systems != null && !systems.isEmpty(), "systems", "must name at least one back office");
        systems.forEach((name, type) -> {
            require(NAME.matcher(name).matches(), "systems." + name,
                    "a back office's name must be lower-case letters, digits and _ (it prefixes its environment "
                            + "variables), starting with a letter");
            require(type != null && !type.isBlank(), "systems." + name, "must name the back office's type");
        });
        systems = Collections.unmodifiableMap(new LinkedHashMap<>(systems));
        flows = flows == null ? new Flows(null, null, null, null) : flows;
        for (String name : flows.orders() == null ? List.<String>of() : flows.orders()) {
            requireDeclared(systems, name, "flows.orders");
        }
        require(flows.orders() == null || flows.orders().stream().distinct().count() == flows.orders().size(),
                "flows.orders", "names a back office twice: " + flows.orders());
        requireDeclared(systems, flows.stock(), "flows.stock");
        requireDeclared(systems, flows.catalog(), "flows.catalog");
        requireDeclared(systems, flows.fulfilment(), "flows.fulfilment");
    }

    public static BackOfficeSettings defaults() {
        return new BackOfficeSettings(Map.of("acumatica", "acumatica"), null);
    }

    /** The back offices taking the store's orders, the primary (which keeps the keys of a single one) first. */
    public List<String> takingOrders() {
        return flows.orders() == null ? List.of(first()) : flows.orders();
    }

    public String stockFrom() {
        return flows.stock() == null ? first() : flows.stock();
    }

    public String catalogFrom() {
        return flows.catalog() == null ? first() : flows.catalog();
    }

    public String fulfilmentFrom() {
        return flows.fulfilment() == null ? first() : flows.fulfilment();
    }

    private String first() {
        return systems.keySet().iterator().next();
    }

    private static void requireDeclared(Map<String, String> systems, String name, String field) {
        require(name == null || systems.containsKey(name), field, "names '" + name + "', which back_offices.systems does not declare "
                + "(declared: " + List.copyOf(systems.keySet()) + ")");
    }

    /**
     * @param orders     the back offices that take the store's orders (and their payments and credits where they
     *                   can), the primary first
     * @param stock      the back office whose stock goes to the store's locations
     * @param catalog    the back office whose products and prices go to the store's catalogue
     * @param fulfilment the back office whose shipments, tracking and statuses go back to the store
     */
    public record Flows(List<String> orders, String stock, String catalog, String fulfilment) {

        public Flows {
            require(orders == null || !orders.isEmpty(), "flows.orders", "must name at least one back office");
            orders = orders == null ? null : List.copyOf(orders);
        }
    }
}
