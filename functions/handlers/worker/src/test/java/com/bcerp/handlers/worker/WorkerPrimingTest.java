package com.bcerp.handlers.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.fakes.InMemoryStore;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.model.PaymentTransaction;
import com.bcerp.core.model.StoreOrder;
import com.bcerp.core.model.StoreRefund;
import com.bcerp.core.model.StoreTax;
import com.bcerp.core.port.Storefront;
import com.bcerp.core.sync.Claim;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkerPrimingTest {

    @Test
    void priming_reads_the_state_and_the_store_and_writes_nothing() {
        InMemorySyncState state = new InMemorySyncState(Clock.systemUTC());
        InMemoryStore store = new InMemoryStore();

        assertThat(new WorkerPriming(state, store).prime()).isTrue();

        assertThat(store.calls.get()).isEqualTo(1);
        assertThat(state.parked()).isEmpty();
        assertThat(state.history("priming#snapstart")).isEmpty();
        // no claim was taken on the order priming decodes
        assertThat(state.claim("order#priming#0", Duration.ofMinutes(1)).status()).isEqualTo(Claim.Status.ACQUIRED);
    }

    @Test
    void a_failing_read_does_not_stop_the_snapshot() {
        Storefront down = new Storefront() {
            @Override
            public Optional<StoreOrder> order(long orderId) {
                throw new IllegalStateException("store unreachable");
            }

            @Override
            public List<StoreTax> taxes(StoreOrder order) {
                throw new IllegalStateException("store unreachable");
            }

            @Override
            public List<PaymentTransaction> transactions(long orderId) {
                throw new IllegalStateException("store unreachable");
            }

            @Override
            public List<StoreRefund> refunds(StoreOrder order) {
                throw new IllegalStateException("store unreachable");
            }

            @Override
            public Optional<com.bcerp.core.model.StoreCustomer> customer(long customerId) {
                throw new IllegalStateException("store unreachable");
            }
        };

        assertThat(new WorkerPriming(new InMemorySyncState(Clock.systemUTC()), down).prime()).isFalse();
    }
}
