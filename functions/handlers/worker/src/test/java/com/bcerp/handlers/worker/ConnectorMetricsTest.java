package com.bcerp.handlers.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.fakes.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ConnectorMetricsTest {

    private final ConnectorMetrics metrics = ConnectorMetrics.lambda(new MutableClock(Instant.parse("2026-12-07T09:00:00Z")));

    @Test
    void a_429_on_a_thread_the_invocation_started_counts_in_it_as_a_parallel_stock_read_makes_them() {
        List<JsonNode> emf = EmfLines.printedBy(() -> {
            try (ConnectorMetrics.Invocation invocation = metrics.begin(ConnectorMetrics.STOCK_SYNC);
                    ExecutorService reads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 3; i++) {
                    reads.submit(() -> metrics.throttled("erp"));
                }
            }
        });

        assertThat(emf).singleElement().satisfies(line -> {
            assertThat(line.get(ConnectorMetrics.FUNCTION).asText()).isEqualTo(ConnectorMetrics.STOCK_SYNC);
            assertThat(line.get(ConnectorMetrics.BACK_OFFICE_THROTTLED).asDouble()).isEqualTo(3);
        });
    }

    @Test
    void outside_an_invocation_a_429_is_not_counted_anywhere() {
        metrics.throttled("erp");

        assertThat(EmfLines.printedBy(() -> metrics.begin(ConnectorMetrics.STOCK_SYNC).close())).isEmpty();
    }
}
