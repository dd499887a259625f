package com.bcerp.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.aws.AwsClients;
import com.bcerp.aws.Environment;
import com.bcerp.core.port.Storefront;
import com.bcerp.handlers.worker.WorkerComposition;
import com.bcerp.local.demo.OrderSeeder;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pacing across processes: two worker compositions, as two Lambda instances are (each its own pacer, its own
 * knowledge of the quota), call one store at once. Alone, each would spend every request the store says is left;
 * the request budget they share in DynamoDB keeps them together to their share of the quota, so the store never
 * answers 429.
 */
class PacingIT {

    private static final int QUOTA = 40;
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        LocalRuntime.Timing t = LocalRuntime.Timing.defaults();
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(Files.createTempDirectory("pacing-it")).withQuota(QUOTA)
                .withTiming(new LocalRuntime.Timing(Duration.ofSeconds(2), t.claimLease(), t.backOfficeTimeout(),
                        t.accessTokenLifetime(), Duration.ofHours(1), Duration.ofHours(1))));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void two_processes_calling_the_store_at_once_stay_inside_its_quota() throws Exception {
        long orderId = new OrderSeeder(runtime.bigcommerce(), 3).place(1).get(0).id();
        long settle = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!runtime.isSettled(Duration.ofSeconds(2)) && System.nanoTime() < settle) {
            Thread.sleep(100); // the order's own import is done before the processes start counting
        }
        AtomicInteger refused = new AtomicInteger();
        String token = runtime.bigcommerce().connectorAccessToken();
        runtime.bigcommerce().onExchange(e -> {
            if (e.status() == 429 && token.equals(e.requestHeaders().get("x-auth-token"))) {
                refused.incrementAndGet();
            }
        });
        WorkerComposition second = WorkerComposition.create(new Environment(runtime.environment()), runtime.secrets(),
                AwsClients.local(runtime.environment()), Clock.systemUTC());
        List<Storefront> processes = List.of(runtime.worker().store(), second.store());
        long before = runtime.bigcommerce().calls().total(token);

        AtomicInteger failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (Storefront process : processes) {
            for (int t = 0; t < 4; t++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 15; i++) {
                        try {
                            assertThat(process.order(orderId)).isPresent();
                        } catch (RuntimeException | AssertionError e) {
                            failures.incrementAndGet();
                        }
                    }
                }));
            }
        }
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(60));
        }

        assertThat(failures.get()).isZero();
        assertThat(refused.get()).as("429s from the store").isZero();
        assertThat(runtime.bigcommerce().calls().total(token) - before).isEqualTo(120);
    }
}
