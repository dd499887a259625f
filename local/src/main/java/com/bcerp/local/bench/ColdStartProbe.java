package com.bcerp.local.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * The cold-start bench's child JVM, run on a Lambda package's own classpath (and this class alone besides): builds the
 * handler named by its first argument the way the Lambda runtime does (by name, no-argument constructor), hands it one
 * HTTP API event (the body in the second argument, headers as {@code name=value} after it) and prints the status.
 * It links nothing of the connector, so the floor (the {@link Empty} handler) loads the same classes but the handler's.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {}

    public static void main(String[] args) throws ReflectiveOperationException {
        Map<String, String> headers = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            headers.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRawPath("/webhooks/bigcommerce")
                .withIsBase64Encoded(false).withHeaders(headers).withBody(args[1]).build();
        @SuppressWarnings("unchecked")
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(args[0])
                        .getConstructor().newInstance();
        System.out.println("status=" + handler.handleRequest(event, null).getStatusCode());
        System.out.flush();
        // the AWS SDK's threads would keep a normal exit waiting; an archive (-XX:ArchiveClassesAtExit) is still written
        System.exit(0);
    }

    /** The floor: a handler that does nothing but answer. */
    public static final class Empty implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("{}").build();
        }
    }
}
