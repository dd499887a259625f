package com.bcerp.bigcommerce.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.http.JsonSupport;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox's webhooks, registered by the connector's registrar and judged by its authenticator and receiver. */
class WebhookDeliveryIT {

    /** 48 hours of BigCommerce retries in about 5 seconds. */
    static final double TIME_SCALE = 0.00003;
    static final String CONNECTOR_SECRET = "connector-secret-for-tests";
    static final Map<String, String> HEADERS = Map.of(WebhookAuthenticator.SECRET_HEADER, CONNECTOR_SECRET);
    static final List<String> SCOPES = List.copyOf(WebhookReceiver.ORDER_SCOPES);

    BigCommerceSandbox sandbox;
    WebhookRegistrar registrar;

    @BeforeEach
    void start() {
        sandbox = BigCommerceSandbox.start(BigCommerceSandbox.Settings.defaults().withWebhookRetryTimeScale(TIME_SCALE));
        registrar = new WebhookRegistrar(BigCommerceClient.create(new BigCommerceSettings(
                URI.create(sandbox.baseUrl()), sandbox.storeHash(), sandbox.connectorAccessToken())));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aRegisteredHookReceivesSignedDeliveriesThatTheReceiverQueues() throws Exception {
        try (Destination destination = new Destination(200)) {
            WebhookRegistrar.Report first = registrar.ensure(SCOPES, destination.url(), HEADERS);
            assertThat(first.created()).containsExactlyInAnyOrderElementsOf(SCOPES);
            WebhookRegistrar.Report again = registrar.ensure(SCOPES, destination.url(), HEADERS);
            assertThat(again.changedAnything()).isFalse();
            assertThat(again.unchanged()).hasSize(SCOPES.size());

            long orderId = createOrder();
            Destination.Received created = destination.await(r -> r.text().contains("store/order/created"),
                    Duration.ofSeconds(5));
            setStatus(orderId, 9);
            Destination.Received statusUpdated = destination.await(
                    r -> r.text().contains("store/order/statusUpdated"), Duration.ofSeconds(5));
            destination.await(r -> r.text().contains("store/order/updated"), Duration.ofSeconds(5));

            JsonNode payload = JsonSupport.MAPPER.readTree(created.body());
            assertThat(payload.path("scope").asText()).isEqualTo("store/order/created");
            assertThat(payload.path("store_id").isTextual()).isTrue();
            assertThat(payload.path("producer").asText()).isEqualTo("stores/" + sandbox.storeHash());
            assertThat(payload.path("data").path("id").asLong()).isEqualTo(orderId);
            assertThat(payload.path("hash").asText()).matches("[0-9a-f]{40}");
            assertThat(created.headers()).containsEntry("X-Connector-Secret", CONNECTOR_SECRET)
                    .containsKeys("webhook-id", "webhook-timestamp", "webhook-signature");
            JsonNode status = JsonSupport.MAPPER.readTree(statusUpdated.body()).path("data").path("status");
            assertThat(status.path("previous_status_id").asInt()).isEqualTo(1);
            assertThat(status.path("new_status_id").asInt()).isEqualTo(9);

            WebhookAuthenticator authenticator = new WebhookAuthenticator(
                    WebhookAuthenticator.Config.of(sandbox.clientSecret(), CONNECTOR_SECRET), Clock.systemUTC());
            assertThat(authenticator.verify(created.headers(), created.body()).accepted()).isTrue();
            assertThat(new WebhookAuthenticator(WebhookAuthenticator.Config.of("someone-elses-secret",
                    CONNECTOR_SECRET), Clock.systemUTC()).verify(created.headers(), created.body()).accepted()).isFalse();

            List<String> keys = Collections.synchronizedList(new ArrayList<>());
            WebhookReceiver receiver = new WebhookReceiver(WebhookReceiver.Config.of(sandbox.storeHash()), authenticator,
                    (body, key, dedup) -> keys.add(key));
            assertThat(receiver.receive(created.headers(), created.body()).status()).isEqualTo(200);
            assertThat(receiver.receive(statusUpdated.headers(), statusUpdated.body()).status()).isEqualTo(200);
            assertThat(keys).containsOnly(sandbox.storeHash() + ":order:" + orderId).hasSize(2);

            assertThat(sandbox.awaitDeliveriesIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(sandbox.deliveries().successes()).isEqualTo(3);
            assertThat(sandbox.deliveries().failures()).isZero();
        }
    }

    @Test
    void aFailingDestinationIsRetriedOnTheScaledScheduleThenDeactivatedAndTheRegistrarRevivesIt() throws Exception {
        try (Destination failing = new Destination(503)) {
            registrar.ensure(List.of("store/order/created"), failing.url(), HEADERS);
            createOrder();

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (sandbox.deliveries().deactivatedHooks() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(sandbox.deliveries().deactivatedHooks()).isEqualTo(1);

            List<Destination.Received> attempts = failing.received();
            assertThat(attempts).hasSize(12); // the first delivery and 11 retries
            assertThat(attempts).extracting(r -> r.headers().get("webhook-id")).containsOnly(
                    attempts.get(0).headers().get("webhook-id"));
            // the waits grow as BigCommerce's do: the last (86,400 s scaled) is far longer than the first (60 s)
            Duration firstGap = Duration.between(attempts.get(0).at(), attempts.get(1).at());
            Duration lastGap = Duration.between(attempts.get(10).at(), attempts.get(11).at());
            assertThat(lastGap.toMillis()).isGreaterThanOrEqualTo(Math.round(86_400_000 * TIME_SCALE) - 50);
            assertThat(lastGap).isGreaterThan(firstGap.multipliedBy(10));
            assertThat(sandbox.deliveries().failures()).isEqualTo(12);
            assertThat(sandbox.deliveries().pendingRetries()).isZero();

            assertThat(registrar.list(failing.url())).singleElement().satisfies(h -> assertThat(h.active()).isFalse());
            WebhookRegistrar.Report revived = registrar.ensure(List.of("store/order/created"), failing.url(), HEADERS);
            assertThat(revived.reactivated()).containsExactly("store/order/created");
            assertThat(registrar.list(failing.url())).singleElement().satisfies(h -> assertThat(h.active()).isTrue());
        }
    }

    @Test
    void withTheKnobARetryCarriesTheFirstSignatureAndTheReceiverQueuesItHoursLaterButNothingForgedOrTooOld()
            throws Exception {
        sandbox.faults().retriesReuseFirstSignature(true);
        try (Destination flaky = new Destination(503)) {
            registrar.ensure(List.of("store/order/created"), flaky.url(), HEADERS);
            createOrder();
            flaky.await(r -> true, Duration.ofSeconds(5));
            flaky.answer(200);
            assertThat(sandbox.awaitDeliveriesIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(sandbox.deliveries().successes()).isEqualTo(1);

            List<Destination.Received> attempts = flaky.received();
            assertThat(attempts.size()).isGreaterThanOrEqualTo(2);
            Destination.Received first = attempts.get(0);
            Destination.Received retry = attempts.get(attempts.size() - 1);
            for (String header : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
                assertThat(retry.headers().get(header)).as(header).isEqualTo(first.headers().get(header));
            }
            assertThat(retry.body()).isEqualTo(first.body());

            // the retry reaches the receiver three hours after its first attempt was signed
            long signedAt = Long.parseLong(first.headers().get("webhook-timestamp"));
            List<String> queued = Collections.synchronizedList(new ArrayList<>());
            WebhookReceiver late = receiverAt(signedAt + 3 * 3600, queued);
            assertThat(late.receive(retry.headers(), retry.body()).status()).isEqualTo(200);
            assertThat(queued).singleElement().asString().startsWith("webhook:");
            // posted again (a replay): the same deduplication id, so the queue and the worker's record drop it
            assertThat(late.receive(retry.headers(), retry.body()).status()).isEqualTo(200);
            assertThat(queued).hasSize(2).containsOnly(queued.get(0));

            byte[] changed = new String(retry.body(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("\"store/order/created\"", "\"store/order/updated\"")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(late.receive(retry.headers(), changed).status()).as("a changed body").isEqualTo(401);
            Map<String, String> freshened = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            freshened.putAll(retry.headers());
            freshened.put("webhook-timestamp", Long.toString(signedAt + 3 * 3600));
            assertThat(late.receive(freshened, retry.body()).status()).as("a re-dated timestamp").isEqualTo(401);
            long beyondRetries = signedAt + WebhookAuthenticator.RETRY_HORIZON.toSeconds() + 1;
            assertThat(receiverAt(beyondRetries, queued).receive(retry.headers(), retry.body()).status())
                    .as("older than any BigCommerce retry").isEqualTo(401);
            assertThat(queued).hasSize(2);
        }
    }

    private WebhookReceiver receiverAt(long epochSecond, List<String> deduplicationIds) {
        WebhookAuthenticator authenticator = new WebhookAuthenticator(
                WebhookAuthenticator.Config.of(sandbox.clientSecret(), CONNECTOR_SECRET),
                Clock.fixed(java.time.Instant.ofEpochSecond(epochSecond), java.time.ZoneOffset.UTC));
        return new WebhookReceiver(WebhookReceiver.Config.of(sandbox.storeHash()), authenticator,
                (body, key, dedup) -> deduplicationIds.add(dedup));
    }

    @Test
    void theRegistrarRepairsWrongHeaders() throws Exception {
        try (Destination destination = new Destination(200)) {
            registrar.ensure(List.of("store/order/created"), destination.url(), Map.of("X-Connector-Secret", "old"));
            WebhookRegistrar.Report report = registrar.ensure(List.of("store/order/created"), destination.url(), HEADERS);
            assertThat(report.repaired()).containsExactly("store/order/created");
            assertThat(registrar.list(destination.url())).singleElement()
                    .satisfies(h -> assertThat(h.headers()).containsEntry("X-Connector-Secret", CONNECTOR_SECRET));
        }
    }

    @Test
    void faultsDuplicateAndDropDeliveries() throws Exception {
        try (Destination destination = new Destination(200)) {
            registrar.ensure(List.of("store/order/created"), destination.url(), HEADERS);
            sandbox.faults().deliveriesPerEvent(3).shuffleDeliveries(true);
            createOrder();
            createOrder();
            assertThat(sandbox.awaitDeliveriesIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(destination.received()).hasSize(6);

            sandbox.faults().reset().dropDeliveryShare(1.0);
            createOrder();
            assertThat(sandbox.awaitDeliveriesIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(destination.received()).hasSize(6);
            assertThat(sandbox.deliveries().dropped()).isEqualTo(1);
            assertThat(sandbox.deliveries().eventsRaised()).isEqualTo(3);
        }
    }

    private long createOrder() throws Exception {
        String body = JsonSupport.write(Map.of(
                "billing_address", Map.of("first_name", "Ada", "last_name", "Lovelace", "zip", "78701",
                        "email", "ada@example.com"),
                "products", List.of(Map.of("product_id", sandbox.catalog().simpleItems().get(0).productId(),
                        "quantity", 1))));
        HttpResponse<String> response = send("POST", "/v2/orders", body);
        assertThat(response.statusCode()).isEqualTo(201);
        return JsonSupport.MAPPER.readTree(response.body()).path("id").asLong();
    }

    private void setStatus(long orderId, int statusId) throws Exception {
        assertThat(send("PUT", "/v2/orders/" + orderId, "{\"status_id\":" + statusId + "}").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/stores/" + sandbox.storeHash() + path))
                    .header("X-Auth-Token", sandbox.adminAccessToken()).header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
