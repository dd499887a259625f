package com.bcerp.core.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.config.InvalidConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A back office's own warehouse-to-location map (an Extensiv facility per store location) against stock.locations. */
class StockSettingsTest {

    private static final Map<String, Long> SERVED = Map.of("3", 1L, "4", 2L);

    @Test
    void with_no_stock_locations_each_warehouse_s_stock_goes_to_the_location_it_serves() {
        StockSettings settings = StockSettings.defaults().servedBy(SERVED, "wms location facilities");

        assertThat(settings.locationOf("3")).contains(1L);
        assertThat(settings.locationOf("4")).contains(2L);
        assertThat(settings.locationOf("5")).as("a warehouse it does not map is left out").isEmpty();
        assertThat(StockSettings.defaults().servedBy(Map.of(), "x")).isEqualTo(StockSettings.defaults());
    }

    @Test
    void stock_locations_that_agree_stand_and_one_that_does_not_is_refused_naming_the_field() {
        StockSettings agreeing = StockSettings.defaults().withLocations(Map.of("3", 1L, "9", 5L));
        assertThat(agreeing.servedBy(SERVED, "wms location facilities")).isEqualTo(agreeing);

        StockSettings other = StockSettings.defaults().withLocations(Map.of("4", 3L));
        assertThatThrownBy(() -> other.servedBy(SERVED, "wms location facilities")).isInstanceOf(InvalidConfig.class)
                .hasMessageContaining("stock.locations.4").hasMessageContaining("wms location facilities");
    }
}
