package com.bcerp.core.invoice;

import com.bcerp.core.config.InvalidConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether paid orders get an AR invoice in the back office, per payment gateway, and how.
 *
 * @param enabled invoice paid orders; off, orders stay sales orders with payments applied
 * @param methods the gateways whose paid orders are invoiced, each with its mode; an order paid through a gateway
 *                not listed is not invoiced
 */
public record InvoiceSettings(boolean enabled, List<MethodRule> methods) {

    /** How the invoice is made. */
    public enum Mode {
        /** Prepared from the sales order (its lines, freight and taxes), then released. */
        FROM_ORDER,
        /** Posted directly from the store order's lines (digital or already-shipped goods), then released. */
        DIRECT;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param gateway the store's payment gateway as transactions name it, e.g. braintree
     * @param mode    from_order or direct
     */
    public record MethodRule(String gateway, Mode mode) {}

    public InvoiceSettings {
        methods = methods == null ? List.of() : List.copyOf(methods);
        InvalidConfig.require(!enabled || !methods.isEmpty(), "methods",
                "must name at least one gateway whose paid orders are invoiced when invoices are enabled");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < methods.size(); i++) {
            MethodRule rule = methods.get(i);
            String at = "methods[" + i + "]";
            InvalidConfig.require(rule != null, at, "must be a rule");
            InvalidConfig.require(rule.gateway() != null && !rule.gateway().isBlank(), at + ".gateway", "must name a gateway");
            InvalidConfig.require(rule.mode() != null, at + ".mode", "must be from_order or direct");
            InvalidConfig.require(seen.add(rule.gateway()), at, "gateway " + rule.gateway() + " is listed twice");
        }
    }

    public static InvoiceSettings defaults() {
        return new InvoiceSettings(false, List.of());
    }

    public Optional<Mode> modeFor(String gateway) {
        return methods.stream().filter(r -> r.gateway().equals(gateway)).map(MethodRule::mode).findFirst();
    }
}
