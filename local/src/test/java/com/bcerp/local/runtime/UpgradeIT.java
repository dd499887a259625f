package com.bcerp.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.aws.DynamoSyncState;
import com.bcerp.aws.Tables;
import com.bcerp.core.order.OrderImport;
import com.bcerp.core.order.OrderLedger;
import com.bcerp.core.order.SalesOrderMapper;
import com.bcerp.core.sync.Link;
import com.bcerp.local.demo.DemoReport;
import com.bcerp.local.demo.OrderSeeder;
import com.bcerp.local.ops.OpsTarget;
import com.bcerp.local.ops.Operations;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A deployment upgraded from the release before the link table: its state table has the order's claim completed but
 * no link item. The new release, given the order's events again, finds the sales order by the back office's search,
 * writes the link it lacked and creates nothing twice.
 */
class UpgradeIT {

    private LocalRuntime runtime;

    @BeforeEach
    void start() throws Exception {
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(Files.createTempDirectory("upgrade-it")));
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private void awaitSettled() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!runtime.isSettled(Duration.ofSeconds(2)) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }

    @Test
    void state_without_links_is_read_by_the_new_release_with_no_duplicate_and_the_links_backfilled() throws Exception {
        OrderSeeder.Placed order = new OrderSeeder(runtime.bigcommerce(), 5).place(1).get(0);
        awaitSettled();
        String store = runtime.bigcommerce().storeHash();
        String owner = OrderLedger.owner("acumatica", SalesOrderMapper.externalRef(store, order.id()));
        DynamoSyncState state = (DynamoSyncState) runtime.worker().state();
        List<Link> linked = state.linksOf(owner);
        assertThat(linked).as("this release links what it posts").isNotEmpty();

        // what the previous release left: the completed claim, no link item
        runtime.aws().dynamo().deleteItem(b -> b.tableName(LocalAws.STATE_TABLE)
                .key(Map.of(Tables.PK, AttributeValue.fromS(owner))));
        assertThat(state.linksOf(owner)).isEmpty();
        assertThat(state.completed(OrderImport.recordKey(store, order.id()))).isPresent();

        new Operations(OpsTarget.of(runtime), Clock.systemUTC()).replay(OrderImport.recordKey(store, order.id()));
        awaitSettled();

        assertThat(DemoReport.salesOrdersByCustomerOrder(runtime).get(Long.toString(order.id())))
                .as("one sales order, as before the upgrade").hasSize(1);
        assertThat(state.linksOf(owner)).as("backfilled from the back office's search").isEqualTo(linked);
    }
}
