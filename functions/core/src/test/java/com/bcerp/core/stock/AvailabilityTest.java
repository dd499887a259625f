package com.bcerp.core.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AvailabilityTest {

    static WarehouseStock wh(String id, String onHand, String available, String forShipment, String safety) {
        return new WarehouseStock(id, new BigDecimal(onHand), new BigDecimal(available), new BigDecimal(forShipment),
                new BigDecimal(safety));
    }

    static ItemStock item(WarehouseStock... warehouses) {
        return new ItemStock("SKU-1", true, List.of(warehouses));
    }

    @Test
    void each_rule_starts_from_its_own_figure_less_safety_stock() {
        ItemStock stock = item(wh("MAIN", "20", "14", "11", "2"));

        assertThat(new Availability(StockSettings.defaults().withAvailability(AvailabilityRule.ON_HAND)).of(stock))
                .containsExactly(Map.entry(1L, 18));
        assertThat(new Availability(StockSettings.defaults().withAvailability(AvailabilityRule.AVAILABLE)).of(stock))
                .containsExactly(Map.entry(1L, 12));
        assertThat(new Availability(StockSettings.defaults().withAvailability(AvailabilityRule.AVAILABLE_FOR_SHIPMENT))
                .of(stock)).containsExactly(Map.entry(1L, 9));
    }

    @Test
    void safety_stock_can_be_left_in() {
        StockSettings keep = new StockSettings(true, AvailabilityRule.AVAILABLE, false, 0, Map.of(), 1, 24, 120, Map.of());
        assertThat(new Availability(keep).of(item(wh("MAIN", "20", "14", "11", "2")))).containsEntry(1L, 14);
    }

    @Test
    void the_reserve_is_held_back_per_location_after_summing_and_never_below_zero() {
        Availability reserveFive = new Availability(StockSettings.defaults().withReserve(5));

        assertThat(reserveFive.of(item(wh("A", "9", "9", "9", "0"), wh("B", "4", "4", "4", "0")))).containsEntry(1L, 8);
        assertThat(reserveFive.of(item(wh("A", "3", "3", "3", "0")))).containsEntry(1L, 0);
    }

    @Test
    void summed_warehouses_add_up_but_a_short_warehouse_does_not_take_from_the_others() {
        Availability summed = new Availability(StockSettings.defaults());
        // B is oversold (available -3) and below its safety stock: it contributes 0, not -5
        ItemStock stock = item(wh("A", "10", "10", "10", "1"), wh("B", "0", "-3", "0", "2"));

        assertThat(summed.of(stock)).containsExactly(Map.entry(1L, 9));
    }

    @Test
    void each_warehouse_goes_to_its_location_and_unmapped_warehouses_are_left_out() {
        StockSettings settings = StockSettings.defaults().withLocations(Map.of("EAST", 1L, "WEST", 2L, "OUTLET", 2L));
        ItemStock stock = item(wh("EAST", "5", "5", "5", "0"), wh("WEST", "7", "7", "7", "0"),
                wh("OUTLET", "1", "1", "1", "0"), wh("RETURNS", "50", "50", "50", "0"));

        assertThat(new Availability(settings).of(stock)).containsOnly(Map.entry(1L, 5), Map.entry(2L, 8));
    }

    @Test
    void every_target_location_gets_a_figure_even_where_the_item_has_no_warehouse_record() {
        StockSettings settings = StockSettings.defaults().withLocations(Map.of("EAST", 1L, "WEST", 2L));

        assertThat(new Availability(settings).of(item(wh("EAST", "5", "5", "5", "0"))))
                .containsOnly(Map.entry(1L, 5), Map.entry(2L, 0));
    }

    @Test
    void fractions_round_down_to_whole_units() {
        assertThat(new Availability(StockSettings.defaults()).of(item(wh("A", "7.9", "7.9", "7.9", "0.5"))))
                .containsEntry(1L, 7);
    }

    @Test
    void an_item_that_is_not_sellable_or_gone_shows_zero() {
        Availability availability = new Availability(StockSettings.defaults());
        assertThat(availability.of(new ItemStock("X", false, List.of(wh("A", "9", "9", "9", "0"))))).containsEntry(1L, 0);
        assertThat(availability.of(ItemStock.gone("X"))).containsEntry(1L, 0);
    }

    @Test
    void a_kit_is_the_least_number_of_whole_kits_its_components_make_per_location() {
        StockSettings settings = StockSettings.defaults().withLocations(Map.of("EAST", 1L, "WEST", 2L));
        KitDefinition giftSet = new KitDefinition("GIFT", List.of(new KitComponent("MUG", new BigDecimal("2")),
                new KitComponent("TEA", BigDecimal.ONE)));
        Map<String, Map<Long, Integer>> components = Map.of(
                "MUG", Map.of(1L, 9, 2L, 20),   // 4 kits east, 10 west
                "TEA", Map.of(1L, 30, 2L, 6));  // 30 kits east, 6 west

        assertThat(new Availability(settings).ofKit(giftSet, components)).containsOnly(Map.entry(1L, 4), Map.entry(2L, 6));
    }

    @Test
    void a_kit_shows_zero_when_a_component_runs_out_or_is_unknown() {
        Availability availability = new Availability(StockSettings.defaults());
        KitDefinition kit = new KitDefinition("KIT", List.of(new KitComponent("A", BigDecimal.ONE),
                new KitComponent("B", new BigDecimal("3"))));

        assertThat(availability.ofKit(kit, Map.of("A", Map.of(1L, 50), "B", Map.of(1L, 2)))).containsEntry(1L, 0);
        assertThat(availability.ofKit(kit, Map.of("A", Map.of(1L, 50)))).containsEntry(1L, 0);
        assertThat(availability.ofKit(new KitDefinition("EMPTY", List.of()), Map.of())).containsEntry(1L, 0);
    }

    @Test
    void a_component_quantity_of_a_fraction_gives_more_kits_than_units() {
        KitDefinition kit = new KitDefinition("HALF", List.of(new KitComponent("A", new BigDecimal("0.5"))));
        assertThat(new Availability(StockSettings.defaults()).ofKit(kit, Map.of("A", Map.of(1L, 3)))).containsEntry(1L, 6);
    }
}
