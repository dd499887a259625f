package com.bcerp.aws;

import com.bcerp.core.contract.RequestBudgetContract;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.port.RequestBudget;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared rate against DynamoDB Local's real condition-expression engine. */
class DynamoRequestBudgetTest extends RequestBudgetContract {

    @RegisterExtension
    static final EmbeddedDynamo DYNAMO = new EmbeddedDynamo();


    @Override
    protected RequestBudget newBudget(MutableClock clock) {
        return new DynamoRequestBudget(DYNAMO.client(), "state", clock);
    }
}
