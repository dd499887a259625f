package com.bcerp.aws;

import com.bcerp.core.contract.SyncStateContract;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.port.SyncState;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The claim semantics against DynamoDB Local's real condition-expression engine. */
class DynamoSyncStateTest extends SyncStateContract {

    private static DynamoDbClient dynamo;

    @BeforeAll
    static void startDynamo() {
        dynamo = DynamoDBEmbedded.create(true).dynamoDbClient();
        Tables.createIfMissing(dynamo, "state", "audit");
    }

    @AfterAll
    static void stopDynamo() {
        dynamo.close();
    }

    @Override
    protected SyncState newState(MutableClock clock) {
        return new DynamoSyncState(dynamo, "state", "audit", clock, Duration.ofDays(90));
    }
}
