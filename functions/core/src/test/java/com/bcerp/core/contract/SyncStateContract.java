package com.bcerp.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.port.Links;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.sync.Link;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.Claim;
import com.bcerp.core.sync.Cursor;
import com.bcerp.core.sync.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SyncState} (and the {@link Links} it keeps) must do, so the in-memory one core's tests use and the
 * DynamoDB one production uses cannot drift apart. Subclasses supply an empty state driven by the given clock.
 */
public abstract class SyncStateContract {

    private static final Duration LEASE = Duration.ofMinutes(2);

    protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private SyncState state;
    private String key;

    protected abstract SyncState newState(MutableClock clock);

    @BeforeEach
    void setUp() {
        state = newState(clock);
        key = "order#contract#" + UUID.randomUUID();
    }

    @Test
    void the_state_is_kept_since_a_moment_that_does_not_move_with_time() {
        Instant since = state.keptSince();
        clock.advance(Duration.ofDays(3));

        assertThat(since).isBeforeOrEqualTo(clock.instant());
        assertThat(state.keptSince()).isEqualTo(since);
    }

    @Test
    void the_first_claim_is_acquired_and_a_second_waits_while_the_lease_runs() {
        assertThat(state.claim(key, LEASE)).isEqualTo(Claim.acquired(0));
        assertThat(state.claim(key, LEASE).status()).isEqualTo(Claim.Status.BUSY);
    }

    @Test
    void an_expired_lease_can_be_taken_over_and_the_attempt_is_counted() {
        state.claim(key, LEASE);
        clock.advance(LEASE.plusSeconds(1));

        assertThat(state.claim(key, LEASE)).isEqualTo(Claim.acquired(1));
    }

    @Test
    void a_released_key_is_claimable_at_once() {
        state.claim(key, LEASE);
        state.release(key);

        assertThat(state.claim(key, LEASE).status()).isEqualTo(Claim.Status.ACQUIRED);
    }

    @Test
    void a_completed_key_answers_done_with_its_result_for_ever() {
        state.claim(key, LEASE);
        state.complete(key, "SO/SO000001");
        state.release(key);
        clock.advance(Duration.ofDays(30));

        Claim claim = state.claim(key, LEASE);
        assertThat(claim.status()).isEqualTo(Claim.Status.DONE);
        assertThat(claim.result()).isEqualTo("SO/SO000001");
    }

    @Test
    void a_completed_keys_result_is_read_without_claiming_it_and_nothing_else_has_one() {
        assertThat(state.completed(key)).isEmpty();
        state.claim(key, LEASE);
        assertThat(state.completed(key)).as("held, not completed").isEmpty();
        state.complete(key, "SO/SO000001");

        assertThat(state.completed(key)).contains("SO/SO000001");
        assertThat(state.completed(key)).contains("SO/SO000001");
        assertThat(state.claim(key, LEASE).status()).isEqualTo(Claim.Status.DONE);
    }

    @Test
    void a_key_completed_without_a_claim_is_recorded_too() {
        state.complete(key, "2026-11-23T09:00:00Z");

        assertThat(state.completed(key)).contains("2026-11-23T09:00:00Z");
    }

    @Test
    void a_parked_key_is_claimable_again_for_a_replay() {
        state.claim(key, LEASE);
        state.park(key, "Details[1].InventoryID: unknown");

        assertThat(state.claim(key, LEASE)).isEqualTo(Claim.acquired(1));
    }

