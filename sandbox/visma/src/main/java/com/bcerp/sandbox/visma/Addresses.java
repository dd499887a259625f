package com.bcerp.sandbox.visma;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Addresses and contacts: read from the double-wrapped update DTOs ({@code AddressUpdateDto},
 * {@code ContactInfoUpdateDto}, and the sales order's variants with {@code overrideAddress} / {@code overrideContact})
 * into the flat read DTOs ({@code AddressDto} with {@code country {id, name}}, {@code ContactInfoDto}), [V-SPEC].
 * GUESS: {@code countryId} must be an ISO 3166 alpha-2 code (the read DTO says "according to international standard
 * ISO 3166"); the county is shown with the text sent as both id and name.
 */
final class Addresses {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final String[] ADDRESS_FIELDS = {"addressLine1", "addressLine2", "addressLine3", "postalCode", "city"};
    private static final String[] CONTACT_FIELDS = {"name", "attention", "email", "web", "phone1", "phone2", "fax"};

    private final AtomicInteger addressIds = new AtomicInteger(100);
    private final AtomicInteger contactIds = new AtomicInteger(100);

    /** Applies an address update to {@code target} (a stored address, or a new empty one), as the write says. */
    ObjectNode address(Wire update, ObjectNode target, String refusedAs) {
        if (!target.has("addressId")) {
            target.put("addressId", addressIds.incrementAndGet());
        }
        update.bool("overrideAddress").ifPresent(b -> target.put("overrideAddress", b));
        for (String field : ADDRESS_FIELDS) {
            update.text(field).ifPresent(v -> target.put(field, v));
        }
        update.text("countryId").ifPresent(c -> {
            String code = c.toUpperCase(Locale.ROOT);
            if (!COUNTRIES.contains(code)) {
                throw VismaErrors.refused(refusedAs, "'Country' cannot be found in the system: " + c + ".");
            }
            target.set("country", Wire.object().put("id", code)
                    .put("name", Locale.of("", code).getDisplayCountry(Locale.ENGLISH)));
        });
        update.text("county").ifPresent(c -> target.set("county", Wire.object().put("id", c).put("name", c)));
        return target;
    }

    ObjectNode contact(Wire update, ObjectNode target) {
        if (!target.has("contactId")) {
            target.put("contactId", contactIds.incrementAndGet());
        }
        update.bool("overrideContact").ifPresent(b -> target.put("overrideContact", b));
        for (String field : CONTACT_FIELDS) {
            update.text(field).ifPresent(v -> target.put(field, v));
        }
        return target;
    }

    /** An empty contact with a new id. */
    ObjectNode newContact() {
        return Wire.object().put("contactId", contactIds.incrementAndGet());
    }

    /** A copy of an address or contact for another use (a new id, the same content). */
    ObjectNode copyAddress(ObjectNode from) {
        ObjectNode copy = from.deepCopy();
        copy.put("addressId", addressIds.incrementAndGet());
        return copy;
    }

    ObjectNode copyContact(ObjectNode from) {
        ObjectNode copy = from.deepCopy();
        copy.put("contactId", contactIds.incrementAndGet());
        return copy;
    }
}
