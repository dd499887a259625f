package com.bcerp.core.config;

import com.bcerp.core.order.CatchUpSettings;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Pacing, and how the order catch-up reads. (How often the scheduled jobs run is the stack's: the
 * {@code deployment.schedules} section.)
 *
 * @param storeQuotaShare             the share of the store's API quota the connector may use; the merchant's other
 *                                    apps share the same quota (BigCommerce counts every app against it)
 * @param backOfficeRequestsPerMinute the pace: requests per minute every function together sends the back office;
 *                                    0 for the default, half of {@code backOfficeLicencePerMinute}
 * @param backOfficeLicencePerMinute  the requests per minute the back office's licence allows (Acumatica: the License
 *                                    Monitoring Console); 0 when unknown: then, unless a pace is set, the connector is
 *                                    not paced and the licence's own queue slows it
 * @param catchUp                     the order catch-up poll
 */
public record ReliabilitySettings(BigDecimal storeQuotaShare, int backOfficeRequestsPerMinute,
        int backOfficeLicencePerMinute, CatchUpSettings catchUp) {

    public ReliabilitySettings {
        InvalidConfig.require(storeQuotaShare != null && storeQuotaShare.compareTo(new BigDecimal("0.1")) >= 0
                && storeQuotaShare.compareTo(BigDecimal.ONE) <= 0, "store_quota_share",
                "must be between 0.1 and 1, was " + storeQuotaShare);
        InvalidConfig.require(backOfficeRequestsPerMinute >= 0 && backOfficeRequestsPerMinute <= 100_000,
                "back_office_requests_per_minute", "must be between 0 (not paced) and 100000, was "
                        + backOfficeRequestsPerMinute);
        InvalidConfig.require(backOfficeLicencePerMinute >= 0 && backOfficeLicencePerMinute <= 100_000,
                "back_office_licence_per_minute", "must be between 0 (unknown) and 100000, was "
                        + backOfficeLicencePerMinute);
        InvalidConfig.require(backOfficeLicencePerMinute == 0 || backOfficeRequestsPerMinute <= backOfficeLicencePerMinute,
                "back_office_requests_per_minute", "must not exceed back_office_licence_per_minute ("
                        + backOfficeLicencePerMinute + "), was " + backOfficeRequestsPerMinute);
        Objects.requireNonNull(catchUp, "catch_up");
    }

    public static ReliabilitySettings defaults() {
        return new ReliabilitySettings(new BigDecimal("0.8"), 0, 0, CatchUpSettings.defaults());
    }

    /**
     * Requests per minute to pace the back office at; 0: not paced. By default half the licence: Acumatica lets
     * requests through at once up to half its per-minute limit and delays each one past it (queued, so answers slow
     * towards the request timeout and every app sharing the licence waits), so half is the most that is never delayed.
     */
    public int backOfficePace() {
        return backOfficeRequestsPerMinute > 0 ? backOfficeRequestsPerMinute : backOfficeLicencePerMinute / 2;
    }
}
