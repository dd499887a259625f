package com.bcerp.core.model;

import java.time.Instant;

/** One order in the store's list of recently modified orders: enough to decide whether to look at it again. */
public record OrderChange(long id, int statusId, Instant modifiedAt) {

    /** Status 0: the checkout never completed (see {@link StoreOrder#isIncomplete()}). */
    public boolean isIncomplete() {
        return statusId == 0;
    }
}
