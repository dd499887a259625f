package com.bcerp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.pricelist.PriceListSettings;
import org.junit.jupiter.api.Test;

/** The {@code price_lists:} section: off by default, each mapping checked, errors naming the field by its path. */
class PriceListConfigTest {

    @Test
    void noSectionMeansNoPriceLists() {
        assertThat(ConfigLoader.parse("").priceLists().mappings()).isEmpty();
    }

    @Test
    void mappingsAreRead() {
        var config = ConfigLoader.parse("""
                price_lists:
                  mappings:
                    - price_class: WHOLESALE
                      store_price_list: Wholesale
                    - price_class: RETAIL
                      store_price_list: Retail club
                      customer_group: Club members
                """);
        assertThat(config.priceLists().mappings()).containsExactly(
                new PriceListSettings.Mapping("WHOLESALE", "Wholesale", null),
                new PriceListSettings.Mapping("RETAIL", "Retail club", "Club members"));
    }

    @Test
    void aMappingWithoutItsStoreListNamesTheField() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                price_lists:
                  mappings:
                    - price_class: WHOLESALE
                """)).isInstanceOf(ConfigException.class)
                .hasMessage("config price_lists.mappings[0].store_price_list: must name the store's price list");
    }

    @Test
    void aStoreListMappedTwiceIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                price_lists:
                  mappings:
                    - {price_class: A, store_price_list: Trade}
                    - {price_class: B, store_price_list: Trade}
                """)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config price_lists.mappings[1].store_price_list: the store price list Trade is mapped twice");
    }

    @Test
    void anUnknownKeyIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.parse("price_lists:\n  mappings:\n    - {price_class: A, store_price_list: B, list: B}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("price_lists.mappings[0].list: unknown field");
    }
}
