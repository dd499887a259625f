package com.bcerp.aws;

import com.bcerp.core.contract.RequestBudgetContract;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.port.RequestBudget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;

/** The shared rate against DynamoDB Local's real condition-expression engine. */
class DynamoRequestBudgetTest extends RequestBudgetContract {

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
    protected RequestBudget newBudget(MutableClock clock) {
        return new DynamoRequestBudget(dynamo, "state", clock);
    }
}
