package com.bcerp.handlers.worker;

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
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;

class OrderWorkerHandlerTest {

    @ParameterizedTest
    @Event(value = "events/sqs/fifo-order-events.json", type = SQSEvent.class)
    void a_batch_creates_each_order_once_and_prints_its_metrics_as_emf(SQSEvent event) {
        // the fixture: order 250 created (at 1561479335), then its status update, then order 251 created 2 s later;
        // 250 reaches the back office at 1561479335 + 90, 251 parks: its SKU is not a back-office item
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(1561479335 + 90));
        InMemoryBackOffice backOffice = new InMemoryBackOffice(Set.of("SKU-0100", "HANDLING", "GIFTWRAP", "ROUNDING"));
        InMemorySyncState state = new InMemorySyncState(clock);
        InMemoryStore store = new InMemoryStore()
                .place(StoreOrders.order().id(250).line("SKU-0100", 1, "20.00").build())
                .place(StoreOrders.order().id(251).line("SKU-9999", 1, "20.00").build());
        ConnectorMetrics metrics = ConnectorMetrics.lambda(clock);
        // wired as WorkerComposition wires them: the state and the back office observed
        OrderFlows flows = OrderFlows.wire(store, metrics.observe(backOffice.backOffice()),
                metrics.observe(state, "memory"), state, ConnectorConfig.defaults(), clock, Duration.ofMinutes(2));

        // BigCommerce delivers order 250's creation again (a new delivery: another message, the same event)
        SQSEvent.SQSMessage again = new SQSEvent.SQSMessage();
        again.setMessageId("4a0c1d2e-redelivery");
        again.setBody(event.getRecords().get(0).getBody());
        again.setAttributes(event.getRecords().get(0).getAttributes());
        List<SQSEvent.SQSMessage> records = new java.util.ArrayList<>(event.getRecords());
        records.add(again);
        event.setRecords(records);

        List<JsonNode> emf = EmfLines.printedBy(() -> assertThat(
                new OrderWorkerHandler(new DeliveredOnce(flows.events(), state, WebhookAuthenticator.RETRY_HORIZON, clock), metrics, "memory").handleRequest(event, null)
                        .getBatchItemFailures()).isEmpty());

        assertThat(backOffice.ordersFor("BC-abc123-250")).isEqualTo(1);
        assertThat(backOffice.ordersFor("BC-abc123-251")).isZero();
        // one line of the batch's metrics, one of the parked order (in all, and by reason)
        assertThat(emf).hasSize(2);
        JsonNode batch = emf.get(0);
        assertThat(directive(batch).get("Namespace").asText()).isEqualTo(ConnectorMetrics.NAMESPACE);
        assertThat(directive(batch).get("Dimensions").toString()).isEqualTo("[[\"function\",\"back_office\"]]");
        assertThat(batch.get(ConnectorMetrics.FUNCTION).asText()).isEqualTo(ConnectorMetrics.ORDER_WORKER);
        assertThat(batch.get(ConnectorMetrics.BACK_OFFICE).asText()).isEqualTo("memory");
        assertThat(units(batch)).containsEntry(ConnectorMetrics.ORDERS_SYNCED, "Count")
                .containsEntry(ConnectorMetrics.SYNC_LAG, "Seconds")
                .containsEntry(ConnectorMetrics.BACK_OFFICE_CALLS, "Count")
                .containsEntry(ConnectorMetrics.BACK_OFFICE_CALL_FAILURES, "Count")
                .containsEntry(ConnectorMetrics.BACK_OFFICE_LATENCY, "Milliseconds");
        assertThat(batch.get(ConnectorMetrics.ORDERS_SYNCED).asDouble()).isEqualTo(1);
        // the redelivery found 250 synced and created nothing
        assertThat(units(batch)).containsEntry(ConnectorMetrics.DUPLICATES_PREVENTED, "Count");
        assertThat(batch.get(ConnectorMetrics.DUPLICATES_PREVENTED).asDouble()).isEqualTo(1);
        // the status update finds order 250 already synced: one lag, 250's
        assertThat(batch.get(ConnectorMetrics.SYNC_LAG).asDouble()).isEqualTo(90);
        assertThat(batch.get(ConnectorMetrics.BACK_OFFICE_CALLS).asDouble()).isPositive();
        // the unknown SKU is the back office refusing the order: one call that failed
        assertThat(batch.get(ConnectorMetrics.BACK_OFFICE_CALL_FAILURES).asDouble()).isEqualTo(1);
        assertThat(batch.get(ConnectorMetrics.BACK_OFFICE_LATENCY).isArray() || batch.get(ConnectorMetrics.BACK_OFFICE_LATENCY).isNumber()).isTrue();
        assertThat(batch.get(ConnectorMetrics.ORDERS_PARKED)).isNull();

