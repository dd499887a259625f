package com.bcerp.core.fulfilment;

import com.bcerp.core.config.InvalidConfig;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The merchant's choices for fulfilment back to the store ({@code fulfilment:} in the config file). Which back-office
 * status becomes which store status is {@code statuses.back_office_to_store}.
 *
 * @param enabled              fulfilment sync on or off
 * @param carriers             back-office carrier (Acumatica ShipVia) to the store's carrier; a carrier not listed
 *                             ships with its tracking number but no carrier (so no tracking link)
 * @param references           where the back-office sales order and invoice numbers are written on the store order
 * @param cursorOverlapSeconds how far each poll reaches back before the cursor, so a change written while the last
 *                             poll ran is not missed
 * @param firstRunHours        how far back the first run (no cursor yet) reads
 * @param paidStatus           the store status an order moves to once the back office records every invoice of it
 *                             paid (B2B terms, bank transfer), with a staff note naming the payments; null: off
 */
public record FulfilmentSettings(boolean enabled, Map<String, Carrier> carriers, ReferencePlace references,
        int cursorOverlapSeconds, int firstRunHours, Integer paidStatus) {

    /** Awaiting Pickup, Awaiting Shipment, Completed, Awaiting Fulfillment: what a paid order may become. */
    static final Set<Integer> PAID_STATUSES = Set.of(8, 9, 10, 11);

    /** Where references go. */
    public enum ReferencePlace {
        /** The order's staff notes: seen by staff in the control panel, never by the shopper. */
        STAFF_NOTES,
        /** Not written. */
        NONE;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public FulfilmentSettings {
        carriers = carriers == null ? Map.of() : Map.copyOf(carriers);
        carriers.forEach((code, carrier) -> InvalidConfig.require(carrier != null, "carriers." + code,
                "name a shipping_provider or a tracking_carrier"));
        InvalidConfig.require(references != null, "references", "must be staff_notes or none");
        InvalidConfig.require(cursorOverlapSeconds >= 0 && cursorOverlapSeconds <= 3600, "cursor_overlap_seconds",
                "must be between 0 and 3600, was " + cursorOverlapSeconds);
        InvalidConfig.require(firstRunHours >= 1 && firstRunHours <= 24 * 366, "first_run_hours",
                "must be between 1 and 8784, was " + firstRunHours);
        InvalidConfig.require(paidStatus == null || PAID_STATUSES.contains(paidStatus), "paid_status",
                "must be a status a paid order can move to (8 Awaiting Pickup, 9 Awaiting Shipment, 10 Completed, "
                        + "11 Awaiting Fulfillment) or left out (off), was " + paidStatus);
    }

    /** Acumatica's sample ship-via codes, mapped to the carriers BigCommerce knows. */
    public static FulfilmentSettings defaults() {
        return new FulfilmentSettings(true, Map.of("UPSGROUND", Carrier.provider("ups"), "FEDEX2DAY",
                Carrier.provider("fedex"), "USPS", Carrier.provider("usps"), "DHL", Carrier.tracking("dhl")),
                ReferencePlace.STAFF_NOTES, 120, 24 * 30, null);
    }

    public Optional<Carrier> carrier(String shipVia) {
        return shipVia == null ? Optional.empty() : Optional.ofNullable(carriers.get(shipVia));
    }

    public FulfilmentSettings withCarriers(Map<String, Carrier> newCarriers) {
        return new FulfilmentSettings(enabled, newCarriers, references, cursorOverlapSeconds, firstRunHours, paidStatus);
    }

    public FulfilmentSettings withReferences(ReferencePlace place) {
        return new FulfilmentSettings(enabled, carriers, place, cursorOverlapSeconds, firstRunHours, paidStatus);
    }

    public FulfilmentSettings withPaidStatus(Integer status) {
        return new FulfilmentSettings(enabled, carriers, references, cursorOverlapSeconds, firstRunHours, status);
    }
}
