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
 * @param backOfficeRequestsPerMinute the requests per minute the back office's licence allows the connector
 *                                    (Acumatica: the License Monitoring Console); 0 paces only on refusals (429)
 * @param catchUp                     the order catch-up poll
 */
public record ReliabilitySettings(BigDecimal storeQuotaShare, int backOfficeRequestsPerMinute, CatchUpSettings catchUp) {

    public ReliabilitySettings {
        InvalidConfig.require(storeQuotaShare != null && storeQuotaShare.compareTo(new BigDecimal("0.1")) >= 0
                && storeQuotaShare.compareTo(BigDecimal.ONE) <= 0, "store_quota_share",
                "must be between 0.1 and 1, was " + storeQuotaShare);
        InvalidConfig.require(backOfficeRequestsPerMinute >= 0 && backOfficeRequestsPerMinute <= 100_000,
                "back_office_requests_per_minute", "must be between 0 (not paced) and 100000, was "
                        + backOfficeRequestsPerMinute);
        Objects.requireNonNull(catchUp, "catch_up");
    }

    public static ReliabilitySettings defaults() {
        return new ReliabilitySettings(new BigDecimal("0.8"), 0, CatchUpSettings.defaults());
    }
}
