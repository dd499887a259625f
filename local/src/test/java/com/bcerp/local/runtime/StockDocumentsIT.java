package com.bcerp.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.bcerp.core.sync.SyncProgress;
import com.bcerp.handlers.worker.StockSyncHandler;
import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.bcerp.sandbox.acumatica.Faults.QuantityInquiry;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * In Acumatica quantities change only through documents, and what GI640590's date means is unconfirmed. Under either
 * reading (the sandbox's knob), stock received, counted and shipped through documents reaches the store's inventory
 * in the next scheduled run, which reads only those items' summaries, and the run says which path found them.
 */
class StockDocumentsIT {

    static LocalRuntime runtime;
    static BigCommerceSandbox store;
    static AcumaticaSandbox erp;
    static StockSyncHandler stock;
    static String customer;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("stock-documents-it");
        Path config = dir.resolve("connector.yaml");
        Files.writeString(config, """
                stock:
                  locations:
                    MAIN: 1
                  cursor_overlap_seconds: 0
                """);
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(dir).withConfigFile(config));
        store = runtime.bigcommerce();
        erp = runtime.acumatica();
        stock = new StockSyncHandler(runtime.worker().stockSync(), SyncProgress.NONE);
        customer = erp.addCustomer("PHONE", "Phone orders", null, null);
        assertThat(sync()).containsEntry("mode", "full");
    }

    @AfterAll
    static void stop() {
        erp.faults().reset();
        runtime.close();
    }

    static Map<String, Object> sync() {
        return stock.handleRequest(new ScheduledEvent(), new LocalLambdaContext("stock-sync", Duration.ofMinutes(15)));
    }

    static int shown(String sku) {
        return store.inventory().quantity(sku, 1).orElse(-1);
    }

    static int available(String sku) {
        return erp.items().stockOf(sku).get("MAIN")[1].intValue();
    }

    @ParameterizedTest
    @EnumSource(QuantityInquiry.class)
    void stock_moved_by_documents_reaches_the_store_in_the_next_delta_under_either_reading(QuantityInquiry reading) {
        erp.faults().quantityInquiry(reading);
        List<SandboxCatalog.Item> simple = store.catalog().simpleItems();
        int offset = reading.ordinal() * 3; // each reading moves its own items
        String received = simple.get(offset).sku();
        String counted = simple.get(offset + 1).sku();
        String shipped = simple.get(offset + 2).sku();
        Map<String, Integer> before = Map.of(received, shown(received), counted, shown(counted), shipped, shown(shipped));
        erp.receiveStock("MAIN", Map.of(received, new BigDecimal("12")));
        erp.adjustStock("MAIN", Map.of(counted, new BigDecimal("-4")));
        String order = erp.enterOrder(customer, Map.of(shipped, new BigDecimal("3")));
        erp.confirmShipment(erp.createShipment("SO", order, "UPSGROUND", Map.of(1, new BigDecimal("3")), List.of("1Z9")));
        int summariesBefore = erp.calls().count("PUT /InventorySummaryInquiry");

        Map<String, Object> report = sync();

        assertThat(shown(received)).isEqualTo(available(received)).isEqualTo(before.get(received) + 12);
        assertThat(shown(counted)).isEqualTo(available(counted)).isEqualTo(before.get(counted) - 4);
        assertThat(shown(shipped)).isEqualTo(available(shipped)).isEqualTo(before.get(shipped) - 3);
        assertThat(erp.calls().count("PUT /InventorySummaryInquiry") - summariesBefore)
                .as("one summary per moved item, not every item's").isEqualTo(3);
        assertThat(report).containsEntry("mode", "delta").containsEntry("quantities_from",
                reading == QuantityInquiry.AS_OF ? "documents" : "inquiry+documents");
    }
}
