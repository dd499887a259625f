package com.bcerp.sandbox.bigcommerce;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing as BigCommerce applies it: HMAC-SHA256 keyed with the app's client secret (its UTF-8
 * bytes), over {@code id + "." + timestamp + "." + body}, sent as {@code v1,<base64>}.
 */
public final class WebhookSignature {

    private WebhookSignature() {}

    public static String sign(String clientSecret, String messageId, long timestamp, byte[] body) {
        return sign(clientSecret.getBytes(StandardCharsets.UTF_8), messageId, timestamp, body);
    }

    /** With the Standard Webhooks key itself (the bytes a {@code whsec_} secret's base64 stands for). */
    static String sign(byte[] key, String messageId, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
