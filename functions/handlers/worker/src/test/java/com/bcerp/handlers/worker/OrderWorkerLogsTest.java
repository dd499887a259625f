package com.bcerp.handlers.worker;

import com.bcerp.handlers.testing.FakeLambdaContext;
import com.bcerp.handlers.testing.JsonLogCapture;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.bcerp.bigcommerce.webhook.WebhookAuthenticator;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.fakes.InMemoryBackOffice;
import com.bcerp.core.fakes.InMemoryStore;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.fakes.StoreOrders;
import com.bcerp.core.order.DeliveredOnce;
import com.bcerp.core.order.OrderFlows;
import com.bcerp.core.sync.LogFields;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.slf4j.MDC;

/**
 * The order worker's log lines as CloudWatch gets them (the package's log4j2.xml): JSON, and every line of one
 * message's path carries the function, the store's event id and the order id, so one query finds an order's lines.
 */
class OrderWorkerLogsTest {

    @ParameterizedTest
    @Event(value = "events/sqs/fifo-order-events.json", type = SQSEvent.class)
    void every_line_of_an_orders_path_is_json_with_its_event_id_and_order_id(SQSEvent event) {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(1561479335 + 90));
        InMemoryBackOffice backOffice = new InMemoryBackOffice(Set.of("SKU-0100"));
        InMemorySyncState state = new InMemorySyncState(clock);
        InMemoryStore store = new InMemoryStore()
                .place(StoreOrders.order().id(250).line("SKU-0100", 1, "20.00").build())
                .place(StoreOrders.order().id(251).line("SKU-NOT-THERE", 1, "20.00").build());
        OrderFlows flows = OrderFlows.wire(store, backOffice.backOffice(), state, state, ConnectorConfig.defaults(),
                clock, Duration.ofMinutes(2));

        List<JsonNode> lines;
        try (JsonLogCapture logs = new JsonLogCapture()) {
            new OrderWorkerHandler(new DeliveredOnce(flows.events(), state, WebhookAuthenticator.RETRY_HORIZON, clock)).handleRequest(event, new FakeLambdaContext("order-worker", "req-1"));
            lines = logs.lines();
        }

        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("level").asText()).isNotEmpty();
            assertThat(line.path("message").asText()).isNotEmpty();
            assertThat(line.path("function_name").asText()).isEqualTo("order-worker");
            assertThat(line.path("function_request_id").asText()).isEqualTo("req-1");
        });
        // each message's lines name its event and its order
        List<JsonNode> order250 = lines.stream().filter(l -> "250".equals(l.path(LogFields.ORDER_ID).asText())).toList();
        assertThat(order250).isNotEmpty().allSatisfy(line -> {
            assertThat(line.path(LogFields.STORE).asText()).isEqualTo("abc123");
            assertThat(line.path(LogFields.EVENT_ID).asText()).isIn("dd70c0976e06b67aaf671e73f49dcb79230ebf9d",
                    "7ee67cd1cf2ca60bc1aa9e5fe957d2de373be4ca");
            assertThat(line.path(LogFields.MESSAGE_ID).asText()).isIn("11d6ee51-4cc7-4302-9e22-7cd8afdaadf5",
                    "2e1424d4-f796-459a-8184-9c92662be6da");
        });
        // the line that ends the create names the back-office document
        assertThat(order250).anySatisfy(line -> {
            assertThat(line.path("message").asText()).contains("CREATED");
            assertThat(line.path(LogFields.DOCUMENT).asText()).isNotEmpty();
        });
        // order 251 parks (an unknown SKU); its lines, the warning among them, carry its ids too
        List<JsonNode> order251 = lines.stream().filter(l -> "251".equals(l.path(LogFields.ORDER_ID).asText())).toList();
        assertThat(order251).anySatisfy(line -> assertThat(line.path("message").asText()).contains("PARKED"))
                .allSatisfy(line -> assertThat(line.path(LogFields.EVENT_ID).asText())
                        .isEqualTo("8b98021cb0faa7e3a58a0e4182d3696a4bdd24ab"));
        // nothing of a message outlives it, nor of the invocation
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }
}
