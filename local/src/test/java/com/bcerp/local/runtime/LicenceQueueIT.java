package com.bcerp.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.order.OrderImport;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.Outcome;
import com.bcerp.local.demo.OrderSeeder;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A burst of orders against Acumatica's licence, not paced by the connector (the default: the licence unknown): past
 * half the licence's minute each request waits in its queue, so answers slow past the connector's timeout. Times are
 * shortened in the deployed proportions: a licence minute of 2 s, the request timeout 1 s (Acumatica's 30 s), and a
 * visibility timeout that outlasts the licence's ten minutes.
 */
class LicenceQueueIT {

    private LocalRuntime runtime;

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void a_burst_over_the_licence_imports_every_order_exactly_once_and_dead_letters_none() throws Exception {
        LocalRuntime.Timing t = LocalRuntime.Timing.defaults();
        LocalAws.QueueSettings q = LocalAws.QueueSettings.defaults();
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(Files.createTempDirectory("licence-queue-it"))
                .withTiming(new LocalRuntime.Timing(t.quotaWindow(), Duration.ofSeconds(12), Duration.ofSeconds(1),
                        t.accessTokenLifetime(), Duration.ofHours(1), Duration.ofHours(1)))
                .withQueues(new LocalAws.QueueSettings(q.eventsQueue(), q.deadLetterQueue(), Duration.ofSeconds(25), 5)));
        runtime.acumatica().faults().licenceMinute(Duration.ofSeconds(2)).licenceLimit(10);
        runtime.pump().enabled(false);
        List<OrderSeeder.Placed> placed = new OrderSeeder(runtime.bigcommerce(), 11).place(20);
        assertThat(runtime.bigcommerce().awaitDeliveriesIdle(Duration.ofSeconds(60))).isTrue();

        runtime.pump().enabled(true); // the whole burst at once
        long end = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        while (!runtime.isSettled(Duration.ofSeconds(3)) && System.nanoTime() < end) {
            Thread.sleep(200);
        }

        Map<String, List<JsonNode>> byOrder = runtime.acumatica().salesOrders().stream()
                .collect(Collectors.groupingBy(so -> so.path("CustomerOrder").path("value").asText()));
        for (OrderSeeder.Placed order : placed) {
            assertThat(byOrder.getOrDefault(Long.toString(order.id()), List.of()))
                    .as("sales orders for store order " + order.id()).hasSize(1);
        }
        assertThat(runtime.aws().visibleAndInFlight(runtime.aws().deadLetterQueueUrl())).as("dead-lettered").isZero();
        List<Outcome> outcomes = new ArrayList<>();
        for (OrderSeeder.Placed order : placed) {
            runtime.worker().state().history(OrderImport.recordKey(runtime.bigcommerce().storeHash(), order.id()))
                    .stream().map(AuditRecord::outcome).forEach(outcomes::add);
        }
        // each order made once: by its first attempt, or by one that timed out, which its retry found by ExternalRef
        assertThat(outcomes).doesNotContain(Outcome.PARKED)
                .filteredOn(o -> o == Outcome.CREATED || o == Outcome.LINKED_EXISTING).hasSize(placed.size());
        assertThat(runtime.acumatica().faults().licenceDelayed()).as("requests the licence made wait").isPositive();
    }
}
