package com.bcerp.handlers.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.port.Storefront;
import com.bcerp.core.sync.Claim;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkerPrimingTest {

    @Test
    void priming_reads_the_state_and_the_store_and_writes_nothing() {
        InMemorySyncState state = new InMemorySyncState(Clock.systemUTC());
        List<Long> ordersRead = new ArrayList<>();
        Storefront store = id -> {
            ordersRead.add(id);
            return Optional.empty();
        };

        assertThat(new WorkerPriming(state, store).prime()).isTrue();

        assertThat(ordersRead).containsExactly(0L);
        assertThat(state.parked()).isEmpty();
        assertThat(state.history("priming#snapstart")).isEmpty();
        // no claim was taken on the order priming decodes
        assertThat(state.claim("order#priming#0", Duration.ofMinutes(1)).status()).isEqualTo(Claim.Status.ACQUIRED);
    }

    @Test
    void a_failing_read_does_not_stop_the_snapshot() {
        Storefront down = id -> {
            throw new IllegalStateException("store unreachable");
        };

        assertThat(new WorkerPriming(new InMemorySyncState(Clock.systemUTC()), down).prime()).isFalse();
    }
}
