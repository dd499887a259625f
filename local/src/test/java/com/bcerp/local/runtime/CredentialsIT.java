package com.bcerp.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.order.OrderImport;
import com.bcerp.core.sync.ParkedRecord;
import com.bcerp.handlers.worker.BackOfficeRegistry;
import com.bcerp.local.demo.DemoReport;
import com.bcerp.local.demo.OrderSeeder;
import com.bcerp.local.ops.OpsTarget;
import com.bcerp.local.ops.Operations;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The back office's OAuth session end to end in the local runtime: the real worker, the file-backed secret, the
 * Acumatica sandbox's token endpoint. A dropped token is refreshed once; the rotated refresh token reaches the
 * secret; a refused sign-in parks the work with its reason instead of looping, and a replay after ops fix the secret
 * imports it.
 */
class CredentialsIT {

    private LocalRuntime runtime;
    private OrderSeeder seeder;

    @BeforeEach
    void start() throws Exception {
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(Files.createTempDirectory("credentials-it")));
        seeder = new OrderSeeder(runtime.bigcommerce(), 11);
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private Map<String, String> erpSecret() {
        return runtime.secrets().get(BackOfficeRegistry.defaultSecretName("acumatica"));
    }

    private void awaitSettled() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!runtime.isSettled(Duration.ofSeconds(2)) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }

    private boolean inBackOffice(OrderSeeder.Placed order) {
        return DemoReport.salesOrdersByCustomerOrder(runtime).containsKey(Long.toString(order.id()));
    }

    @Test
    void closing_the_runtime_signs_its_session_out_freeing_the_api_user_slot() throws Exception {
        OrderSeeder.Placed order = seeder.place(1).get(0);
        awaitSettled();
        assertThat(inBackOffice(order)).isTrue();
        assertThat(runtime.acumatica().openSessions()).isEqualTo(1);

        var acumatica = runtime.acumatica();
        runtime.close();
        runtime = null;

        assertThat(acumatica.openSessions()).as("sessions left holding a slot").isZero();
    }

    @Test
    void a_token_the_instance_dropped_is_refreshed_once_and_the_rotated_refresh_token_is_written_back() throws Exception {
        OrderSeeder.Placed first = seeder.place(1).get(0);
        awaitSettled();
        String refreshBefore = erpSecret().get("refresh_token");
        int tokenRequests = runtime.acumatica().calls().tokenRequests();

        runtime.acumatica().expireAccessTokens(); // an application-pool restart
        OrderSeeder.Placed second = seeder.place(1).get(0);
        awaitSettled();

        assertThat(inBackOffice(first)).isTrue();
        assertThat(inBackOffice(second)).isTrue();
        assertThat(runtime.acumatica().calls().tokenRequests() - tokenRequests).as("one refresh").isEqualTo(1);
        assertThat(erpSecret().get("refresh_token")).isNotBlank().isNotEqualTo(refreshBefore);
        assertThat(runtime.acumatica().issuedTokens()).contains(erpSecret().get("refresh_token"));
    }

    @Test
    void a_refused_sign_in_parks_the_orders_with_the_reason_without_looping_and_a_replay_after_the_fix_imports_them()
            throws Exception {
        seeder.place(1);
        awaitSettled();
        int tokenRequests = runtime.acumatica().calls().tokenRequests();

        // an administrator changes the API user's password and signs its sessions out
        runtime.acumatica().changePasswordAndRevokeSessions("rotated-by-admin-2026");
        List<OrderSeeder.Placed> waiting = seeder.place(3);
        awaitSettled();

        List<ParkedRecord> parked = runtime.worker().state().parked();
        assertThat(parked).extracting(ParkedRecord::recordKey).containsExactlyInAnyOrderElementsOf(waiting.stream()
                .map(o -> OrderImport.recordKey(runtime.bigcommerce().storeHash(), o.id())).toList());
        assertThat(parked).allSatisfy(p -> assertThat(p.reason())
                .contains("refused the connector's sign-in")
                .contains(BackOfficeRegistry.defaultSecretName("acumatica"))
                .doesNotContain("rotated-by-admin-2026"));
        // the refused refresh and the refused password, once; the other orders parked without asking again
        assertThat(runtime.acumatica().calls().tokenRequests() - tokenRequests).isEqualTo(2);
        assertThat(waiting).noneMatch(this::inBackOffice);
        assertThat(runtime.aws().visibleAndInFlight(runtime.aws().deadLetterQueueUrl())).isZero();

        // ops put the new password in the secret and replay what was parked
        Map<String, String> fixed = new HashMap<>(erpSecret());
        fixed.put("password", "rotated-by-admin-2026");
        runtime.secrets().put(BackOfficeRegistry.defaultSecretName("acumatica"), fixed);
        List<Operations.Replay> replays = new Operations(OpsTarget.of(runtime), Clock.systemUTC()).replayParked();
        awaitSettled();

        assertThat(replays).hasSize(3);
        assertThat(waiting).allMatch(this::inBackOffice);
        assertThat(runtime.worker().state().parked()).isEmpty();
    }
}
