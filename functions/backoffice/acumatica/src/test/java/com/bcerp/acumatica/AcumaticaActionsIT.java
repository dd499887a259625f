package com.bcerp.acumatica;

import static com.bcerp.acumatica.Fixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.fakes.InMemorySecrets;
import com.bcerp.http.ApiClient;
import com.bcerp.http.RetryPolicy;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.bcerp.sandbox.calls.CallLog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Actions as long-running operations (the sandbox's {@code actionDuration}): 202 and a status {@code Location} polled
 * until 204, the session refusing other requests meanwhile. The adapter waits for the end, and its other threads wait
 * for the action instead of meeting the locked session.
 */
class AcumaticaActionsIT {

    private AcumaticaSandbox sandbox;
    private AcumaticaBackOffice backOffice;
    private String customer;

    @BeforeEach
    void start() {
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults(), Clock.systemUTC());
        InMemorySecrets secrets = new InMemorySecrets().with(Fixtures.SECRET, Fixtures.secretFor(sandbox));
        backOffice = new AcumaticaBackOffice(Fixtures.settingsFor(sandbox), secrets, ApiClient.defaultHttpClient(),
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)), Clock.systemUTC());
        customer = backOffice.createCustomer(Fixtures.customer("long.running@example.com"));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private DocumentRef order(String ref) {
        return backOffice.createSalesOrder(Fixtures.order(customer, ref, List.of(line(1, "SKU-0100", "1", "16.6583", "0"))));
    }

    private String status(DocumentRef order) {
        return new SandboxReader(sandbox).get("SalesOrder/" + order.id()).replaceAll("(?s).*\"Status\"\\s*:\\s*\\{\\s*\"value\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    @Test
    void a_cancel_that_runs_long_is_polled_at_its_location_until_done() {
        DocumentRef order = order("BC-it-async-1");
        sandbox.faults().actionDuration(Duration.ofMillis(1500));
        sandbox.calls().reset();

        backOffice.cancelSalesOrder(order);

        assertThat(status(order)).isEqualTo("Cancelled");
        List<CallLog.Exchange> exchanges = sandbox.calls().exchanges();
        assertThat(exchanges).filteredOn(e -> e.path().endsWith("/CancelSalesOrder")).singleElement()
                .extracting(CallLog.Exchange::status).isEqualTo(202);
        assertThat(exchanges).filteredOn(e -> e.path().contains("/CancelSalesOrder/status/"))
                .extracting(CallLog.Exchange::status).endsWith(204).contains(202);
    }

    @Test
    void other_threads_wait_for_the_action_instead_of_meeting_the_locked_session() throws Exception {
        DocumentRef cancelled = order("BC-it-async-2");
        sandbox.faults().actionDuration(Duration.ofMillis(1500));
        sandbox.calls().reset();

        CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> backOffice.cancelSalesOrder(cancelled));
        Thread.sleep(300); // the action runs
        DocumentRef created = order("BC-it-async-3");
        assertThat(backOffice.findCustomerByEmail("long.running@example.com")).contains(customer);
        cancel.get(20, TimeUnit.SECONDS);

        assertThat(status(cancelled)).isEqualTo("Cancelled");
        assertThat(status(created)).isEqualTo("Open");
        assertThat(sandbox.calls().exchanges()).as("no request met the busy session")
                .extracting(CallLog.Exchange::status).doesNotContain(500);
    }

    @Test
    void an_operation_that_fails_on_a_business_rule_is_parked_with_the_rule() {
        DocumentRef order = order("BC-it-async-4");
        backOffice.cancelSalesOrder(order);
        sandbox.faults().actionDuration(Duration.ofMillis(300));

        assertThatThrownBy(() -> backOffice.cancelSalesOrder(order)).isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("Cancel Order action is not available");
    }
}