        JsonNode parked = emf.get(1);
        assertThat(directive(parked).get("Dimensions").toString())
                .isEqualTo("[[\"function\",\"back_office\"],[\"function\",\"back_office\",\"reason\"]]");
        assertThat(parked.get(ConnectorMetrics.ORDERS_PARKED).asDouble()).isEqualTo(1);
        assertThat(parked.get(ConnectorMetrics.REASON).asText()).isEqualTo("lines[].itemId");
        assertThat(parked.get(ConnectorMetrics.BACK_OFFICE).asText()).isEqualTo("memory");
    }

    @ParameterizedTest
    @Event(value = "events/sqs/fifo-order-events.json", type = SQSEvent.class)
    void a_signed_delivery_that_comes_again_after_it_was_handled_is_dropped_before_any_store_call(SQSEvent event) {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(1561479335 + 90));
        InMemoryBackOffice backOffice = new InMemoryBackOffice(Set.of("SKU-0100"));
        InMemorySyncState state = new InMemorySyncState(clock);
        InMemoryStore store = new InMemoryStore().place(StoreOrders.order().id(250).line("SKU-0100", 1, "20.00").build());
        OrderFlows flows = OrderFlows.wire(store, backOffice.backOffice(), state, state, ConnectorConfig.defaults(),
                clock, Duration.ofMinutes(2));
        OrderWorkerHandler worker = new OrderWorkerHandler(new DeliveredOnce(flows.events(), state, WebhookAuthenticator.RETRY_HORIZON, clock));
        SQSEvent.SQSMessage created = event.getRecords().get(0);
        SQSEvent.SQSMessage statusUpdated = event.getRecords().get(1);

        assertThat(worker.handleRequest(delivery(created, "m-1", "webhook:4f1c"), null).getBatchItemFailures()).isEmpty();
        assertThat(worker.handleRequest(delivery(statusUpdated, "m-2", "webhook:9e02"), null).getBatchItemFailures())
                .isEmpty();
        int storeCalls = store.calls.get();
        // hours later the same signed deliveries as new messages: late retries of them, or replays
        clock.advance(Duration.ofHours(3));
        assertThat(worker.handleRequest(delivery(statusUpdated, "m-3", "webhook:9e02"), null).getBatchItemFailures())
                .isEmpty();
        assertThat(worker.handleRequest(delivery(created, "m-4", "webhook:4f1c"), null).getBatchItemFailures()).isEmpty();
        assertThat(store.calls.get()).isEqualTo(storeCalls);
        // another delivery of the status change (its own webhook-id) is handled: the order is fetched again
        assertThat(worker.handleRequest(delivery(statusUpdated, "m-5", "webhook:77aa"), null).getBatchItemFailures())
                .isEmpty();
        assertThat(store.calls.get()).isGreaterThan(storeCalls);
        assertThat(backOffice.ordersFor("BC-abc123-250")).isEqualTo(1);
    }

    @ParameterizedTest
    @Event(value = "events/sqs/fifo-order-events.json", type = SQSEvent.class)
    void a_customer_created_from_its_webhook_is_not_counted_as_an_order_synced_nor_in_the_sync_lag(SQSEvent event) {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(1561481571 + 30));
        InMemoryBackOffice backOffice = new InMemoryBackOffice(Set.of());
        InMemorySyncState state = new InMemorySyncState(clock);
        InMemoryStore store = new InMemoryStore().customer(new com.bcerp.core.model.StoreCustomer(32, "kim@example.com",
                "Kim", "Lee", null, null, 0, Instant.ofEpochSecond(1561481571), List.of()));
        ConnectorConfig d = ConnectorConfig.defaults();
        ConnectorConfig config = new ConnectorConfig(d.orders(), d.statuses(), new com.bcerp.core.customer.CustomerSettings(
                "email", "new", null, true, true, java.util.Map.of(), java.util.Map.of()), d.payments(), d.routing(),
                d.stock(), d.catalog(), d.fulfilment(), d.reliability(), d.backOffices(), d.priceLists(), d.invoices(), d.units());
        ConnectorMetrics metrics = ConnectorMetrics.lambda(clock);
        OrderFlows flows = OrderFlows.wire(store, metrics.observe(backOffice.backOffice()),
                metrics.observe(state, "memory"), state, config, clock, Duration.ofMinutes(2));
        SQSEvent.SQSMessage customer = new SQSEvent.SQSMessage();
        customer.setBody("{\"scope\":\"store/customer/created\",\"store_id\":\"1025646\",\"data\":{\"type\":\"customer\","
                + "\"id\":32},\"hash\":\"8768ab15\",\"created_at\":1561481571,\"producer\":\"stores/abc123\"}");
        customer.setAttributes(event.getRecords().get(0).getAttributes());

        List<JsonNode> emf = EmfLines.printedBy(() -> assertThat(new OrderWorkerHandler(new DeliveredOnce(flows.events(), state, WebhookAuthenticator.RETRY_HORIZON, clock),
                metrics, "memory").handleRequest(delivery(customer, "m-c", "webhook:c32"), null).getBatchItemFailures()).isEmpty());

        assertThat(backOffice.customers).hasSize(1);
        assertThat(emf).singleElement().satisfies(batch -> {
            assertThat(batch.get(ConnectorMetrics.ORDERS_SYNCED)).isNull();
            assertThat(batch.get(ConnectorMetrics.SYNC_LAG)).isNull();
        });
    }

    private static SQSEvent delivery(SQSEvent.SQSMessage template, String messageId, String deduplicationId) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(messageId);
        message.setBody(template.getBody());
        java.util.Map<String, String> attributes = new java.util.HashMap<>(template.getAttributes());
        attributes.put("MessageDeduplicationId", deduplicationId);
        message.setAttributes(attributes);
        SQSEvent batch = new SQSEvent();
        batch.setRecords(List.of(message));
        return batch;
    }

    private static JsonNode directive(JsonNode line) {
        return line.get("_aws").get("CloudWatchMetrics").get(0);
    }

    private static java.util.Map<String, String> units(JsonNode line) {
        java.util.Map<String, String> units = new java.util.LinkedHashMap<>();
        StreamSupport.stream(directive(line).get("Metrics").spliterator(), false)
                .forEach(m -> units.put(m.get("Name").asText(), m.get("Unit").asText()));
        return units;
    }
}
