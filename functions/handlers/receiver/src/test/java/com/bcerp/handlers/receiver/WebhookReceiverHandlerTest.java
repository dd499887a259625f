package com.bcerp.handlers.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.bcerp.bigcommerce.webhook.WebhookAuthenticator;
import com.bcerp.bigcommerce.webhook.WebhookReceiver;
import com.bcerp.core.port.EventQueue;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The receiver's handler on API Gateway HTTP API (payload 2.0) deliveries as Lambda hands them over, from the
 * fixtures in {@code events/apigw/} (signed with the fixtures' client secret at their timestamp, 2025-12-04 08:00Z).
 */
class WebhookReceiverHandlerTest {

    private static final Instant SIGNED_AT = Instant.ofEpochSecond(1764835200L);

    private final List<String> queued = new CopyOnWriteArrayList<>();
    private final EventQueue queue = (body, orderingKey, deduplicationId) -> queued.add(orderingKey + " " + body);

    private WebhookReceiverHandler handler(Instant now) {
        WebhookAuthenticator.Config auth = WebhookAuthenticator.Config.of("client-secret-for-fixtures",
                "connector-secret-for-fixtures");
        return new WebhookReceiverHandler(new WebhookReceiver(
                new WebhookReceiver.Config("abc123", WebhookReceiver.DEFAULT_MAX_BODY_BYTES, WebhookReceiver.ORDER_SCOPES),
                new WebhookAuthenticator(auth, Clock.fixed(now, ZoneOffset.UTC)), queue));
    }

    @ParameterizedTest
    @Event(value = "events/apigw/order-created-signed.json", type = APIGatewayV2HTTPEvent.class)
    void a_signed_order_event_is_queued_under_its_order(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = handler(SIGNED_AT.plusSeconds(3)).handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("queued");
        assertThat(queued).singleElement().asString().contains("\"scope\":\"store/order/created\"")
                .contains("\"id\":250");
    }

    @ParameterizedTest
    @Event(value = "events/apigw/order-created-signed.json", type = APIGatewayV2HTTPEvent.class)
    void a_retry_with_its_first_signature_hours_later_is_queued_and_one_older_than_any_retry_is_refused(
            APIGatewayV2HTTPEvent event) {
        assertThat(handler(SIGNED_AT.plus(java.time.Duration.ofHours(3))).handleRequest(event, null).getStatusCode())
                .isEqualTo(200);
        assertThat(queued).hasSize(1);

        APIGatewayV2HTTPResponse tooOld = handler(SIGNED_AT.plus(WebhookAuthenticator.RETRY_HORIZON).plusSeconds(1))
                .handleRequest(event, null);
        assertThat(tooOld.getStatusCode()).isEqualTo(401);
        assertThat(queued).hasSize(1);
    }

    @ParameterizedTest
    @Event(value = "events/apigw/order-created-tampered.json", type = APIGatewayV2HTTPEvent.class)
    void a_body_changed_after_signing_is_refused_and_not_queued(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = handler(SIGNED_AT).handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(queued).isEmpty();
    }

    @ParameterizedTest
    @Event(value = "events/apigw/order-created-unsigned.json", type = APIGatewayV2HTTPEvent.class)
    void an_unsigned_delivery_is_refused_while_signatures_are_required(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = handler(SIGNED_AT).handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(queued).isEmpty();
    }
}
