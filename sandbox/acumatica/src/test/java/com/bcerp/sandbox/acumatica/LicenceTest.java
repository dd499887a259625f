package com.bcerp.sandbox.acumatica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The licence's requests-per-minute limit over HTTP, as Acumatica documents it: past half the limit each request is
 * delayed, not refused; a 429 only beyond 20 queued or 10 minutes in the queue (minutes shortened here).
 */
class LicenceTest {

    private static final java.util.concurrent.Executor THREADS = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    private AcumaticaSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
        http.token();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void past_half_the_limit_calls_are_delayed_over_the_rest_of_the_minute_and_none_is_declined() throws Exception {
        sandbox.faults().licenceMinute(Duration.ofSeconds(3)).licenceLimit(10);
        while (System.currentTimeMillis() % 3_000 > 200) {
            Thread.sleep(5); // the start of a licence minute
        }

        List<Long> millis = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long start = System.nanoTime();
            statuses.add(http.get("SalesOrder").status());
            millis.add((System.nanoTime() - start) / 1_000_000);
        }

        assertThat(statuses).containsOnly(200);
        assertThat(millis.subList(0, 5)).as("within half the limit: at once").allSatisfy(ms -> assertThat(ms).isLessThan(250));
        // the sixth waits the rest of the minute (about 2.8 s) over the 5 requests it has left, the seventh about as long
        assertThat(millis.subList(5, 7)).allSatisfy(ms -> assertThat(ms).isBetween(350L, 1_200L));
        assertThat(sandbox.faults().licenceDelayed()).isEqualTo(2);
        assertThat(sandbox.faults().licenceDeclined()).isZero();
    }

    @Test
    void a_call_is_declined_with_the_licence_message_only_when_more_than_20_are_queued() throws Exception {
        sandbox.faults().licenceLimit(2).licenceDelay(Duration.ofSeconds(30)); // the queue does not move meanwhile
        assertThat(http.get("SalesOrder").status()).isEqualTo(200);             // half the limit: at once

        List<CompletableFuture<SandboxHttp.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> http.get("SalesOrder"), THREADS));
        }
        while (sandbox.faults().licenceDelayed() < 20) {
            Thread.sleep(10);
        }
        SandboxHttp.Response declined = http.get("SalesOrder"); // the twenty-first in the queue

        assertThat(declined.status()).isEqualTo(429);
        assertThat(declined.json().get("message").asText())
                .isEqualTo("The number of requests has exceeded the limit imposed by the license.");
        assertThat(calls).noneMatch(CompletableFuture::isDone);
        sandbox.faults().licenceLimit(0); // the licence raised: the queued ones go through
        assertThat(calls).allSatisfy(c -> assertThat(c.get().status()).isEqualTo(200));
        assertThat(sandbox.faults().licenceDeclined()).isEqualTo(1);
    }

    @Test
    void a_call_queued_longer_than_ten_minutes_is_declined() throws Exception {
        HandClock clock = onHandClock();
        sandbox.faults().licenceLimit(2);
        http.get("SalesOrder");

        CompletableFuture<SandboxHttp.Response> queued = CompletableFuture.supplyAsync(() -> http.get("SalesOrder"), THREADS);
        while (sandbox.faults().licenceDelayed() < 1) {
            Thread.sleep(10);
        }
        assertThat(queued).isNotDone();
        clock.advance(Duration.ofMinutes(1)); // the rest of the minute over the one request it had left: now
        assertThat(queued.get().status()).isEqualTo(200);

        sandbox.faults().licenceDelay(Duration.ofMinutes(11)); // harsher than the formula: each waits 11 minutes
        clock.advance(Duration.ofMinutes(1));
        assertThat(http.get("SalesOrder").status()).isEqualTo(200);
        queued = CompletableFuture.supplyAsync(() -> http.get("SalesOrder"), THREADS);
        while (sandbox.faults().licenceDelayed() < 2) {
            Thread.sleep(10);
        }
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        assertThat(queued.get().status()).isEqualTo(429);
        assertThat(sandbox.faults().licenceDeclined()).isEqualTo(1);
    }

    @Test
    void a_create_whose_client_gave_up_while_it_was_queued_is_still_made() throws Exception {
        HandClock clock = onHandClock();
        sandbox.faults().licenceLimit(4);
        http.get("SalesOrder");
        http.get("SalesOrder"); // half the minute's limit: what follows waits, and the clock stands still

        var put = http.authorised("Customer").header("Content-Type", "application/json").timeout(Duration.ofMillis(300))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        Bodies.customer("Patient Buyer", "patient@example.com").toString())).build();
        assertThatThrownBy(() -> java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(put,
                java.net.http.HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
        // the create is in the licence's queue before the minute turns (a loaded machine may take a while to get it there)
        while (sandbox.faults().licenceDelayed() < 1) {
            Thread.sleep(10);
        }
        clock.advance(Duration.ofMinutes(1)); // the licence's next minute: the create's turn
        // wait on the sandbox's own records: each GET would spend the standing minute's licence too
        for (int i = 0; i < 2000 && sandbox.customers().isEmpty(); i++) {
            Thread.sleep(10);
        }

        SandboxHttp.Response found = http.get("Customer");
        assertThat(found.json()).singleElement().satisfies(c ->
                assertThat(c.get("CustomerName").get("value").asText()).isEqualTo("Patient Buyer"));
    }

    private HandClock onHandClock() {
        HandClock clock = new HandClock();
        sandbox.close();
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults(), clock);
        http = new SandboxHttp(sandbox);
        http.token();
        return clock;
    }

    /** A clock moved by hand. */
    private static final class HandClock extends java.time.Clock {
        private final java.util.concurrent.atomic.AtomicLong millis = new java.util.concurrent.atomic.AtomicLong(
                java.time.Instant.parse("2026-03-02T10:00:00Z").toEpochMilli());

        void advance(Duration d) {
            millis.addAndGet(d.toMillis());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.ofEpochMilli(millis.get());
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

}
