package com.bcerp.sandbox.uniconta;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Uniconta's daily allowance of server calls per user, on the injected clock ([U-SLOW], and Uniconta's support page
 * "My user has been delayed by 1, 2, 3"; erp-apis.md §2.4): the standard package includes 5,000 calls a day; Uniconta
 * counts a 1-second delay for every 5,000 calls the user made (17,500 calls: 3 s on every call); the count resets at
 * midnight but the delay lasts: on the next day it is what the day before measured until today's count passes it
 * ("at the next midnight, it goes down to what it measured that day"). With extended server calls (the paid tier,
 * up to 75,000) there is no delay until 75,000 calls, then 1 s whatever the count. There is no 429: the delay is the
 * only sign, so the sandbox really sleeps before answering.
 *
 * <p>Knobs: {@link #allowance(int)} (5,000), {@link #delayPerStep(Duration)} (1 s), {@link #extendedServerCalls(boolean)}
 * (off), {@link #zone} (whose midnight; Europe/Copenhagen, a guess: Uniconta is Danish and the pages do not say).
 * A call counts when it is authenticated as a user (the count is per user, [U-CALLS]).
 */
public final class CallBudget {

    /** The extended tier delays from this many steps on ([U-SLOW] support page: "when there is a 15 ... 75,000 calls"). */
    static final int EXTENDED_STEPS = 15;

    private record Day(LocalDate date, int calls, int previousCalls) {}

    private final Clock clock;
    private final Map<String, Day> days = new ConcurrentHashMap<>();
    private volatile int allowance = 5_000;
    private volatile Duration delayPerStep = Duration.ofSeconds(1);
    private volatile boolean extended;
    private volatile ZoneId zone = ZoneId.of("Europe/Copenhagen");

    CallBudget(Clock clock) {
        this.clock = clock;
    }

    /** Calls in one step of delay (and the calls included a day). */
    public CallBudget allowance(int calls) {
        if (calls < 1) {
            throw new IllegalArgumentException("an allowance is at least one call, was " + calls);
        }
        this.allowance = calls;
        return this;
    }

    public int allowance() {
        return allowance;
    }

    public CallBudget delayPerStep(Duration delay) {
        this.delayPerStep = delay;
        return this;
    }

    public Duration delayPerStep() {
        return delayPerStep;
    }

    public CallBudget extendedServerCalls(boolean on) {
        this.extended = on;
        return this;
    }

    public boolean extendedServerCalls() {
        return extended;
    }

    public CallBudget zone(ZoneId midnightOf) {
        this.zone = midnightOf;
        return this;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Counts one call by {@code user} and says how long it must wait. */
    Duration spend(String user) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Day day = days.compute(user, (u, d) -> {
            Day current = roll(d, today);
            return new Day(today, current.calls() + 1, current.previousCalls());
        });
        return delay(day);
    }

    /** Calls {@code user} made today. */
    public int callsToday(String user) {
        return roll(days.get(user), LocalDate.now(clock.withZone(zone))).calls();
    }

    /** The delay {@code user}'s next call meets (before counting it). */
    public Duration currentDelay(String user) {
        return delay(roll(days.get(user), LocalDate.now(clock.withZone(zone))));
    }

    /** Forgets every count. */
    public void reset() {
        days.clear();
    }

    private static Day roll(Day d, LocalDate today) {
        if (d == null) {
            return new Day(today, 0, 0);
        }
        if (d.date().equals(today)) {
            return d;
        }
        // yesterday's count carries its delay into today; an idle day in between clears it
        int previous = d.date().plusDays(1).equals(today) ? d.calls() : 0;
        return new Day(today, 0, previous);
    }

    private Duration delay(Day day) {
        int steps = Math.max(day.calls(), day.previousCalls()) / allowance;
        if (extended) {
            return steps >= EXTENDED_STEPS ? delayPerStep : Duration.ZERO;
        }
        return delayPerStep.multipliedBy(steps);
    }
}
