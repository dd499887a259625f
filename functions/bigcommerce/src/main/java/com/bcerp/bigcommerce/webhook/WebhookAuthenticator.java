package com.bcerp.bigcommerce.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decides whether a webhook delivery really comes from BigCommerce for this connector. Two checks, both compared in
 * constant time:
 * <ul>
 *   <li>the Standard Webhooks signature BigCommerce sends ({@code webhook-id}, {@code webhook-timestamp},
 *   {@code webhook-signature}: {@code v1,<base64 HMAC-SHA256>} keyed with the app's client secret over
 *   {@code id.timestamp.body}), with the timestamp at most the tolerance in the future and at most
 *   {@link #RETRY_HORIZON} in the past;</li>
 *   <li>the connector's own secret header ({@value #SECRET_HEADER}), which it registers on its hooks.</li>
 * </ul>
 * With {@code requireSignature} off, an unsigned delivery passes on the secret header alone (BigCommerce does not
 * document which hooks are signed); a signature that is present is always checked.
 *
 * <p>Why the past bound is BigCommerce's retry horizon and not a few minutes: BigCommerce does not say whether a
 * retry is signed afresh, and one that carries the first attempt's timestamp arrives up to 48 hours after it was
 * signed; a 5-minute bound would refuse every such retry, so a failed delivery would never get through. A replay
 * of a captured delivery is instead stopped by its {@code webhook-id}: within 5 minutes the FIFO queue's
 * deduplication (the id is the deduplication id), and afterwards the worker's record of the ids it has handled
 * (kept longer than this horizon), so it changes nothing and costs no store call. Nothing older than any genuine
 * retry can be, or signed in the future, is accepted at all.
 */
public final class WebhookAuthenticator {

    public static final String SECRET_HEADER = "X-Connector-Secret";

    /** The longest tolerance for a timestamp in the future (clock skew): the reference libraries' 5 minutes. */
    public static final Duration MAX_TOLERANCE = Duration.ofMinutes(5);

    /**
     * The oldest signed timestamp accepted: BigCommerce retries for 172,740 s (its 11 waits, 60 s to 86,400 s) and
     * says "a little over 48 hours"; an hour on top covers the attempts' own time.
     */
    public static final Duration RETRY_HORIZON = Duration.ofHours(49);

    /**
     * @param clientSecret     the BigCommerce app's client secret (the HMAC key, as its UTF-8 bytes)
     * @param connectorSecret  the value the connector registers in {@value #SECRET_HEADER}
     * @param requireSignature reject deliveries without the Standard Webhooks headers
     * @param tolerance        how far the signed timestamp may be in the future (it may be up to
     *                         {@link #RETRY_HORIZON} in the past)
     */
    public record Config(String clientSecret, String connectorSecret, boolean requireSignature, Duration tolerance) {

        public Config {
            Objects.requireNonNull(clientSecret, "clientSecret");
            Objects.requireNonNull(connectorSecret, "connectorSecret");
            Objects.requireNonNull(tolerance, "tolerance");
            if (clientSecret.isEmpty() || connectorSecret.isEmpty()) {
                throw new IllegalArgumentException("the client secret and the connector secret must not be empty");
            }
            if (tolerance.isNegative() || tolerance.compareTo(MAX_TOLERANCE) > 0) {
                throw new IllegalArgumentException("the timestamp tolerance must be between 0 and "
                        + MAX_TOLERANCE.toSeconds() + " s, was " + tolerance.toSeconds() + " s");
            }
        }

        /** Signature required, 5 minutes' tolerance (the Standard Webhooks reference libraries' default). */
        public static Config of(String clientSecret, String connectorSecret) {
            return new Config(clientSecret, connectorSecret, true, Duration.ofMinutes(5));
        }

        public Config withRequireSignature(boolean required) {
            return new Config(clientSecret, connectorSecret, required, tolerance);
        }

        @Override
        public String toString() {
            return "WebhookAuthenticator.Config[requireSignature=" + requireSignature + ", tolerance=" + tolerance
                    + ", secrets=(redacted)]";
        }
    }

    /** The decision and why, for logs; the reason never contains a secret or a signature. */
    public record Verdict(boolean accepted, String reason) {

        static Verdict accept(String reason) {
            return new Verdict(true, reason);
        }

        static Verdict reject(String reason) {
            return new Verdict(false, reason);
        }
    }

    private final Config config;
    private final Clock clock;
    private final byte[] connectorSecret;
    private final byte[] signingKey;

    public WebhookAuthenticator(Config config, Clock clock) {
        this(config, config.clientSecret().getBytes(StandardCharsets.UTF_8), clock);
    }

    /**
     * @param signingKey the Standard Webhooks key: BigCommerce's samples hand the library {@code base64(client
     *                   secret)}, which it decodes, so the key is the client secret's bytes
     */
    WebhookAuthenticator(Config config, byte[] signingKey, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.connectorSecret = config.connectorSecret().getBytes(StandardCharsets.UTF_8);
        this.signingKey = signingKey.clone();
    }

    public Verdict verify(Map<String, String> headers, byte[] body) {
        return verify(new WebhookHeaders(headers), body);
    }

    Verdict verify(WebhookHeaders headers, byte[] body) {
        Optional<String> secret = headers.get(SECRET_HEADER);
        if (secret.isEmpty()) {
            return Verdict.reject("no " + SECRET_HEADER + " header");
        }
        if (!MessageDigest.isEqual(secret.get().getBytes(StandardCharsets.UTF_8), connectorSecret)) {
            return Verdict.reject(SECRET_HEADER + " does not match");
        }
        Optional<String> id = headers.get("webhook-id");
        Optional<String> timestamp = headers.get("webhook-timestamp");
        Optional<String> signature = headers.get("webhook-signature");
        if (id.isEmpty() && timestamp.isEmpty() && signature.isEmpty()) {
            return config.requireSignature()
                    ? Verdict.reject("unsigned: no webhook-id, webhook-timestamp and webhook-signature headers")
                    : Verdict.accept("secret header (unsigned delivery allowed)");
        }
        if (id.isEmpty() || timestamp.isEmpty() || signature.isEmpty()) {
            return Verdict.reject("incomplete signature: webhook-id, webhook-timestamp and webhook-signature must all be present");
        }
        long signedAt;
        try {
            signedAt = Long.parseLong(timestamp.get().trim());
        } catch (NumberFormatException e) {
            return Verdict.reject("webhook-timestamp is not a number of seconds");
        }
        long age = clock.instant().getEpochSecond() - signedAt;
        if (-age > config.tolerance().toSeconds()) {
            return Verdict.reject("webhook-timestamp is " + -age + " s in the future (tolerance "
                    + config.tolerance().toSeconds() + " s)");
        }
        if (age > RETRY_HORIZON.toSeconds()) {
            return Verdict.reject("webhook-timestamp is " + age + " s old, older than BigCommerce's retries ("
                    + RETRY_HORIZON.toSeconds() + " s)");
        }
        byte[] expected = expectedSignature(id.get(), timestamp.get().trim(), body);
        for (String candidate : signature.get().trim().split("\\s+")) {
            if (candidate.startsWith("v1,")
                    && MessageDigest.isEqual(candidate.substring(3).getBytes(StandardCharsets.US_ASCII), expected)) {
                return Verdict.accept("signature v1 and secret header");
            }
        }
        return Verdict.reject("no v1 signature matches");
    }

    private byte[] expectedSignature(String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encode(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
