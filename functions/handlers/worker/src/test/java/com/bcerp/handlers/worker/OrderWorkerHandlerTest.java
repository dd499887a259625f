package com.bcerp.handlers.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.bcerp.core.fakes.InMemoryBackOffice;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.fakes.StoreOrders;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.fakes.InMemoryStore;
import com.bcerp.core.order.OrderFlows;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;

class OrderWorkerHandlerTest {

    @ParameterizedTest
    @Event(value = "events/sqs/fifo-order-events.json", type = SQSEvent.class)
    void each_order_in_a_batch_is_created_once_and_publishes_its_sync_lag_once(SQSEvent event) throws Exception {
        // the fixture: order 250 created (at 1561479335), then its status update, then order 251 created 2 s later;
        // both reach the back office at 1561479335 + 90
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(1561479335 + 90));
        InMemoryBackOffice backOffice = new InMemoryBackOffice(Set.of("SKU-0100", "HANDLING", "GIFTWRAP", "ROUNDING"));
        InMemorySyncState state = new InMemorySyncState(clock);
        InMemoryStore store = new InMemoryStore()
                .place(StoreOrders.order().id(250).line("SKU-0100", 1, "20.00").build())
                .place(StoreOrders.order().id(251).line("SKU-0100", 1, "20.00").build());
        OrderFlows flows = OrderFlows.wire(store, backOffice.backOffice(), state, state, ConnectorConfig.defaults(), clock, Duration.ofMinutes(2));
        List<String> metricLines = new ArrayList<>();

        var response = new OrderWorkerHandler(flows.events(), new SyncLagMetric(clock, metricLines::add))
                .handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(backOffice.ordersFor("BC-abc123-250")).isEqualTo(1);
        assertThat(backOffice.ordersFor("BC-abc123-251")).isEqualTo(1);
        // the status update finds order 250 already synced: no lag to report for it
        ObjectMapper json = new ObjectMapper();
        assertThat(metricLines).hasSize(2);
        assertThat(json.readTree(metricLines.get(0)).get(SyncLagMetric.NAME).asLong()).isEqualTo(90);
        assertThat(json.readTree(metricLines.get(1)).get(SyncLagMetric.NAME).asLong()).isEqualTo(88);
    }
}
