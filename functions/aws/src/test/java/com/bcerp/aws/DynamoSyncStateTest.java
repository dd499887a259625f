package com.bcerp.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.contract.SyncStateContract;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.port.SyncState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The claim semantics against DynamoDB Local's real condition-expression engine. */
class DynamoSyncStateTest extends SyncStateContract {

    @RegisterExtension
    static final EmbeddedDynamo DYNAMO = new EmbeddedDynamo();


    @Test
    void every_function_on_the_table_reads_the_same_start_of_the_state_whoever_used_it_first() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
        Instant first = newState(clock).keptSince();
        clock.advance(Duration.ofHours(5));

        assertThat(newState(clock).keptSince()).isEqualTo(first);
    }

    @Test
    void a_key_completed_with_an_expiry_is_done_and_carries_the_tables_ttl_in_epoch_seconds() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
        SyncState state = newState(clock);
        Instant expires = clock.instant().plus(Duration.ofHours(49));
        state.complete("delivery#webhook:ab12", "CREATED", expires);

        assertThat(state.completed("delivery#webhook:ab12")).contains("CREATED");
        assertThat(DYNAMO.client().getItem(b -> b.tableName("state")
                .key(java.util.Map.of(Tables.PK, software.amazon.awssdk.services.dynamodb.model.AttributeValue
                        .fromS("delivery#webhook:ab12")))).item().get(Tables.TTL).n())
                .isEqualTo(Long.toString(expires.getEpochSecond()));
    }

    @Override
    protected SyncState newState(MutableClock clock) {
        return new DynamoSyncState(DYNAMO.client(), "state", "audit", clock, Duration.ofDays(90));
    }
}
