package com.bcerp.core.fakes;

import com.bcerp.core.contract.SyncStateContract;
import com.bcerp.core.port.SyncState;

class InMemorySyncStateTest extends SyncStateContract {

    @Override
    protected SyncState newState(MutableClock clock) {
        return new InMemorySyncState(clock);
    }
}
