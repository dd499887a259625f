package com.bcerp.handlers.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.model.StoreEvent;
import com.bcerp.core.sync.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncLagMetricTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private final List<String> lines = new ArrayList<>();
    private final SyncLagMetric metric = new SyncLagMetric(Clock.fixed(NOW, ZoneOffset.UTC), lines::add);

    @Test
    void an_order_that_reached_the_back_office_publishes_its_lag_as_one_embedded_metric_line() throws Exception {
        metric.record(event(NOW.minusSeconds(42)), Outcome.CREATED);

        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(line.get("_aws").get("Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(directive.get("Namespace").asText()).isEqualTo(SyncLagMetric.NAMESPACE);
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"Store\",\"Flow\"]]");
        assertThat(directive.get("Metrics").get(0).get("Name").asText()).isEqualTo(SyncLagMetric.NAME);
        assertThat(directive.get("Metrics").get(0).get("Unit").asText()).isEqualTo("Seconds");
        assertThat(line.get("Store").asText()).isEqualTo("abc123");
        assertThat(line.get("Flow").asText()).isEqualTo("orders");
        assertThat(line.get(SyncLagMetric.NAME).asLong()).isEqualTo(42);
    }

    @Test
    void replays_parked_orders_and_events_without_a_time_publish_nothing() {
        metric.record(event(NOW.minusSeconds(5)), Outcome.ALREADY_SYNCED);
        metric.record(event(NOW.minusSeconds(5)), Outcome.PARKED);
        metric.record(event(Instant.EPOCH), Outcome.CREATED);

        assertThat(lines).isEmpty();
    }

    private static StoreEvent event(Instant created) {
        return new StoreEvent("abc123", "store/order/created", "order", "250", created.getEpochSecond(), "h",
                Map.of("type", "order", "id", 250));
    }
}
