package com.bcerp.sandbox.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The sandbox signs as the Standard Webhooks reference implementations do: their published test vector (secret
 * {@code whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw}, id, timestamp and body below, signature {@code v1,g0hM9...}).
 */
class WebhookSignatureTest {

    @Test
    void signs_the_standard_webhooks_test_vector_exactly() {
        byte[] key = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        assertThat(WebhookSignature.sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }
}
