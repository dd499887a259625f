package com.bcerp.sandbox.extensiv;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Date-times as the API renders them: {@code 2016-12-25T23:00:00}, whole seconds, no offset (the format of every
 * date in the tap's samples, [E-TAP] samples/orders.json). The zone is UNCONFIRMED; the sandbox renders UTC. RQL
 * compares these rendered values, so a client polling {@code =ge=} the last value it saw sees that second again.
 */
final class Times {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private Times() {}

    static String now(Clock clock) {
        return FORMAT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }
}
