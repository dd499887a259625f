package com.bcerp.aws;

import com.bcerp.core.contract.SyncStateContract;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.port.SyncState;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The claim semantics against DynamoDB Local's real condition-expression engine. */
class DynamoSyncStateTest extends SyncStateContract {

    @RegisterExtension
    static final EmbeddedDynamo DYNAMO = new EmbeddedDynamo();


    @Override
    protected SyncState newState(MutableClock clock) {
        return new DynamoSyncState(DYNAMO.client(), "state", "audit", clock, Duration.ofDays(90));
    }
}
