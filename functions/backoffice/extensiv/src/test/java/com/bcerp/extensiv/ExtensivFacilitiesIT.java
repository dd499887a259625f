package com.bcerp.extensiv;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.model.Address;
import com.bcerp.core.model.Money;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.InventorySource;
import com.bcerp.core.stock.ItemStock;
import com.bcerp.core.stock.WarehouseStock;
import com.bcerp.http.ApiClient;
import com.bcerp.http.RetryPolicy;
import com.bcerp.sandbox.ManualClock;
import com.bcerp.sandbox.extensiv.ExtensivSandbox;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 3PL with two facilities, one per store location (1 -> 3, 2 -> 4): an order goes to the facility of the location
 * it names, else the default; each facility's stock is reported as its own warehouse, mapped to its location.
 */
class ExtensivFacilitiesIT {

    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-03-02T10:00:00Z"));
    private static ExtensivSandbox sandbox;
    private static WarehouseView warehouse;
    private static BackOffice backOffice;
    private static String sku;

    @BeforeAll
    static void start() {
        sandbox = ExtensivSandbox.start(ExtensivSandbox.Settings.defaults(), CLOCK);
        warehouse = new WarehouseView(sandbox);
        ExtensivSettings settings = Fixtures.settingsFor(sandbox).withLocationFacilities(Map.of(1L, 3, 2L, 4));
        ExtensivConnection connection = new ExtensivConnection(settings, Fixtures.secretsFor(sandbox),
                ApiClient.defaultHttpClient(), new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)),
                ApiClient.Pacer.NONE, CLOCK);
        backOffice = ExtensivType.backOffice("extensiv", connection, "USD");
        sku = sandbox.catalog().simpleItems().get(0).sku();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void an_order_goes_to_the_facility_of_the_location_it_names_else_to_the_default() {
        String west = create(2L);
        String none = create(null);
        String unmapped = create(7L);

        assertThat(warehouse.order(west).path("facilityIdentifier").path("id").asInt()).isEqualTo(4);
        assertThat(warehouse.order(none).path("facilityIdentifier").path("id").asInt()).isEqualTo(3);
        assertThat(warehouse.order(unmapped).path("facilityIdentifier").path("id").asInt()).as("the default")
                .isEqualTo(3);
    }

    @Test
    void each_facility_s_stock_is_its_own_warehouse_serving_its_store_location() {
        InventorySource inventory = backOffice.inventory().orElseThrow();
        double main = available(3);
        double west = available(4);
        sandbox.receive(4, sku, 7);

        assertThat(inventory.warehouses()).as("both facilities, without stock_facilities").containsExactly("3", "4");
        assertThat(inventory.warehouseLocations()).isEqualTo(Map.of("3", 1L, "4", 2L));
        ItemStock stock = inventory.stock(List.of(sku)).get(0);
        assertThat(stock.warehouses()).extracting(WarehouseStock::warehouse, w -> w.available().doubleValue())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("3", main),
                        org.assertj.core.groups.Tuple.tuple("4", west + 7));
    }

    private static double available(int facility) {
        return sandbox.stockSummary(facility, sku).map(s -> s.path("available").asDouble()).orElse(0.0);
    }

    private static String create(Long location) {
        String ref = "BC-abc-facility-" + UUID.randomUUID().toString().substring(0, 8);
        Address to = new Address("Pat", "O'Hara", null, "12 Quay St", null, "Portland", "OR", "97201", "US", null, null);
        DraftLine line = new DraftLine(sku, "Tee", BigDecimal.ONE, Money.of("10.00", "USD"), Money.zero("USD"), "101",
                "order 250 line 101");
        backOffice.documents().orElseThrow().createSalesOrder(new SalesOrderDraft(DocumentKind.SALE, ref, "250", null,
                LocalDate.of(2026, 3, 2), "USD", null, null, null, List.of(line), Money.zero("USD"), List.of(), to, to,
                null, null, null, List.of(), location));
        return ref;
    }
}
