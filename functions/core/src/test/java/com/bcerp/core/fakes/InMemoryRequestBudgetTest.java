package com.bcerp.core.fakes;

import com.bcerp.core.contract.RequestBudgetContract;
import com.bcerp.core.port.RequestBudget;

class InMemoryRequestBudgetTest extends RequestBudgetContract {

    @Override
    protected RequestBudget newBudget(MutableClock clock) {
        return new InMemoryRequestBudget(clock);
    }
}
