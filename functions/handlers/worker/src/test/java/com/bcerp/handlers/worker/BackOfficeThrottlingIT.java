package com.bcerp.handlers.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.bcerp.aws.Environment;
import com.bcerp.bigcommerce.webhook.WebhookAuthenticator;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.fakes.InMemoryRequestBudget;
import com.bcerp.core.fakes.InMemoryStore;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.fakes.StoreOrders;
import com.bcerp.core.order.DeliveredOnce;
import com.bcerp.core.order.OrderFlows;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.SecretSource;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * A batch against an Acumatica whose licence is spent: the instance declines the calls with 429, as Acumatica does
 * past the licence's requests per minute, and the batch's metric line counts every 429 the instance answered.
 */
class BackOfficeThrottlingIT {

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1561479335 + 90));
    private final AcumaticaSandbox sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults(), clock);

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @ParameterizedTest
    @Event(value = "events/sqs/fifo-order-events.json", type = SQSEvent.class)
    void the_batch_line_counts_the_429s_the_back_office_answered(SQSEvent event) {
        Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();
        AcumaticaSandbox.Settings s = sandbox.settings();
        secrets.put("bc-erp-connector/acumatica", Map.of("username", s.username(), "password", s.password(),
                "client_id", s.clientId(), "client_secret", s.clientSecret()));
        SecretSource secretSource = new SecretSource() {
            @Override
            public Map<String, String> get(String name) {
                return secrets.get(name);
            }

            @Override
            public void put(String name, Map<String, String> value) {
                secrets.put(name, value);
            }
        };
        ConnectorMetrics metrics = ConnectorMetrics.lambda(clock);
        // built as WorkerComposition builds it: its pacer comes from the shared services, which count its 429s
        InMemorySyncState state = new InMemorySyncState(clock);
        BackOffice acumatica = BackOfficeRegistry.standard().create("acumatica", "acumatica",
                new Environment(Map.of("ACUMATICA_URL", sandbox.baseUrl())), new BackOfficeRegistry.Shared(
                        secretSource, new InMemoryRequestBudget(clock), ConnectorConfig.defaults(), clock, metrics,
                        com.bcerp.core.port.CredentialLease.over(state)));
        InMemoryStore store = new InMemoryStore()
                .place(StoreOrders.order().id(250).line("SKU-0100", 1, "20.00").build())
                .place(StoreOrders.order().id(251).line("SKU-0100", 2, "20.00").build());
        OrderFlows flows = OrderFlows.wire(store, metrics.observe(acumatica), metrics.observe(state, "acumatica"),
                state, ConnectorConfig.defaults(), clock, Duration.ofMinutes(2));
        // one entity call a minute: the licence queues the others, and declines them (429) once they have waited
        // over ten minutes, which the clock, moved on eleven minutes at a time while the batch runs, makes each wait
        sandbox.faults().licenceLimit(1);
        java.util.concurrent.ScheduledExecutorService ticker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(() -> clock.advance(Duration.ofMinutes(11)), 200, 200,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        List<JsonNode> emf;
        try {
            // declined calls are retried: whether an order then gets through or goes back to the queue is the race
            // of the clock against the retries; the count of 429s is what this test is about
            emf = EmfLines.printedBy(() -> new OrderWorkerHandler(new DeliveredOnce(flows.events(), state,
                    WebhookAuthenticator.RETRY_HORIZON, clock), metrics, "acumatica").handleRequest(event, null));
        } finally {
            ticker.shutdownNow();
        }

        int declined = sandbox.calls().byStatus().getOrDefault(429, 0);
        assertThat(declined).as("the instance declined calls").isPositive();
        assertThat(emf).first().satisfies(line -> {
            assertThat(line.get(ConnectorMetrics.FUNCTION).asText()).isEqualTo(ConnectorMetrics.ORDER_WORKER);
            assertThat(line.get(ConnectorMetrics.BACK_OFFICE).asText()).isEqualTo("acumatica");
            assertThat(line.get(ConnectorMetrics.BACK_OFFICE_THROTTLED).asDouble()).isEqualTo(declined);
        });
    }
}
