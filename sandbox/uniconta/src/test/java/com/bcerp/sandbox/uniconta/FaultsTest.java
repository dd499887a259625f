package com.bcerp.sandbox.uniconta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.sandbox.faults.FaultKnobs.Fault;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private UnicontaSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = UnicontaSandbox.start(UnicontaSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private HttpRequest insertDebtor(String account, Duration timeout) {
        return http.request("Insert/DebtorClient").header("Content-Type", "application/json").timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString("{\"Account\":\"" + account + "\",\"Name\":\"N\"}")).build();
    }

    @Test
    void faults_are_off_by_default() {
        Faults f = sandbox.faults();

        assertThat(f.unavailable()).isFalse();
        assertThat(f.latency()).isZero();
        assertThat(f.serverErrorShare()).isZero();
        assertThat(f.timeoutShare()).isZero();
        assertThat(f.lostAnswerShare()).isZero();
        assertThat(f.refusalStatus()).isEqualTo(400);
        assertThat(f.insertWithoutBody()).isFalse();
        assertThat(f.insertListStopsAtFirstError()).isFalse();
    }

    @Test
    void unavailable_answers_503_in_plain_text() {
        sandbox.faults().unavailable(true);

        var r = http.read("DebtorClient");

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.contentType()).startsWith("text/plain");
        sandbox.faults().reset();
        assertThat(http.read("DebtorClient").status()).isEqualTo(200);
    }

    @Test
    void server_errors_store_nothing() {
        sandbox.faults().serverErrors(1, 500);

        var r = http.send(insertDebtor("1", Duration.ofSeconds(5)));

        assertThat(r.status()).isEqualTo(500);
        sandbox.faults().reset();
        assertThat(http.read("DebtorClient").json()).isEmpty();
        assertThat(sandbox.faults().injected(Fault.FAIL)).isEqualTo(1);
    }

    @Test
    void a_timeout_hangs_and_stores_nothing() {
        sandbox.faults().timeoutShare(1).hang(Duration.ofSeconds(3));

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(insertDebtor("1", Duration.ofMillis(400)),
                BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
        sandbox.faults().reset();
        assertThat(http.read("DebtorClient").json()).isEmpty();
    }

    @Test
    void a_lost_answer_stores_the_write() {
        sandbox.faults().lostAnswerShare(1).hang(Duration.ofSeconds(3));

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(insertDebtor("1", Duration.ofMillis(400)),
                BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
        sandbox.faults().reset();
        assertThat(http.read("DebtorClient").json()).hasSize(1);
    }

    @Test
    void latency_delays_every_call() {
        sandbox.faults().latency(Duration.ofMillis(300));
        long start = System.nanoTime();

        http.read("DebtorClient");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}
