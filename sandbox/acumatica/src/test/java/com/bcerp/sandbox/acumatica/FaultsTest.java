package com.bcerp.sandbox.acumatica;

import static com.bcerp.sandbox.acumatica.Bodies.entity;
import static com.bcerp.sandbox.acumatica.Bodies.line;
import static com.bcerp.sandbox.acumatica.Bodies.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private AcumaticaSandbox sandbox;
    private SandboxHttp http;
    private String customerId;

    @BeforeEach
    void start() {
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
        customerId = http.put("Customer", Bodies.customer("Faulty Towers", "basil@example.com")).json()
                .get("CustomerID").get("value").asText();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private String order(String ref) {
        return entity("CustomerID", customerId, "CustomerOrder", ref, "Details", rows(line("SKU-0100", 1, 10))).toString();
    }

    @Test
    void unavailable_answers_503_to_entity_calls_but_not_to_logins() {
        sandbox.faults().unavailable(true);

        var r = http.get("SalesOrder");

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().get("message").asText()).isNotBlank();
        http.forgetToken();
        assertThat(http.token()).isNotBlank();
        sandbox.faults().reset();
        assertThat(http.get("SalesOrder").status()).isEqualTo(200);
    }

    @Test
    void latency_delays_every_call() {
        sandbox.faults().latency(Duration.ofMillis(300));
        long start = System.nanoTime();

        http.get("SalesOrder");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void a_timeout_after_the_write_loses_only_the_answer() throws Exception {
        sandbox.faults().timeoutShare(1).timeoutAfterWrite(true).hang(Duration.ofSeconds(5));
        HttpRequest put = http.authorised("SalesOrder").header("Content-Type", "application/json")
                .timeout(Duration.ofMillis(500)).PUT(HttpRequest.BodyPublishers.ofString(order("77"))).build();

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(put, BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(sandbox.salesOrders()).hasSize(1);
        assertThat(sandbox.calls().count("PUT /SalesOrder")).isEqualTo(1);
    }

    @Test
    void a_timeout_before_the_write_stores_nothing() {
        sandbox.faults().timeoutShare(1).hang(Duration.ofSeconds(5));
        HttpRequest put = http.authorised("SalesOrder").header("Content-Type", "application/json")
                .timeout(Duration.ofMillis(500)).PUT(HttpRequest.BodyPublishers.ofString(order("78"))).build();

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(put, BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(sandbox.salesOrders()).isEmpty();
    }

    @Test
    void a_timeout_share_hits_about_that_share_of_calls() {
        sandbox.faults().seed(7).timeoutShare(0.5).hang(Duration.ofMillis(400));
        int timedOut = 0;
        for (int i = 0; i < 20; i++) {
            HttpRequest get = http.authorised("SalesOrder").timeout(Duration.ofMillis(200)).GET().build();
            try {
                HttpClient.newHttpClient().send(get, BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                timedOut++;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        assertThat(timedOut).isBetween(4, 16);
    }

    @Test
    void faults_are_off_by_default() {
        Faults faults = sandbox.faults();

        assertThat(faults.unavailable()).isFalse();
        assertThat(faults.latency()).isZero();
        assertThat(faults.timeoutShare()).isZero();
        assertThat(faults.rejectLogin()).isFalse();
        assertThatThrownBy(() -> faults.timeoutShare(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_changed_password_and_revoked_sessions_refuse_old_tokens_and_the_old_password() {
        String before = http.token();
        sandbox.changePasswordAndRevokeSessions("rotated-password-1");

        assertThat(http.get("SalesOrder").status()).isEqualTo(401);
        http.forgetToken();
        assertThatThrownBy(http::token).hasMessageContaining("invalid_grant");
        assertThat(sandbox.issuedTokens()).contains(before);
    }
}
