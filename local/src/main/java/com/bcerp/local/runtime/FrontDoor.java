package com.bcerp.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Router;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Plays API Gateway's HTTP API for the webhook route: each request becomes a payload-format 2.0 event for the
 * receiver handler, and the handler's answer goes back as the HTTP response.
 */
public final class FrontDoor implements AutoCloseable {

    public static final String WEBHOOK_PATH = "/webhooks/bigcommerce";
    private static final DateTimeFormatter API_GATEWAY_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final Router router;

    public FrontDoor(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> receiver, int port) {
        this.router = new Router()
                .route("POST", WEBHOOK_PATH, request -> invoke(receiver, request))
                .start(port);
    }

    public String webhookUrl() {
        return router.baseUrl() + WEBHOOK_PATH;
    }

    public String baseUrl() {
        return router.baseUrl();
    }

    static APIGatewayV2HTTPEvent toEvent(HttpRequest request) {
        Instant now = Instant.now();
        String routeKey = request.method() + " " + WEBHOOK_PATH;
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(request.path())
                .withRawQueryString("")
                .withHeaders(new LinkedHashMap<>(request.headers()))
                .withBody(new String(request.body(), StandardCharsets.UTF_8))
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(routeKey)
                        .withStage("$default")
                        .withRequestId(UUID.randomUUID().toString())
                        .withAccountId("000000000000")
                        .withApiId("local")
                        .withDomainName("127.0.0.1")
                        .withTime(API_GATEWAY_TIME.format(now))
                        .withTimeEpoch(now.toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(request.method())
                                .withPath(request.path())
                                .withProtocol("HTTP/1.1")
                                .withSourceIp("127.0.0.1")
                                .withUserAgent(request.header("user-agent").orElse(""))
                                .build())
                        .build())
                .build();
    }

    private static HttpResponse invoke(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> receiver,
            HttpRequest request) {
        APIGatewayV2HTTPResponse response = receiver.handleRequest(toEvent(request),
                new LocalLambdaContext("webhook-receiver", Duration.ofSeconds(10)));
        Map<String, String> headers = response.getHeaders() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(response.getHeaders());
        byte[] body = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
        return new HttpResponse(response.getStatusCode(), headers, body);
    }

    @Override
    public void close() {
        router.close();
    }
}
