package com.bcerp.handlers.receiver;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.bcerp.bigcommerce.webhook.WebhookReceiver;
import com.bcerp.core.sync.LogFields;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.crac.Core;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/** BigCommerce webhook deliveries through API Gateway's HTTP API: verify, enqueue, answer fast. */
public final class WebhookReceiverHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final WebhookReceiver receiver;
    /** Held here: the runtime's hook registry may keep only a weak reference. */
    private final ReceiverPriming priming;

    /** Lambda's entry point; registers the SnapStart priming hook. */
    public WebhookReceiverHandler() {
        this(ReceiverComposition.fromLambdaEnvironment());
    }

    private WebhookReceiverHandler(ReceiverComposition.Wired wired) {
        this.receiver = wired.receiver();
        this.priming = new ReceiverPriming(this, wired.readQueue());
        Core.getGlobalContext().register(priming);
    }

    public WebhookReceiverHandler(WebhookReceiver receiver) {
        this.receiver = receiver;
        this.priming = null;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> handle(event));
    }

    /** The delivery's id (BigCommerce's {@code webhook-id} header) on its lines; the receiver adds the event's. */
    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
        LogFields.empty().put(LogFields.DELIVERY_ID, headers.get("webhook-id"));
        String body = event.getBody() == null ? "" : event.getBody();
        byte[] raw = event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        WebhookReceiver.Response response = receiver.receive(headers, raw);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(response.body())
                .build();
    }
}
