package com.bcerp.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.bcerp.core.sync.SyncProgress;
import com.bcerp.handlers.worker.StockSyncHandler;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.bcerp.sandbox.extensiv.ExtensivSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 3PL with a facility per store location ({@code EXTENSIV_LOCATION_FACILITIES=1=3;2=4}, no stock.locations): each
 * facility's available goes to its own store location, as the Extensiv sandbox's stock summaries list it.
 */
class WarehouseFacilitiesIT {

    private static LocalRuntime runtime;
    private static BigCommerceSandbox store;
    private static long west;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("warehouse-facilities-it");
        Path config = dir.resolve("connector.yaml");
        Files.writeString(config, """
                back_offices:
                  systems:
                    extensiv: extensiv
                catalog:
                  product_sync: false
                stock:
                  cursor_overlap_seconds: 0
                """);
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(dir).withConfigFile(config)
                .withEnvironment(Map.of("EXTENSIV_LOCATION_FACILITIES", "1=3;2=4")));
        store = runtime.bigcommerce();
        west = store.inventory().addLocation("WEST", "West coast");
        assertThat(west).isEqualTo(2);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void each_facility_s_available_reaches_its_own_store_location() throws Exception {
        String sku = store.catalog().simpleItems().get(0).sku();
        String other = store.catalog().simpleItems().get(1).sku();
        extensiv().receive(3, sku, 5);
        extensiv().receive(4, sku, 11);
        extensiv().receive(4, other, 2);

        new StockSyncHandler(runtime.worker().stockSync(), SyncProgress.NONE).handleRequest(
                full(), new LocalLambdaContext("stock-sync", Duration.ofMinutes(5)));

        for (String item : new String[] {sku, other}) {
            assertThat(store.inventory().quantity(item, 1)).as(item + " at location 1 = facility 3")
                    .contains((int) WarehouseApi.available(extensiv(), 3, item));
            assertThat(store.inventory().quantity(item, west)).as(item + " at location 2 = facility 4")
                    .contains((int) WarehouseApi.available(extensiv(), 4, item));
        }
        assertThat(WarehouseApi.available(extensiv(), 4, sku)).isNotEqualTo(WarehouseApi.available(extensiv(), 3, sku));
    }

    private static ScheduledEvent full() {
        ScheduledEvent e = new ScheduledEvent();
        e.setDetail(Map.of("mode", "full"));
        return e;
    }

    private static ExtensivSandbox extensiv() {
        return ((LocalBackOffice.Extensiv) runtime.backOffices().get("extensiv")).sandbox();
    }
}
