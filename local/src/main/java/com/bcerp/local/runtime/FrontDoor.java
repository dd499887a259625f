package com.bcerp.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.bcerp.handlers.worker.WorkerComposition;
import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Router;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays API Gateway's HTTP API for the webhook routes (the webhooks, and BigCommerce's delivery-exception reports
 * at their own path): each request becomes a payload-format 2.0 event for the receiver handler, and the handler's
 * answer goes back as the HTTP response. Counts its answers by status and keeps the last requests it answered, so
 * fault scenarios can see what was refused and replay what was accepted.
 */
public final class FrontDoor implements AutoCloseable {

    public static final String WEBHOOK_PATH = "/webhooks/bigcommerce";
    public static final String DELIVERY_EXCEPTION_PATH = WEBHOOK_PATH + WorkerComposition.DELIVERY_EXCEPTION_PATH;
    private static final int KEPT = 200;

    /** One request as it arrived (headers lower-case) and the status it was answered with. */
    public record Delivery(Map<String, String> headers, byte[] body, int status) {}

    private final Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
    private final Deque<Delivery> recent = new ArrayDeque<>();
    private static final DateTimeFormatter API_GATEWAY_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final Router router;
    private final FunctionTime time = new FunctionTime();
    private volatile boolean unavailable;

    public FrontDoor(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> receiver, int port) {
        this.router = new Router()
                .route("POST", WEBHOOK_PATH, request -> record(request, invoke(receiver, request)))
                .route("POST", DELIVERY_EXCEPTION_PATH, request -> record(request, invoke(receiver, request)))
                .start(port);
    }

    public String webhookUrl() {
        return router.baseUrl() + WEBHOOK_PATH;
    }

    public String deliveryExceptionUrl() {
        return router.baseUrl() + DELIVERY_EXCEPTION_PATH;
    }

    /** How many requests were answered with each status. */
    public Map<Integer, Long> answers() {
        Map<Integer, Long> out = new TreeMap<>();
        answers.forEach((status, n) -> out.put(status, n.get()));
        return out;
    }

    /** The last requests answered, oldest first. */
    public List<Delivery> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    private HttpResponse record(HttpRequest request, HttpResponse response) {
        answers.computeIfAbsent(response.status(), k -> new AtomicLong()).incrementAndGet();
        synchronized (recent) {
            recent.addLast(new Delivery(Map.copyOf(request.headers()), request.body(), response.status()));
            if (recent.size() > KEPT) {
                recent.removeFirst();
            }
        }
        return response;
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

    /** The receiver's invocations and their durations. */
    public FunctionTime time() {
        return time;
    }

    /**
     * While on, every request is answered 503 without reaching the receiver, as API Gateway answers when its Lambda
     * integration fails (a fault scenario's outage of the webhook URL).
     */
    public void unavailable(boolean on) {
        unavailable = on;
    }

    private HttpResponse invoke(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> receiver,
            HttpRequest request) {
        if (unavailable) {
            return HttpResponse.json(503, Map.of("message", "Service Unavailable"));
        }
        APIGatewayV2HTTPResponse response = time.time(() -> receiver.handleRequest(toEvent(request),
                new LocalLambdaContext("webhook-receiver", Duration.ofSeconds(10))));
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
