package com.bcerp.core.pricelist;

import com.bcerp.core.config.InvalidConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which back-office price lists (or customer price classes) the connector keeps in which store price lists
 * ({@code price_lists:} in the config file). No mappings: the store's price lists are left alone.
 *
 * @param mappings one store price list per back-office price class; each store list name at most once
 */
public record PriceListSettings(List<Mapping> mappings) {

    /**
     * @param priceClass     the back office's price list or customer price class, e.g. Acumatica's price class WHOLESALE
     * @param storePriceList the store price list's name; created when the store has none of that name
     * @param customerGroup  the store customer group (by name) whose shoppers get the list, or null to leave groups alone
     */
    public record Mapping(String priceClass, String storePriceList, String customerGroup) {

        public Mapping {
            InvalidConfig.require(priceClass != null && !priceClass.isBlank(), "price_class",
                    "must name the back office's price list or customer price class");
            InvalidConfig.require(storePriceList != null && !storePriceList.isBlank(), "store_price_list",
                    "must name the store's price list");
            InvalidConfig.require(customerGroup == null || !customerGroup.isBlank(), "customer_group",
                    "must name a store customer group, or be left out");
        }
    }

    public PriceListSettings {
        mappings = mappings == null ? List.of() : List.copyOf(mappings);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < mappings.size(); i++) {
            InvalidConfig.require(names.add(mappings.get(i).storePriceList()), "mappings[" + i + "].store_price_list",
                    "the store price list " + mappings.get(i).storePriceList() + " is mapped twice; one back-office "
                    + "price class per store list");
        }
    }

    public static PriceListSettings defaults() {
        return new PriceListSettings(List.of());
    }
}