    @Test
    void of_many_concurrent_claims_exactly_one_wins() throws Exception {
        int n = 12;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Claim>> claims = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                claims.add(pool.submit(() -> {
                    go.await();
                    return state.claim(key, LEASE);
                }));
            }
            go.countDown();
            int acquired = 0;
            for (Future<Claim> f : claims) {
                acquired += f.get().status() == Claim.Status.ACQUIRED ? 1 : 0;
            }
            assertThat(acquired).isEqualTo(1);
        }
    }

    @Test
    void parked_records_are_listed_with_their_reasons_until_a_replay_succeeds() {
        String other = key + "-b";
        state.claim(key, LEASE);
        state.park(key, "Details[1].InventoryID: 'SKU-X' cannot be found");
        clock.advance(Duration.ofSeconds(5));
        state.claim(other, LEASE);
        state.park(other, "billing_address.email: missing");

        assertThat(state.parked()).filteredOn(p -> p.recordKey().startsWith(key))
                .extracting(p -> p.recordKey() + " " + p.reason())
                .containsExactly(key + " Details[1].InventoryID: 'SKU-X' cannot be found",
                        other + " billing_address.email: missing");

        state.claim(key, LEASE);
        state.complete(key, "SO/SO000009");
        assertThat(state.parked()).filteredOn(p -> p.recordKey().startsWith(key))
                .extracting(p -> p.recordKey()).containsExactly(other);
    }

    @Test
    void the_history_of_a_record_lists_its_attempts_oldest_first() {
        Instant t0 = clock.instant();
        state.audit(new AuditRecord(key, "a1", t0, 12, Outcome.RETRYING, "created", null, "503 from the back office"));
        state.audit(new AuditRecord(key, "a2", t0.plusSeconds(30), 40, Outcome.CREATED, "created", "SO/SO000001", null));
        state.audit(new AuditRecord(key + "-other", "b1", t0, 1, Outcome.SKIPPED, "x", null, null));

        List<AuditRecord> history = state.history(key);

        assertThat(history).extracting(AuditRecord::attemptId).containsExactly("a1", "a2");
        assertThat(history.get(0)).isEqualTo(
                new AuditRecord(key, "a1", t0, 12, Outcome.RETRYING, "created", null, "503 from the back office"));
        assertThat(history.get(1).document()).isEqualTo("SO/SO000001");
    }

    @Test
    void a_cursor_is_absent_before_its_first_run_and_then_holds_the_last_position_saved() {
        String name = "orders-catch-up#" + UUID.randomUUID();
        assertThat(state.cursor(name)).isEmpty();

        state.saveCursor(name, "2026-11-23T08:59:00Z", "enqueued 3");
        clock.advance(Duration.ofMinutes(5));
        state.saveCursor(name, "2026-11-23T09:04:00Z", "enqueued 1");

        assertThat(state.cursor(name)).contains(
                new Cursor(name, "2026-11-23T09:04:00Z", "enqueued 1", clock.instant()));
    }

    @Test
    void links_are_written_pending_completed_and_forgotten_one_document_at_a_time() {
        Links links = (Links) state;
        String owner = "links#erp#" + key;
        assertThat(links.linksOf(owner)).isEmpty();

        links.pending(owner, Link.pending("BC-s-250", DocumentKind.SALE));
        links.complete(owner, new Link("BC-s-250", DocumentKind.SALE, "SO/SO000001"));
        links.pending(owner, Link.pending("BC-s-250-R7", DocumentKind.CREDIT));
        links.pending(owner, Link.pending("BC-s-250-T9", null));
        links.pending(owner, Link.pending("BC-s-250", DocumentKind.SALE));

        assertThat(links.linksOf(owner)).as("a completed link is never made pending again")
                .containsExactlyInAnyOrder(new Link("BC-s-250", DocumentKind.SALE, "SO/SO000001"),
                        Link.pending("BC-s-250-R7", DocumentKind.CREDIT), Link.pending("BC-s-250-T9", null));

        links.forget(owner, "BC-s-250-R7");
        links.complete(owner, new Link("BC-s-250-T9", null, "Payment/000042"));

        assertThat(links.linksOf(owner)).containsExactlyInAnyOrder(
                new Link("BC-s-250", DocumentKind.SALE, "SO/SO000001"), new Link("BC-s-250-T9", null, "Payment/000042"));
        assertThat(links.linksOf("links#other#" + key)).isEmpty();
    }
}
