package com.bcerp.core.order;

import com.bcerp.core.config.InvalidConfig;

/**
 * How the scheduled order catch-up polls the store for orders whose webhooks never arrived.
 *
 * @param everyMinutes          how often it runs (the deployed schedule's rate): the most a dropped webhook delays
 *                              an order
 * @param overlapMinutes        how far before its cursor each run starts reading again, for changes the store
 *                              records late or with a clock that lags
 * @param firstRunLookbackHours with no cursor yet (the first run after install), how far back the first run reads
 */
public record CatchUpSettings(int everyMinutes, int overlapMinutes, int firstRunLookbackHours) {

    public CatchUpSettings {
        InvalidConfig.require(everyMinutes >= 1 && everyMinutes <= 1440, "every_minutes",
                "must be between 1 and 1440, was " + everyMinutes);
        InvalidConfig.require(overlapMinutes >= 1 && overlapMinutes <= 1440, "overlap_minutes",
                "must be between 1 and 1440, was " + overlapMinutes);
        InvalidConfig.require(firstRunLookbackHours >= 0 && firstRunLookbackHours <= 24 * 90,
                "first_run_lookback_hours", "must be between 0 and 2160, was " + firstRunLookbackHours);
    }

    public static CatchUpSettings defaults() {
        return new CatchUpSettings(5, 10, 1);
    }
}
