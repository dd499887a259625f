package com.bcerp.sandbox.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.sandbox.Requests;
import com.bcerp.sandbox.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenRequestTest {

    @Test
    void reads_the_grant_the_user_and_the_scopes_of_a_form_encoded_request() {
        TokenRequest t = TokenRequest.read(Requests.form("/token",
                "grant_type=password&username=api%40shop&password=p%26ss&scope=api++offline_access%20api&client_id=c&client_secret=s",
                Map.of()));

        assertThat(t.grantType()).isEqualTo("password");
        assertThat(t.username()).contains("api@shop");
        assertThat(t.password()).contains("p&ss");
        assertThat(t.scopes()).containsExactly("api", "offline_access");
        assertThat(t.clientId()).contains("c");
        t.requireClient("c", "s");
        assertThat(t.toString()).doesNotContain("p&ss").doesNotContain("=s");
    }

    @Test
    void a_body_that_is_not_form_encoded_is_invalid_request() {
        HttpRequest json = new HttpRequest("POST", "/token", Map.of(), Map.of(), Map.of("content-type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> TokenRequest.read(json)).isInstanceOfSatisfying(OAuthError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid_request");
            assertThat(e.body()).isEqualTo(Map.of("error", "invalid_request",
                    "error_description", "the token request must be application/x-www-form-urlencoded"));
        });
    }

    @Test
    void a_wrong_or_missing_client_secret_is_invalid_client_401_without_a_description() {
        TokenRequest wrong = TokenRequest.read(Requests.form("/token", "grant_type=client_credentials&client_id=c&client_secret=x", Map.of()));
        TokenRequest missing = TokenRequest.read(Requests.form("/token", "grant_type=client_credentials", Map.of()));

        for (TokenRequest t : new TokenRequest[] {wrong, missing}) {
            assertThatThrownBy(() -> t.requireClient("c", "s")).isInstanceOfSatisfying(OAuthError.class, e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.body()).isEqualTo(Map.of("error", "invalid_client"));
            });
        }
    }

    @Test
    void http_basic_client_authentication_is_accepted_only_where_the_sandbox_says_so() {
        String basic = "Basic " + Base64.getEncoder().encodeToString("c%3A1:s".getBytes(StandardCharsets.UTF_8));
        TokenRequest t = TokenRequest.read(Requests.form("/token", "grant_type=client_credentials",
                Map.of("authorization", basic)));

        t.requireClientBasicOrForm("c:1", "s");
        assertThat(t.clientId()).contains("c:1");
        assertThatThrownBy(() -> t.requireClient("c:1", "s")).as("form-only").isInstanceOf(OAuthError.class);
        assertThatThrownBy(() -> t.requireClientBasicOrForm("c:1", "other")).isInstanceOf(OAuthError.class);
    }
}
