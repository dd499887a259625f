package com.bcerp.handlers.receiver;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.bcerp.aws.AwsClients;
import com.bcerp.aws.Environment;
import com.bcerp.core.port.SecretSource;
import java.time.Clock;
import java.util.Map;

/**
 * Runs inside a class loader that sees only the receiver's zip (see PackagedReceiverIT): every class it touches must
 * come from the package. Its methods take and return JDK types only, so the test can call them across loaders.
 */
public final class PackagedReceiverProbe {

    private final WebhookReceiverHandler handler;
    private final ReceiverPriming priming;

    public PackagedReceiverProbe(String sqsEndpoint, String queueUrl, String storeHash, Map<String, String> secret) {
        Environment env = new Environment(Map.of("STORE_HASH", storeHash, "EVENTS_QUEUE_URL", queueUrl));
        SecretSource secrets = new SecretSource() {
            @Override
            public Map<String, String> get(String name) {
                return secret;
            }

            @Override
            public void put(String name, Map<String, String> value) {
                throw new UnsupportedOperationException("the receiver never writes a secret");
            }
        };
        ReceiverComposition.Wired wired = ReceiverComposition.wire(env, secrets,
                AwsClients.local(Map.of("AWS_ENDPOINT_URL_SQS", sqsEndpoint)), Clock.systemUTC());
        handler = new WebhookReceiverHandler(wired.receiver());
        priming = new ReceiverPriming(handler, wired.readQueue());
    }

    /** A delivery through the Lambda handler; returns the HTTP status it answers. */
    public int deliver(Map<String, String> headers, String body) {
        return handler.handleRequest(APIGatewayV2HTTPEvent.builder().withHeaders(headers).withBody(body)
                .withIsBase64Encoded(false).build(), null).getStatusCode();
    }

    /** What SnapStart runs before the snapshot; returns the status of the refused delivery. */
    public int prime() {
        return priming.prime();
    }
}
