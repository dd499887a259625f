package com.bcerp.core.order;

import com.bcerp.core.config.InvalidConfig;

/**
 * How the scheduled order catch-up polls the store for orders whose webhooks never arrived.
 *
 * <p>How often it runs is the stack's schedule ({@code deployment.schedules.order_catch_up_minutes}): the most a
 * dropped webhook delays an order.
 *
 * @param overlapMinutes        how far before its cursor each run starts reading again, for changes the store
 *                              records late or with a clock that lags
 * @param firstRunLookbackHours with no cursor yet (the first run after install), how far back the first run reads
 */
public record CatchUpSettings(int overlapMinutes, int firstRunLookbackHours) {

    public CatchUpSettings {
        InvalidConfig.require(overlapMinutes >= 1 && overlapMinutes <= 1440, "overlap_minutes",
                "must be between 1 and 1440, was " + overlapMinutes);
        InvalidConfig.require(firstRunLookbackHours >= 0 && firstRunLookbackHours <= 24 * 90,
                "first_run_lookback_hours", "must be between 0 and 2160, was " + firstRunLookbackHours);
    }

    public static CatchUpSettings defaults() {
        return new CatchUpSettings(10, 1);
    }
}
