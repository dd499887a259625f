package com.bcerp.core.fulfilment;

/**
 * What one fulfilment run did.
 *
 * @param orders            back-office sales orders read (changed since the cursor, plus parked ones retried)
 * @param shipmentsCreated  shipments created in the store
 * @param shipmentsFound    back-office shipments found in the store already (created by a run that crashed before
 *                          it recorded them), linked instead of created again
 * @param statusesSet       store statuses changed
 * @param referencesWritten orders whose staff notes got the back-office references
 * @param paymentsApplied   orders whose back-office payment was applied back ({@code fulfilment.paid_status} and the
 *                          staff note naming the payments), each once
 * @param parked            sales orders parked (a shipment that cannot be shipped in the store as it is)
 * @param retrying          sales orders that failed transiently; the cursor stays put so the next run reads them again
 */
public record FulfilmentReport(boolean skipped, long orders, long shipmentsCreated, long shipmentsFound,
        long statusesSet, long referencesWritten, long paymentsApplied, long parked, long retrying, long elapsedMs) {

    static FulfilmentReport skipped(long elapsedMs) {
        return new FulfilmentReport(true, 0, 0, 0, 0, 0, 0, 0, 0, elapsedMs);
    }
}
