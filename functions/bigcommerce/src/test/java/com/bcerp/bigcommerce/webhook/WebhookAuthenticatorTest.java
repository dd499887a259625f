package com.bcerp.bigcommerce.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookAuthenticatorTest {

    static final String CLIENT_SECRET = "client-secret-0123456789";
    static final String CONNECTOR_SECRET = "connector-secret-abcdef";
    static final long NOW = 1_700_000_000L;
    static final String BODY = "{\"scope\":\"store/order/created\",\"store_id\":\"1025646\",\"data\":{\"type\":\"order\","
            + "\"id\":250},\"hash\":\"dd70c0976e06b67aaf671e73f49dcb79230ebf9d\",\"created_at\":1561479335,"
            + "\"producer\":\"stores/abc123\"}";

    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private final WebhookAuthenticator authenticator =
            new WebhookAuthenticator(WebhookAuthenticator.Config.of(CLIENT_SECRET, CONNECTOR_SECRET), clock);

    static Map<String, String> signed(long timestamp, String body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("webhook-id", "msg_2b1c");
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", Signing.v1(CLIENT_SECRET, "msg_2b1c", timestamp, body));
        headers.put("X-Connector-Secret", CONNECTOR_SECRET);
        headers.put("Content-Type", "application/json");
        return headers;
    }

    private WebhookAuthenticator.Verdict verify(Map<String, String> headers) {
        return authenticator.verify(headers, BODY.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsAGoodSignatureAndSecret() {
        WebhookAuthenticator.Verdict verdict = verify(signed(NOW, BODY));
        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.reason()).contains("signature");
    }

    @Test
    void looksHeadersUpWhateverTheirCase() {
        Map<String, String> headers = new HashMap<>();
        signed(NOW, BODY).forEach((k, v) -> headers.put(k.toUpperCase(), v));
        assertThat(verify(headers).accepted()).isTrue();
    }

    @Test
    void rejectsAWrongOrMissingSecretHeader() {
        Map<String, String> wrong = signed(NOW, BODY);
        wrong.put("X-Connector-Secret", CONNECTOR_SECRET + "x");
        Map<String, String> missing = signed(NOW, BODY);
        missing.remove("X-Connector-Secret");

        assertThat(verify(wrong).accepted()).isFalse();
        assertThat(verify(wrong).reason()).contains("does not match").doesNotContain(CONNECTOR_SECRET);
        assertThat(verify(missing).accepted()).isFalse();
    }

    @Test
    void rejectsAWrongSignature() {
        Map<String, String> headers = signed(NOW, BODY);
        headers.put("webhook-signature", Signing.v1("another-secret", "msg_2b1c", NOW, BODY));
        assertThat(verify(headers).accepted()).isFalse();
        assertThat(verify(headers).reason()).isEqualTo("no v1 signature matches");
    }

    @Test
    void rejectsASignatureOverAnotherBody() {
        Map<String, String> headers = signed(NOW, BODY.replace("250", "251"));
        assertThat(verify(headers).accepted()).isFalse();
    }

    @Test
    void acceptsATimestampUpToBigCommercesRetryHorizonOldButNothingOlderOrFurtherInTheFuture() {
        long horizon = WebhookAuthenticator.RETRY_HORIZON.toSeconds();
        // a retry carrying its first attempt's signature, three hours and then 48 hours on
        assertThat(verify(signed(NOW - 3 * 3600, BODY)).accepted()).isTrue();
        assertThat(verify(signed(NOW - horizon, BODY)).accepted()).isTrue();
        assertThat(verify(signed(NOW - horizon - 1, BODY)).accepted()).isFalse();
        assertThat(verify(signed(NOW - horizon - 1, BODY)).reason()).contains((horizon + 1) + " s old")
                .contains("older than BigCommerce's retries");
        assertThat(verify(signed(NOW + 301, BODY)).accepted()).isFalse();
        assertThat(verify(signed(NOW + 301, BODY)).reason()).contains("in the future");
        assertThat(verify(signed(NOW + 299, BODY)).accepted()).isTrue();
    }

    @Test
    void anOldTimestampIsNoWayAroundTheSignature() {
        Map<String, String> moved = signed(NOW - 3 * 3600, BODY);
        moved.put("webhook-timestamp", Long.toString(NOW));
        assertThat(verify(moved).accepted()).as("a retry's timestamp made fresh").isFalse();
        assertThat(verify(signed(NOW - 3 * 3600, BODY.replace("250", "251"))).accepted()).isFalse();
    }

    @Test
    void rejectsATimestampThatIsNotANumber() {
        Map<String, String> headers = signed(NOW, BODY);
        headers.put("webhook-timestamp", "yesterday");
        assertThat(verify(headers).accepted()).isFalse();
    }

    @Test
    void acceptsWhenAnyOfSeveralSignaturesMatches() {
        Map<String, String> headers = signed(NOW, BODY);
        String good = headers.get("webhook-signature");
        headers.put("webhook-signature", "v1,bm90LXRoZS1zaWduYXR1cmU= v1a,c29tZXRoaW5nLWVsc2U= " + good);
        assertThat(verify(headers).accepted()).isTrue();

        headers.put("webhook-signature", "v1,bm90LXRoZS1zaWduYXR1cmU= v2," + good.substring(3));
        assertThat(verify(headers).accepted()).as("only v1 signatures count").isFalse();
    }

    @Test
    void unsignedDeliveriesNeedRequireSignatureOff() {
        Map<String, String> unsigned = Map.of("X-Connector-Secret", CONNECTOR_SECRET);
        assertThat(verify(unsigned).accepted()).isFalse();
        assertThat(verify(unsigned).reason()).startsWith("unsigned");

        WebhookAuthenticator lenient = new WebhookAuthenticator(
                WebhookAuthenticator.Config.of(CLIENT_SECRET, CONNECTOR_SECRET).withRequireSignature(false), clock);
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(lenient.verify(unsigned, body).accepted()).isTrue();
        assertThat(lenient.verify(Map.of(), body).accepted()).as("the secret header is still required").isFalse();

        Map<String, String> badlySigned = signed(NOW, BODY);
        badlySigned.put("webhook-signature", Signing.v1("another-secret", "msg_2b1c", NOW, BODY));
        assertThat(lenient.verify(badlySigned, body).accepted()).as("a present signature is still checked").isFalse();
        Map<String, String> partlySigned = new HashMap<>(unsigned);
        partlySigned.put("webhook-id", "msg_2b1c");
        assertThat(lenient.verify(partlySigned, body).accepted()).isFalse();
    }

    @Test
    void neverPrintsItsSecrets() {
        assertThat(WebhookAuthenticator.Config.of(CLIENT_SECRET, CONNECTOR_SECRET).toString())
                .doesNotContain(CLIENT_SECRET).doesNotContain(CONNECTOR_SECRET);
    }

    @Test
    void aToleranceLongerThanFiveMinutesIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WebhookAuthenticator.Config(CLIENT_SECRET,
                CONNECTOR_SECRET, true, java.time.Duration.ofMinutes(6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 300 s");
    }

    /** The Standard Webhooks specification's published test vector, so the receiver agrees with the reference, not only with our signer. */
    @Test
    void acceptsTheStandardWebhooksTestVectorAndNothingTamperedWith() {
        long signedAt = 1614265330L;
        WebhookAuthenticator reference = new WebhookAuthenticator(WebhookAuthenticator.Config.of(CLIENT_SECRET, CONNECTOR_SECRET),
                java.util.Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                Clock.fixed(Instant.ofEpochSecond(signedAt + 10), ZoneOffset.UTC));
        Map<String, String> headers = new HashMap<>();
        headers.put("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek");
        headers.put("webhook-timestamp", Long.toString(signedAt));
        headers.put("webhook-signature", "v1,bm9wZQ== v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        headers.put("X-Connector-Secret", CONNECTOR_SECRET);

        assertThat(reference.verify(headers, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)).accepted()).isTrue();
        assertThat(reference.verify(headers, "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8)).accepted()).isFalse();
        headers.put("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJeK");
        assertThat(reference.verify(headers, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)).accepted()).isFalse();
    }
}
