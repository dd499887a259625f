package com.bcerp.acumatica;

import static com.bcerp.acumatica.Fixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.fakes.InMemorySecrets;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.http.ApiClient;
import com.bcerp.http.RetryPolicy;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter against the sandbox over real HTTP when things go wrong: tokens expire, the instance fails or hangs. */
class AcumaticaResilienceIT {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private AcumaticaSandbox sandbox;
    private InMemorySecrets secrets;
    private AcumaticaBackOffice backOffice;

    @BeforeEach
    void start() {
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults().withTokenLifetime(Duration.ofMinutes(5)), clock);
        secrets = new InMemorySecrets().with(Fixtures.SECRET, Fixtures.secretFor(sandbox));
        backOffice = new AcumaticaBackOffice(Fixtures.settingsFor(sandbox).withRequestTimeout(Duration.ofMillis(800)), secrets,
                ApiClient.defaultHttpClient(), new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)), clock);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private SalesOrderDraft draft(String customerId, String ref) {
        return Fixtures.order(customerId, ref, List.of(line(1, "SKU-0100", "3", "16.6583", "2.50"),
                line(2, "SKU-0101", "1", "19.99", "0"), line(3, "HANDLING", "1", "4.00", "0")));
    }

    private String ref() {
        return "BC-it-" + UUID.randomUUID();
    }

    @Test
    void a_token_the_instance_dropped_mid_run_is_refreshed_and_the_call_succeeds() {
        String customer = backOffice.createCustomer(Fixtures.customer("mid.run@example.com"));
        String refreshBefore = secrets.get(Fixtures.SECRET).get("refresh_token");

        sandbox.expireAccessTokens(); // e.g. an application-pool restart
        DocumentRef created = backOffice.createSalesOrder(draft(customer, ref()));

        assertThat(created.id()).isNotBlank();
        assertThat(sandbox.calls().tokenRequests()).isEqualTo(2);      // the password grant, then one refresh
        assertThat(sandbox.calls().count("PUT /SalesOrder")).isEqualTo(2); // the 401, then the create
        assertThat(sandbox.salesOrders()).hasSize(1);
        assertThat(secrets.get(Fixtures.SECRET).get("refresh_token")).isNotBlank().isNotEqualTo(refreshBefore);
    }

    @Test
    void an_expired_token_is_renewed_before_the_call_with_the_rotated_refresh_token_written_back() {
        backOffice.findCustomerByEmail("first@example.com");
        String refreshBefore = secrets.get(Fixtures.SECRET).get("refresh_token");

        clock.advance(Duration.ofMinutes(6)); // past the lifetime on both sides
        assertThat(backOffice.findOrderDocuments(ref()).orElseThrow()).isEmpty();

        assertThat(sandbox.calls().tokenRequests()).isEqualTo(2);
        assertThat(sandbox.calls().exchanges()).as("no call was refused: renewed in time")
                .extracting(e -> e.status()).containsOnly(200);
        assertThat(secrets.writes()).hasSize(2);
        assertThat(secrets.get(Fixtures.SECRET).get("refresh_token")).isNotEqualTo(refreshBefore);
    }

    @Test
    void a_create_the_licence_holds_past_the_timeout_is_not_sent_again_and_the_look_up_finds_it_once_made()
            throws InterruptedException {
        String customer = backOffice.createCustomer(Fixtures.customer("licence@example.com"));
        String ref = ref();
        sandbox.faults().licenceLimit(4);
        backOffice.findCustomerByEmail("one@example.com");
        backOffice.findCustomerByEmail("two@example.com"); // half the licence's minute: what follows waits its turn

        assertThatThrownBy(() -> backOffice.createSalesOrder(draft(customer, ref))).isInstanceOf(TransientFailure.class)
                .hasMessageContaining("timed out"); // the clock stands still, so the turn comes after the timeout
        assertThat(sandbox.salesOrders()).isEmpty();
        clock.advance(Duration.ofMinutes(1)); // the licence's next minute: the queued create goes through
        for (int i = 0; i < 200 && sandbox.salesOrders().isEmpty(); i++) {
            Thread.sleep(10);
        }

        assertThat(backOffice.findOrderDocuments(ref).orElseThrow()).hasSize(1); // what the caller's retry does first
        assertThat(sandbox.calls().count("PUT /SalesOrder")).isEqualTo(1);
        assertThat(sandbox.salesOrders()).hasSize(1);
    }

    @Test
    void processes_paced_at_half_the_licence_limit_are_never_delayed() {
        sandbox.faults().licenceLimit(2);
        com.bcerp.core.fakes.InMemoryRequestBudget budget = new com.bcerp.core.fakes.InMemoryRequestBudget(clock);
        com.bcerp.http.Sleeper sleeper = clock::advance;
        List<AcumaticaBackOffice> processes = List.of(paced(budget, sleeper), paced(budget, sleeper));

        for (int i = 0; i < 6; i++) {
            processes.get(i % 2).findCustomerByEmail("paced" + i + "@example.com");
        }

        assertThat(sandbox.calls().byStatus()).containsOnlyKeys(200);
        assertThat(sandbox.calls().count("GET /Customer")).isEqualTo(6);
        assertThat(sandbox.faults().licenceDelayed()).isZero();
    }

    private AcumaticaBackOffice paced(com.bcerp.core.fakes.InMemoryRequestBudget budget, com.bcerp.http.Sleeper sleeper) {
        return new AcumaticaBackOffice(Fixtures.settingsFor(sandbox), secrets, ApiClient.defaultHttpClient(),
                RetryPolicy.none(), new com.bcerp.http.SharedRatePacer(new com.bcerp.http.SharedRate(budget,
                        "acumatica", sleeper), 1, 1, clock), clock);
    }

    @Test
    void the_instance_being_unavailable_is_a_transient_failure() {
        sandbox.faults().unavailable(true);

        assertThatThrownBy(() -> backOffice.findOrderDocuments(ref())).isInstanceOf(TransientFailure.class)
                .hasMessageContaining("503");
        assertThatThrownBy(() -> backOffice.findCustomerByEmail("x@example.com")).isInstanceOf(TransientFailure.class);
        assertThat(sandbox.calls().count("GET /SalesOrder")).as("reads are retried").isEqualTo(3);
    }

    @Test
    void a_create_that_times_out_is_not_sent_again_and_the_look_up_finds_it() {
        String customer = backOffice.createCustomer(Fixtures.customer("timeout@example.com"));
        String ref = ref();
        sandbox.faults().timeoutShare(1).timeoutAfterWrite(true).hang(Duration.ofSeconds(5));

        assertThatThrownBy(() -> backOffice.createSalesOrder(draft(customer, ref))).isInstanceOf(TransientFailure.class)
                .hasMessageContaining("timed out");
        assertThat(sandbox.calls().count("PUT /SalesOrder")).isEqualTo(1);

        sandbox.faults().reset();
        assertThat(backOffice.findOrderDocuments(ref).orElseThrow()).hasSize(1); // what the caller's retry does before creating again
    }

    @Test
    void an_unknown_item_names_the_line_as_core_described_it() {
        String customer = backOffice.createCustomer(Fixtures.customer("unknown.item@example.com"));
        SalesOrderDraft draft = Fixtures.order(customer, ref(), List.of(line(1, "SKU-0100", "1", "5", "0"),
                line(2, "SKU-0101", "1", "5", "0"), line(3, "SKU-STORE-ONLY", "1", "24", "0")));

        assertThatThrownBy(() -> backOffice.createSalesOrder(draft)).isInstanceOfSatisfying(PermanentFailure.class, f -> {
            assertThat(f.field()).isEqualTo("Details[2].InventoryID");
            assertThat(f.getMessage()).isEqualTo("Details[2].InventoryID: 'Inventory ID' cannot be found in the system. "
                    + "(order 250 line 3 (product 131, sku SKU-STORE-ONLY))");
        });
    }

    @Test
    void emails_with_quotes_and_plus_signs_are_found() {
        String email = "pat.o'hara+shop@example.com";
        String id = backOffice.createCustomer(Fixtures.customer(email));
        backOffice.createCustomer(Fixtures.customer("pat.ohara+shop@example.com"));

        assertThat(backOffice.findCustomerByEmail(email)).contains(id);
    }

    @Test
    void the_login_limit_is_a_transient_failure() {
        sandbox.faults().rejectLogin(true);

        assertThatThrownBy(() -> backOffice.findOrderDocuments(ref())).isInstanceOf(TransientFailure.class)
                .hasMessageContaining("API Login Limit");
    }
}
