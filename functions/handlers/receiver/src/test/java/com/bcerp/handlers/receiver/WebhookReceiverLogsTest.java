package com.bcerp.handlers.receiver;

import com.bcerp.handlers.testing.FakeLambdaContext;
import com.bcerp.handlers.testing.JsonLogCapture;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.bcerp.bigcommerce.webhook.WebhookAuthenticator;
import com.bcerp.bigcommerce.webhook.WebhookReceiver;
import com.bcerp.core.sync.LogFields;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.slf4j.MDC;

/**
 * The receiver's log lines as CloudWatch gets them (the package's log4j2.xml): JSON with the function, the delivery's
 * id, the store's event id and the order id, and never a secret (the shared header's value, the client secret, the
 * signature), whether the delivery is queued or refused.
 */
class WebhookReceiverLogsTest {

    private static final Instant SIGNED_AT = Instant.ofEpochSecond(1764835200L);
    private static final String CLIENT_SECRET = "client-secret-for-fixtures";
    private static final String CONNECTOR_SECRET = "connector-secret-for-fixtures";

    private List<JsonNode> deliver(APIGatewayV2HTTPEvent event, Instant now, List<String> text) {
        WebhookReceiverHandler handler = new WebhookReceiverHandler(new WebhookReceiver(
                new WebhookReceiver.Config("abc123", WebhookReceiver.DEFAULT_MAX_BODY_BYTES, WebhookReceiver.ORDER_SCOPES),
                new WebhookAuthenticator(WebhookAuthenticator.Config.of(CLIENT_SECRET, CONNECTOR_SECRET),
                        Clock.fixed(now, ZoneOffset.UTC)),
                (body, orderingKey, deduplicationId) -> { }));
        try (JsonLogCapture logs = new JsonLogCapture()) {
            handler.handleRequest(event, new FakeLambdaContext("webhook-receiver", "req-7"));
            text.add(logs.text());
            return logs.lines();
        }
    }

    @ParameterizedTest
    @Event(value = "events/apigw/order-created-signed.json", type = APIGatewayV2HTTPEvent.class)
    void a_queued_delivery_logs_json_with_its_delivery_event_and_order_ids(APIGatewayV2HTTPEvent event) {
        List<String> text = new java.util.ArrayList<>();
        List<JsonNode> lines = deliver(event, SIGNED_AT.plusSeconds(3), text);

        assertThat(lines).anySatisfy(line -> assertThat(line.path("message").asText()).contains("queued"))
                .allSatisfy(line -> {
                    assertThat(line.path("function_name").asText()).isEqualTo("webhook-receiver");
                    assertThat(line.path("function_request_id").asText()).isEqualTo("req-7");
                    assertThat(line.path(LogFields.DELIVERY_ID).asText()).isEqualTo("msg_2fKx1");
                    assertThat(line.path(LogFields.EVENT_ID).asText()).isEqualTo("3f9a1c0e8b7d6a5f4e3d2c1b0a998877");
                    assertThat(line.path(LogFields.ORDER_ID).asText()).isEqualTo("250");
                });
        assertThat(text.get(0)).doesNotContain(CLIENT_SECRET, CONNECTOR_SECRET, event.getHeaders().get("webhook-signature"));
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @ParameterizedTest
    @Event(value = "events/apigw/order-created-tampered.json", type = APIGatewayV2HTTPEvent.class)
    void a_refused_delivery_logs_why_with_its_delivery_id_and_no_secret(APIGatewayV2HTTPEvent event) {
        List<String> text = new java.util.ArrayList<>();
        List<JsonNode> lines = deliver(event, SIGNED_AT, text);

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.path("level").asText()).isEqualTo("WARN");
            assertThat(line.path("message").asText()).contains("refused");
            assertThat(line.path(LogFields.DELIVERY_ID).asText()).isNotEmpty();
        });
        assertThat(text.get(0)).doesNotContain(CLIENT_SECRET, CONNECTOR_SECRET, event.getHeaders().get("webhook-signature"));
    }

    @ParameterizedTest
    @Event(value = "events/apigw/order-created-unsigned.json", type = APIGatewayV2HTTPEvent.class)
    void an_unsigned_delivery_with_the_shared_header_never_logs_its_value(APIGatewayV2HTTPEvent event) {
        List<String> text = new java.util.ArrayList<>();
        deliver(event, SIGNED_AT, text);

        assertThat(text.get(0)).contains("refused").doesNotContain(CLIENT_SECRET, CONNECTOR_SECRET);
    }
}
