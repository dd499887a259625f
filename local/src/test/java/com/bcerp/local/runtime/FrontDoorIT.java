package com.bcerp.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FrontDoorIT {

    @Test
    void a_webhook_post_reaches_the_receiver_as_an_http_api_v2_event_and_its_answer_goes_back() throws Exception {
        AtomicReference<APIGatewayV2HTTPEvent> seen = new AtomicReference<>();
        try (FrontDoor door = new FrontDoor((event, ctx) -> {
            seen.set(event);
            return APIGatewayV2HTTPResponse.builder().withStatusCode(401)
                    .withHeaders(Map.of("Content-Type", "application/json")).withBody("{\"error\":\"unauthenticated\"}")
                    .build();
        }, 0)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(door.webhookUrl()))
                    .header("Webhook-Id", "msg_1").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"scope\":\"store/order/created\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).isEqualTo("{\"error\":\"unauthenticated\"}");
            APIGatewayV2HTTPEvent event = seen.get();
            assertThat(event.getVersion()).isEqualTo("2.0");
            assertThat(event.getRouteKey()).isEqualTo("POST /webhooks/bigcommerce");
            assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
            assertThat(event.getHeaders()).containsEntry("webhook-id", "msg_1");
            assertThat(event.getBody()).isEqualTo("{\"scope\":\"store/order/created\"}");
            assertThat(event.getIsBase64Encoded()).isFalse();
        }
    }
}
