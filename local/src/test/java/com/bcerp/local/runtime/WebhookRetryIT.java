package com.bcerp.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.local.demo.OrderSeeder;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * BigCommerce may retry a delivery with its first attempt's signature (the sandbox's knob): the retry the real
 * receiver gets hours after the signing is imported once, through the real queue and worker; a changed copy is not.
 */
class WebhookRetryIT {

    /** The system clock moved by an offset the test sets. */
    static final class ShiftedClock extends Clock {
        private volatile Duration offset;

        ShiftedClock(Duration offset) {
            this.offset = offset;
        }

        void set(Duration value) {
            offset = value;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void a_retry_carrying_its_first_signature_three_hours_on_is_imported_once_and_a_changed_copy_is_refused()
            throws Exception {
        // the receiver's clock an hour behind BigCommerce's: every first attempt looks an hour ahead and is refused
        ShiftedClock receiverClock = new ShiftedClock(Duration.ofHours(-1));
        LocalRuntime.Timing timing = LocalRuntime.Timing.defaults();
        LocalRuntime.Timing noCatchUp = new LocalRuntime.Timing(timing.quotaWindow(), timing.claimLease(),
                timing.backOfficeTimeout(), timing.accessTokenLifetime(), Duration.ofHours(1), Duration.ofHours(1));
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(
                Files.createTempDirectory("webhook-retry-it")).withTiming(noCatchUp).withReceiverClock(receiverClock))) {
            runtime.bigcommerce().faults().retriesReuseFirstSignature(true);
            long orderId = new OrderSeeder(runtime.bigcommerce(), 11).place(1).get(0).id();
            await(() -> runtime.frontDoor().answers().getOrDefault(401, 0L) > 0, Duration.ofSeconds(20));
            FrontDoor.Delivery refused = created(runtime, orderId, 401);

            // three hours after the signing, the retries (the same id, timestamp and signature) are let in
            receiverClock.set(Duration.ofHours(3));
            await(() -> salesOrders(runtime, orderId) == 1 && runtime.isSettled(Duration.ofSeconds(2)),
                    Duration.ofSeconds(60));
            FrontDoor.Delivery accepted = created(runtime, orderId, 200);
            for (String header : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
                assertThat(header(accepted, header)).as(header).isEqualTo(header(refused, header));
            }

            // the retry posted once more (a replay), and a copy with another order's id in it
            assertThat(post(runtime, accepted, accepted.body())).isEqualTo(200);
            byte[] changed = new String(accepted.body(), StandardCharsets.UTF_8)
                    .replace("\"id\":" + orderId, "\"id\":" + (orderId + 1)).getBytes(StandardCharsets.UTF_8);
            assertThat(changed).isNotEqualTo(accepted.body());
            assertThat(post(runtime, accepted, changed)).isEqualTo(401);
            await(() -> runtime.isSettled(Duration.ofSeconds(2)), Duration.ofSeconds(30));
            assertThat(salesOrders(runtime, orderId)).isEqualTo(1);
            assertThat(runtime.aws().visibleAndInFlight(runtime.aws().deadLetterQueueUrl())).isZero();
        }
    }

    private static long salesOrders(LocalRuntime runtime, long orderId) {
        return runtime.acumatica().salesOrders().stream()
                .filter(so -> so.path("CustomerOrder").path("value").asText().equals(Long.toString(orderId))).count();
    }

    private static FrontDoor.Delivery created(LocalRuntime runtime, long orderId, int status) {
        return runtime.frontDoor().recent().stream().filter(d -> d.status() == status).filter(d -> {
            JsonNode body = json(d.body());
            return body.path("scope").asText().equals("store/order/created")
                    && body.path("data").path("id").asLong() == orderId;
        }).findFirst().orElseThrow(() -> new AssertionError("no store/order/created for " + orderId + " answered "
                + status + ": " + runtime.frontDoor().answers()));
    }

    private static String header(FrontDoor.Delivery delivery, String name) {
        return delivery.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static int post(LocalRuntime runtime, FrontDoor.Delivery like, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.frontDoor().webhookUrl()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
        for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature", "X-Connector-Secret")) {
            request.header(name, header(like, name));
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static JsonNode json(byte[] body) {
        try {
            return com.bcerp.http.JsonSupport.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            return com.bcerp.http.JsonSupport.MAPPER.createObjectNode();
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited " + timeout).isLessThan(end);
            Thread.sleep(100);
        }
    }
}
