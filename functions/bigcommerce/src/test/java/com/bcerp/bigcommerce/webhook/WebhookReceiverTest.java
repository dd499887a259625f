package com.bcerp.bigcommerce.webhook;

import static com.bcerp.bigcommerce.webhook.WebhookAuthenticatorTest.BODY;
import static com.bcerp.bigcommerce.webhook.WebhookAuthenticatorTest.CLIENT_SECRET;
import static com.bcerp.bigcommerce.webhook.WebhookAuthenticatorTest.CONNECTOR_SECRET;
import static com.bcerp.bigcommerce.webhook.WebhookAuthenticatorTest.NOW;
import static com.bcerp.bigcommerce.webhook.WebhookAuthenticatorTest.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.port.EventQueue;
import com.bcerp.http.JsonSupport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookReceiverTest {

    record Published(String body, String orderingKey, String deduplicationId) {}

    private final List<Published> published = new ArrayList<>();
    private final EventQueue queue = (body, key, dedup) -> published.add(new Published(body, key, dedup));
    private final WebhookAuthenticator authenticator = new WebhookAuthenticator(
            WebhookAuthenticator.Config.of(CLIENT_SECRET, CONNECTOR_SECRET),
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    private final WebhookReceiver receiver =
            new WebhookReceiver(WebhookReceiver.Config.of("abc123"), authenticator, queue);

    private WebhookReceiver.Response deliver(String body) {
        return receiver.receive(signed(NOW, body), body);
    }

    @Test
    void queuesAnAuthenticOrderEventKeyedByStoreAndOrderAndDeduplicatedOnItsWebhookId() throws Exception {
        WebhookReceiver.Response response = deliver(BODY);

        assertThat(response.status()).isEqualTo(200);
        assertThat(published).singleElement().satisfies(p -> {
            assertThat(p.body()).isEqualTo(BODY);
            assertThat(p.orderingKey()).isEqualTo("abc123:order:250");
            assertThat(p.deduplicationId()).isEqualTo("webhook:" + sha256("msg_2b1c"));
            assertThat(WebhookReceiver.deliveryId(p.deduplicationId())).contains(p.deduplicationId());
        });
    }

    @Test
    void anUnsignedDeliveryIsDeduplicatedOnThePayloadHashAndNamesNoDelivery() throws Exception {
        WebhookReceiver lenient = new WebhookReceiver(WebhookReceiver.Config.of("abc123"), new WebhookAuthenticator(
                WebhookAuthenticator.Config.of(CLIENT_SECRET, CONNECTOR_SECRET).withRequireSignature(false),
                Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC)), queue);
        assertThat(lenient.receive(java.util.Map.of("X-Connector-Secret", CONNECTOR_SECRET), BODY).status())
                .isEqualTo(200);
        assertThat(published).singleElement().satisfies(p -> {
            assertThat(p.deduplicationId()).isEqualTo(sha256(BODY));
            assertThat(WebhookReceiver.deliveryId(p.deduplicationId())).isEmpty();
        });
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theSameBytesDeliveredTwiceCarryTheSameDeduplicationId() {
        deliver(BODY);
        deliver(BODY);
        assertThat(published).hasSize(2);
        assertThat(published.get(0).deduplicationId()).isEqualTo(published.get(1).deduplicationId());
    }

    @Test
    void queuesStatusUpdatesWithTheirStatusData() {
        String body = "{\"scope\":\"store/order/statusUpdated\",\"store_id\":\"1025646\",\"data\":{\"type\":\"order\","
                + "\"id\":250,\"status\":{\"previous_status_id\":0,\"new_status_id\":11}},\"hash\":\"7ee6\","
                + "\"created_at\":1561479335,\"producer\":\"stores/abc123\"}";
        assertThat(deliver(body).status()).isEqualTo(200);
        assertThat(published).singleElement().extracting(Published::orderingKey).isEqualTo("abc123:order:250");
    }

    @Test
    void aTransactionEventWithoutDataIdIsQueuedInItsOrdersGroupAndARefundInItsOrdersGroupToo() {
        // docs/integrations/webhooks/events/index.mdx: the order transaction event, comments removed
        String transaction = "{\"scope\":\"store/order/transaction/created\",\"store_id\":\"1025646\",\"data\":{"
                + "\"type\":\"transaction\",\"order_id\":\"250\",\"transaction_id\":\"176342342\","
                + "\"transaction_status\":\"complete\",\"transaction_type\":\"capture\",\"result\":{\"code\":\"captured\","
                + "\"message\":\"Captured\",\"type\":\"success\"},\"platform_transaction_id\":\"964899682\","
                + "\"provider_transaction_id\":\"CK65FBPKR472P4V5\"},\"hash\":\"dd70c0976e06b67aaf671e73f49dcb79230ebf9d\","
                + "\"created_at\":1561479335,\"producer\":\"stores/abc123\"}";
        String refund = "{\"scope\":\"store/order/refund/created\",\"store_id\":\"1025646\",\"data\":{\"type\":\"order\","
                + "\"id\":250,\"refund\":{\"refund_id\":3}},\"hash\":\"cb07\",\"created_at\":1561479923,"
                + "\"producer\":\"stores/abc123\"}";

        assertThat(deliver(transaction).status()).isEqualTo(200);
        assertThat(deliver(refund).status()).isEqualTo(200);

        assertThat(published).extracting(Published::orderingKey).containsExactly("abc123:order:250", "abc123:order:250");
        com.bcerp.core.model.StoreEvent event = WebhookPayloads.parse(transaction);
        assertThat(event.resourceType()).isEqualTo("transaction");
        assertThat(event.resourceId()).isEqualTo("176342342");
        assertThat(event.orderId()).hasValue(250);
        assertThat(event.isOrderEvent()).isTrue();
    }

    @Test
    void customerAndAddressEventsAreQueuedInTheCustomersGroup() {
        // webhooks.v3.yml: store/customer/updated, and an address event whose data.id is the address
        String updated = "{\"scope\":\"store/customer/updated\",\"store_id\":\"1025646\",\"data\":{\"type\":\"customer\","
                + "\"id\":32},\"hash\":\"8768ab15\",\"created_at\":1561481571,\"producer\":\"stores/abc123\"}";
        String address = "{\"created_at\":1561482670,\"store_id\":\"1025646\",\"producer\":\"stores/abc123\","
                + "\"scope\":\"store/customer/address/updated\",\"hash\":\"352e4afc\",\"data\":{\"type\":\"customer\","
                + "\"id\":60,\"address\":{\"customer_id\":32}}}";

        assertThat(deliver(updated).status()).isEqualTo(200);
        assertThat(deliver(address).status()).isEqualTo(200);

        assertThat(published).extracting(Published::orderingKey).containsExactly("abc123:customer:32", "abc123:customer:32");
        assertThat(WebhookPayloads.parse(address).customerId()).hasValue(32);
    }

    @Test
    void unauthenticatedIs401AndQueuesNothing() {
        Map<String, String> headers = signed(NOW, BODY);
        headers.put("X-Connector-Secret", "guess");
        WebhookReceiver.Response response = receiver.receive(headers, BODY);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).doesNotContain(CONNECTOR_SECRET).doesNotContain("guess");
        assertThat(published).isEmpty();
    }

    @Test
    void oversizedIs413BeforeAnythingElse() {
        WebhookReceiver small = new WebhookReceiver(
                new WebhookReceiver.Config("abc123", 100, WebhookReceiver.ORDER_SCOPES), authenticator, queue);
        assertThat(small.receive(Map.of(), BODY).status()).isEqualTo(413);
        String padded = BODY.replace("{\"scope\"", " ".repeat(64 * 1024) + "{\"scope\"");
        assertThat(deliver(padded).status()).isEqualTo(413);
        assertThat(published).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> field {1}")
    @CsvSource(delimiter = '|', value = {
        "not json at all|body",
        "[1,2,3]|body",
        "{\"store_id\":\"1\",\"data\":{\"type\":\"order\",\"id\":1},\"producer\":\"stores/abc123\"}|scope",
        "{\"scope\":7,\"data\":{\"type\":\"order\",\"id\":1},\"producer\":\"stores/abc123\"}|scope",
        "{\"scope\":\"store/order/created\",\"producer\":\"stores/abc123\"}|data",
        "{\"scope\":\"store/order/created\",\"data\":\"order 1\",\"producer\":\"stores/abc123\"}|data",
        "{\"scope\":\"store/order/created\",\"data\":{\"type\":\"order\"},\"producer\":\"stores/abc123\"}|data.id",
        "{\"scope\":\"store/order/created\",\"data\":{\"type\":\"order\",\"id\":{}},\"producer\":\"stores/abc123\"}|data.id",
        "{\"scope\":\"store/order/transaction/created\",\"data\":{\"type\":\"transaction\",\"transaction_id\":\"9\"},\"producer\":\"stores/abc123\"}|data.order_id",
        "{\"scope\":\"store/order/transaction/updated\",\"data\":{\"type\":\"transaction\",\"order_id\":\"250\"},\"producer\":\"stores/abc123\"}|data.transaction_id",
        "{\"scope\":\"store/order/created\",\"data\":{\"type\":\"order\",\"id\":1}}|producer",
        "{\"scope\":\"store/order/created\",\"data\":{\"type\":\"order\",\"id\":1},\"producer\":\"abc123\"}|producer",
        "{\"scope\":\"store/order/created\",\"data\":{\"type\":\"order\",\"id\":1},\"producer\":\"stores/abc123\",\"created_at\":\"now\"}|created_at",
    })
    void malformedIs400NamingTheFieldAndQueuesNothing(String body, String field) {
        WebhookReceiver.Response response = deliver(body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(JsonSupport.MAPPER.convertValue(json(response.body()), Map.class)).containsEntry("field", field);
        assertThat(published).isEmpty();
    }

    @Test
    void bodyThatIsNotUtf8Is400() {
        byte[] body = {(byte) 0xff, (byte) 0xfe, '{', '}'};
        Map<String, String> headers = new HashMap<>(Map.of("X-Connector-Secret", CONNECTOR_SECRET,
                "webhook-id", "msg_bin", "webhook-timestamp", Long.toString(NOW),
                "webhook-signature", Signing.v1(CLIENT_SECRET, "msg_bin", NOW, body)));
        assertThat(receiver.receive(headers, body).status()).isEqualTo(400);
        assertThat(published).isEmpty();
    }

    @Test
    void anotherStoresAuthenticEventIsAcknowledgedSoItNeverCountsAgainstTheDomainButNothingIsQueued() {
        String body = BODY.replace("stores/abc123", "stores/zzz999");
        WebhookReceiver.Response response = deliver(body);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("ignored").contains("zzz999");
        assertThat(published).isEmpty();
    }

    @Test
    void unhandledScopesAre200WithoutQueueing() {
        String body = BODY.replace("store/order/created", "store/order/archived");
        WebhookReceiver.Response response = deliver(body);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("ignored");
        assertThat(published).isEmpty();
    }

    @Test
    void aQueueFailureIs500SoBigCommerceRetries() {
        WebhookReceiver failing = new WebhookReceiver(WebhookReceiver.Config.of("abc123"), authenticator,
                (b, k, d) -> {
                    throw new IllegalStateException("queue unavailable");
                });
        assertThat(failing.receive(signed(NOW, BODY), BODY).status()).isEqualTo(500);
    }

    private static Object json(String body) {
        try {
            return JsonSupport.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDeliveryExceptionReportIsNotedAndNothingIsQueued() {
        String body = "{\"scope\":\"store/hook/deliveryException\",\"store_id\":\"1025646\",\"data\":{\"type\":"
                + "\"webhook\",\"id\":123,\"error_code\":90002,\"message\":\"Non-200 response received\"},"
                + "\"hash\":\"e0c2\",\"created_at\":1561482670,\"producer\":\"stores/abc123\"}";

        WebhookReceiver.Response response = deliver(body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("noted");
        assertThat(published).isEmpty();
    }

    @Test
    void anEventTheConnectorWritesItselfReadsBackAsTheSameEvent() {
        com.bcerp.core.model.StoreEvent event = new com.bcerp.core.model.StoreEvent("abc123", "store/order/updated",
                "order", "250", 1_700_000_000L, "catch-up@2026-11-23T12:00:00Z", Map.of("type", "order", "id", 250L));

        com.bcerp.core.model.StoreEvent read = WebhookPayloads.parse(WebhookPayloads.encode(event));

        assertThat(read).usingRecursiveComparison().ignoringFields("data").isEqualTo(event);
        assertThat(read.data()).containsEntry("type", "order");
        assertThat(((Number) read.data().get("id")).longValue()).isEqualTo(250L);
    }
}
