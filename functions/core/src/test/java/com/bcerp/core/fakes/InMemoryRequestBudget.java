package com.bcerp.core.fakes;

import com.bcerp.core.port.RequestBudget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The generic cell rate algorithm of {@link RequestBudget} in memory, for unit tests of pacers. */
public final class InMemoryRequestBudget implements RequestBudget {

    private final Clock clock;
    private final Map<String, Instant> arrival = new HashMap<>();

    public InMemoryRequestBudget(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Duration take(String bucket, Duration interval, Duration burst) {
        Instant now = clock.instant();
        Instant tat = arrival.getOrDefault(bucket, now);
        Instant next = (tat.isBefore(now) ? now : tat).plus(interval);
        Duration ahead = Duration.between(now, next);
        if (ahead.compareTo(burst) > 0) {
            return ahead.minus(burst);
        }
        arrival.put(bucket, next);
        return Duration.ZERO;
    }

    @Override
    public synchronized void holdUntil(String bucket, Instant until, Duration interval, Duration burst) {
        Instant held = until.plus(burst).minus(interval);
        arrival.merge(bucket, held, (a, b) -> a.isAfter(b) ? a : b);
    }
}
