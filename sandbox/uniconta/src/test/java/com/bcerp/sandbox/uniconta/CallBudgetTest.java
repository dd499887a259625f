package com.bcerp.sandbox.uniconta;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.sandbox.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallBudgetTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2025-03-10T09:00:00Z"));
    private UnicontaSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = UnicontaSandbox.start(UnicontaSandbox.Settings.defaults(), clock);
        http = new SandboxHttp(sandbox);
        sandbox.callBudget().zone(ZoneOffset.UTC).allowance(3).delayPerStep(Duration.ofMillis(300));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private long millisOfOneCall() {
        long start = System.nanoTime();
        assertThat(http.read("GLVatClient").status()).isEqualTo(200);
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    private String user() {
        return sandbox.settings().user();
    }

    @Test
    void the_default_is_5000_calls_and_one_second_per_step() {
        CallBudget fresh = new CallBudget(clock);

        assertThat(fresh.allowance()).isEqualTo(5_000);
        assertThat(fresh.delayPerStep()).isEqualTo(Duration.ofSeconds(1));
        assertThat(fresh.extendedServerCalls()).isFalse();
    }

    @Test
    void each_allowance_used_adds_one_step_of_delay_to_every_call() {
        http.read("GLVatClient");
        http.read("GLVatClient");
        assertThat(sandbox.callBudget().currentDelay(user())).isZero();

        assertThat(millisOfOneCall()).isGreaterThanOrEqualTo(300);   // the 3rd call: one step
        assertThat(sandbox.callBudget().callsToday(user())).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            http.read("GLVatClient");
        }
        assertThat(sandbox.callBudget().callsToday(user())).isEqualTo(6);
        assertThat(sandbox.callBudget().currentDelay(user())).isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void the_count_resets_at_midnight_but_yesterdays_delay_lasts_a_day_more() {
        for (int i = 0; i < 3; i++) {
            http.read("GLVatClient");
        }
        clock.set(Instant.parse("2025-03-11T00:00:01Z"));

        assertThat(sandbox.callBudget().callsToday(user())).isZero();
        assertThat(sandbox.callBudget().currentDelay(user())).isEqualTo(Duration.ofMillis(300));
        assertThat(millisOfOneCall()).isGreaterThanOrEqualTo(300);

        clock.set(Instant.parse("2025-03-12T00:00:01Z"));   // yesterday measured 1 call
        assertThat(sandbox.callBudget().currentDelay(user())).isZero();
    }

    @Test
    void an_idle_day_starts_from_zero() {
        for (int i = 0; i < 6; i++) {
            http.read("GLVatClient");
        }
        clock.set(Instant.parse("2025-03-12T08:00:00Z"));

        assertThat(sandbox.callBudget().currentDelay(user())).isZero();
    }

    @Test
    void each_user_has_its_own_count() {
        sandbox.addUser("second", "pw-2");
        for (int i = 0; i < 3; i++) {
            http.read("GLVatClient");
        }

        SandboxHttp other = new SandboxHttp(sandbox).as("00" + sandbox.settings().companyId() + "/second", "pw-2");
        other.read("GLVatClient");

        assertThat(sandbox.callBudget().callsToday("second")).isEqualTo(1);
        assertThat(sandbox.callBudget().currentDelay("second")).isZero();
        assertThat(sandbox.callBudget().currentDelay(user())).isPositive();
    }

    @Test
    void extended_server_calls_delay_one_step_only_from_fifteen_allowances() {
        sandbox.callBudget().extendedServerCalls(true).allowance(1);
        for (int i = 0; i < 14; i++) {
            http.read("GLVatClient");
        }
        assertThat(sandbox.callBudget().currentDelay(user())).isZero();

        http.read("GLVatClient");
        for (int i = 0; i < 5; i++) {
            http.read("GLVatClient");
        }
        assertThat(sandbox.callBudget().currentDelay(user())).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void refused_logins_do_not_count() {
        new SandboxHttp(sandbox).as(sandbox.settings().loginName(), "wrong").read("GLVatClient");

        assertThat(sandbox.callBudget().callsToday(user())).isZero();
    }
}
