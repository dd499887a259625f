package com.bcerp.core.order;

import com.bcerp.core.config.InvalidConfig;
import java.util.Map;

/**
 * Which back-office branch an order belongs to: by storefront (BigCommerce {@code channel_id}) first, then by the
 * currency the shopper paid in, then the default.
 *
 * @param channels      storefront channel id (e.g. "1") to branch
 * @param currencies    ISO currency code to branch
 * @param defaultBranch the branch for anything not listed; null leaves it to the back office's default, unless
 *                      {@code channels} is set, in which case an unlisted storefront parks the order
 */
public record RoutingSettings(Map<String, String> channels, Map<String, String> currencies, String defaultBranch) {

    public RoutingSettings {
        channels = channels == null ? Map.of() : Map.copyOf(channels);
        currencies = currencies == null ? Map.of() : Map.copyOf(currencies);
        channels.forEach((channel, branch) -> {
            InvalidConfig.require(channel.matches("\\d+"), "channels." + channel, "must be a channel id (a number)");
            InvalidConfig.require(branch != null && !branch.isBlank(), "channels." + channel, "must name a branch");
        });
        currencies.forEach((currency, branch) -> {
            InvalidConfig.require(currency.matches("[A-Z]{3}"), "currencies." + currency, "must be an ISO 4217 code");
            InvalidConfig.require(branch != null && !branch.isBlank(), "currencies." + currency, "must name a branch");
        });
        InvalidConfig.require(defaultBranch == null || !defaultBranch.isBlank(), "default_branch",
                "must name a branch, or be left out");
    }

    public static RoutingSettings defaults() {
        return new RoutingSettings(Map.of(), Map.of(), null);
    }
}
