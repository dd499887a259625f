package com.bcerp.sandbox.extensiv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.sandbox.faults.FaultKnobs.Fault;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private ExtensivSandbox sandbox;
    private SandboxHttp http;
    private String path;

    @BeforeEach
    void start() {
        sandbox = ExtensivSandbox.start(ExtensivSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
        path = "/customers/" + sandbox.settings().customerId() + "/items";
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void faults_are_off_by_default() {
        Faults f = sandbox.faults();

        assertThat(f.unavailable()).isFalse();
        assertThat(f.latency()).isZero();
        assertThat(f.serverErrorShare()).isZero();
        assertThat(f.timeoutShare()).isZero();
        assertThat(f.lostAnswerShare()).isZero();
        assertThat(f.throttle()).isZero();
        assertThat(f.tokenServiceDown()).isFalse();
        assertThatThrownBy(() -> f.serverErrors(0.5, 404)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unavailable_answers_503_to_the_api_but_tokens_are_still_issued() {
        sandbox.faults().unavailable(true);

        var r = http.get(path);

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().get("Message").asText()).isNotBlank();
        sandbox.faults().reset();
        assertThat(http.get(path).status()).isEqualTo(200);
    }

    @Test
    void a_token_service_outage_answers_503_on_the_token_endpoint() {
        sandbox.faults().tokenServiceDown(true);

        assertThatThrownBy(http::token).hasMessageContaining("503");
    }

    @Test
    void server_errors_hit_their_share_of_calls() {
        sandbox.faults().seed(3).serverErrors(0.5, 500);
        int failed = 0;
        for (int i = 0; i < 30; i++) {
            failed += http.get(path).status() == 500 ? 1 : 0;
        }
        assertThat(failed).isBetween(6, 24);
        assertThat(sandbox.faults().injected(Fault.FAIL)).isEqualTo(failed);
    }

    @Test
    void a_timed_out_call_hangs_past_the_clients_timeout() {
        sandbox.faults().timeoutShare(1).hang(Duration.ofSeconds(3));
        HttpRequest get = http.authorised(path).timeout(Duration.ofMillis(300)).GET().build();

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(get, BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(sandbox.faults().injected(Fault.TIME_OUT)).isEqualTo(1);
    }

    @Test
    void latency_delays_every_call() {
        sandbox.faults().latency(Duration.ofMillis(300));
        long start = System.nanoTime();

        http.get(path);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void calls_over_the_throttle_get_429_with_retry_after_only_when_asked() {
        sandbox.faults().throttle(2);
        List<Integer> statuses = new ArrayList<>();
        List<String> retryAfter = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            var r = http.get(path);
            statuses.add(r.status());
            r.header("Retry-After").ifPresent(retryAfter::add);
        }
        sandbox.faults().throttleRetryAfter(true);
        var withHeader = http.get(path);

        // a minute may turn over mid-run; within one, the third call is refused
        assertThat(statuses).contains(429);
        assertThat(retryAfter).isEmpty();
        if (withHeader.status() == 429) {
            assertThat(withHeader.header("Retry-After")).isPresent();
        }
        sandbox.faults().reset();
        assertThat(http.get(path).status()).isEqualTo(200);
    }
}
