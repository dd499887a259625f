package com.bcerp.core.payment;

import com.bcerp.core.config.InvalidConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether and how the store's payment transactions become back-office payments.
 *
 * @param enabled post payments (authorisations, captures, voids); off, the sales orders carry no payments
 * @param methods the store's gateway (and, optionally, currency) to back-office payment method and cash account;
 *                a transaction no rule maps parks the order's payments
 */
public record PaymentSettings(boolean enabled, List<MethodRule> methods) {

    /**
     * @param gateway       the store's payment gateway as transactions name it, e.g. braintree, cod,
     *                      giftcertificate, storecredit
     * @param currency      only for payments in this currency; null for any
     * @param paymentMethod the back-office payment method
     * @param cashAccount   the back-office cash account; null for the payment method's default
     */
    public record MethodRule(String gateway, String currency, String paymentMethod, String cashAccount) {}

    public PaymentSettings {
        methods = methods == null ? List.of() : List.copyOf(methods);
        InvalidConfig.require(!enabled || !methods.isEmpty(), "methods",
                "must map at least one gateway when payments are enabled");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < methods.size(); i++) {
            MethodRule rule = methods.get(i);
            String at = "methods[" + i + "]";
            InvalidConfig.require(rule != null, at, "must be a rule");
            InvalidConfig.require(rule.gateway() != null && !rule.gateway().isBlank(), at + ".gateway", "must name a gateway");
            InvalidConfig.require(rule.paymentMethod() != null && !rule.paymentMethod().isBlank(), at + ".payment_method",
                    "must name a back-office payment method");
            InvalidConfig.require(rule.currency() == null || rule.currency().matches("[A-Z]{3}"), at + ".currency",
                    "must be an ISO 4217 code, or be left out for any currency");
            InvalidConfig.require(seen.add(rule.gateway() + "/" + rule.currency()), at,
                    "gateway " + rule.gateway() + (rule.currency() == null ? "" : " in " + rule.currency())
                            + " is mapped twice");
        }
    }

    public static PaymentSettings defaults() {
        return new PaymentSettings(false, List.of());
    }

    /** The rule for a gateway and currency: one naming the currency wins over one for any currency. */
    public Optional<MethodRule> ruleFor(String gateway, String currency) {
        return methods.stream().filter(r -> r.gateway().equals(gateway) && currency.equals(r.currency())).findFirst()
                .or(() -> methods.stream().filter(r -> r.gateway().equals(gateway) && r.currency() == null).findFirst());
    }
}
