package com.bcerp.sandbox.faults;

import com.bcerp.sandbox.http.HttpError;
import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Router;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The faults every sandbox can inject, all off by default and safe to change while it runs: a delay before each
 * request, an outage (now, or in windows of time on the injected clock), and shares of requests that fail with a
 * status, time out (hang, then fail), or lose their answer (handled, then hang: the write happened but the client
 * never hears of it). Each vendor's sandbox keeps its own fault class with the vendor's names and vendor-only knobs
 * on top of this one, and renders the vendor's error bodies through {@link Answers}.
 *
 * <p>One draw decides a request's fate: with shares f (fail), t (time out) and l (lose the answer), a uniform draw
 * u in [0, 1) fails when u &lt; f, times out when u &lt; f + t, loses the answer when u &lt; f + t + l. Nothing is
 * drawn while every share is 0, so a {@link #seed(long) seeded} run repeats.
 */
public final class FaultKnobs {

    /** What happens to one request. */
    public enum Fault { NONE, OUTAGE, FAIL, TIME_OUT, LOSE_ANSWER }

    /** The vendor's answers for the faults that answer with an error. */
    public interface Answers {
        /** While an outage lasts (e.g. 503). */
        RuntimeException outage();

        /** A drawn failure with the configured status. */
        RuntimeException failure(int status);

        /** After a timed-out request has hung (e.g. 504). */
        RuntimeException timeout();
    }

    /** A span of time on the sandbox's clock when every request meets an outage: [from, until). */
    public record Outage(Instant from, Instant until) {
        public boolean covers(Instant t) {
            return !t.isBefore(from) && t.isBefore(until);
        }
    }

    private static final Duration DEFAULT_HANG = Duration.ofSeconds(30);

    private final Clock clock;
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean down;
    private final List<Outage> outages = new CopyOnWriteArrayList<>();
    private volatile double failShare;
    private volatile int failStatus = 500;
    private volatile double timeoutShare;
    private volatile double lostAnswerShare;
    private volatile Duration hang = DEFAULT_HANG;
    private final Random random = new Random();
    private final Map<Fault, AtomicLong> injected = new EnumMap<>(Fault.class);

    public FaultKnobs(Clock clock) {
        this.clock = clock;
        for (Fault f : Fault.values()) {
            injected.put(f, new AtomicLong());
        }
    }

    public FaultKnobs() {
        this(Clock.systemUTC());
    }

    /** Every request waits this long before anything else happens to it. */
    public FaultKnobs latency(Duration delay) {
        this.latency = delay;
        return this;
    }

    public Duration latency() {
        return latency;
    }

    /** An outage from now until turned off. */
    public FaultKnobs down(boolean on) {
        this.down = on;
        return this;
    }

    public boolean down() {
        return down;
    }

    /** An outage during [from, until) on the sandbox's clock (a maintenance window, an update). */
    public FaultKnobs outage(Instant from, Instant until) {
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("an outage ends after it starts: " + from + " .. " + until);
        }
        outages.add(new Outage(from, until));
        return this;
    }

    public List<Outage> outages() {
        return List.copyOf(outages);
    }

    /** Whether a request arriving now meets an outage. */
    public boolean inOutage() {
        if (down) {
            return true;
        }
        if (outages.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        return outages.stream().anyMatch(o -> o.covers(now));
    }

    /** This share of requests fails at once with {@code status} (e.g. 500, 502, 503). */
    public FaultKnobs failShare(double share, int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a failure is a 4xx or 5xx status, was " + status);
        }
        this.failShare = share(share, "failShare");
        this.failStatus = status;
        return this;
    }

    public double failShare() {
        return failShare;
    }

    public int failStatus() {
        return failStatus;
    }

    /** This share of requests hangs for {@link #hang()} and then fails (the client has given up by then). */
    public FaultKnobs timeoutShare(double share) {
        this.timeoutShare = share(share, "timeoutShare");
        return this;
    }

    public double timeoutShare() {
        return timeoutShare;
    }

    /** This share of requests is handled (a write is stored), then hangs for {@link #hang()}: the answer is lost. */
    public FaultKnobs lostAnswerShare(double share) {
        this.lostAnswerShare = share(share, "lostAnswerShare");
        return this;
    }

    public double lostAnswerShare() {
        return lostAnswerShare;
    }

    /** How long a timed-out or lost request hangs (longer than any client's timeout). 30 s by default. */
    public FaultKnobs hang(Duration duration) {
        this.hang = duration;
        return this;
    }

    public Duration hang() {
        return hang;
    }

    /** Makes the draws repeatable. */
    public FaultKnobs seed(long seed) {
        synchronized (random) {
            random.setSeed(seed);
        }
        return this;
    }

    /** Every knob off (the counts of injected faults stay). */
    public FaultKnobs reset() {
        latency = Duration.ZERO;
        down = false;
        outages.clear();
        failShare = 0;
        failStatus = 500;
        timeoutShare = 0;
        lostAnswerShare = 0;
        hang = DEFAULT_HANG;
        return this;
    }

    /** Draws the fate of one request from the shares (never {@link Fault#OUTAGE}: see {@link #inOutage()}). */
    public Fault draw() {
        double f = failShare;
        double t = timeoutShare;
        double l = lostAnswerShare;
        if (f + t + l <= 0) {
            return Fault.NONE;
        }
        double u;
        synchronized (random) {
            u = random.nextDouble();
        }
        Fault fault = u < f ? Fault.FAIL : u < f + t ? Fault.TIME_OUT : u < f + t + l ? Fault.LOSE_ANSWER : Fault.NONE;
        if (fault != Fault.NONE) {
            count(fault);
        }
        return fault;
    }

    /** How many requests met this fault so far. */
    public long injected(Fault fault) {
        return injected.get(fault).get();
    }

    /**
     * Carries out a drawn fault: answers the failure or the timeout (after the hang) through {@code answers}, or
     * handles the request and, for a lost answer, hangs before returning what it answered.
     */
    public HttpResponse perform(Fault fault, HttpRequest request, Function<HttpRequest, HttpResponse> next, Answers answers) {
        switch (fault) {
            case OUTAGE -> throw answers.outage();
            case FAIL -> throw answers.failure(failStatus);
            case TIME_OUT -> {
                pause(hang);
                throw answers.timeout();
            }
            case LOSE_ANSWER -> {
                HttpResponse response = next.apply(request);
                pause(hang);
                return response;
            }
            default -> {
                return next.apply(request);
            }
        }
    }

    /** Everything in order for one request: the latency, the outage, then one draw carried out. */
    public HttpResponse run(HttpRequest request, Function<HttpRequest, HttpResponse> next, Answers answers) {
        pause(latency);
        if (inOutage()) {
            count(Fault.OUTAGE);
            throw answers.outage();
        }
        return perform(draw(), request, next, answers);
    }

    /** A router filter that {@link #run runs} the knobs on the requests {@code applies} matches; others pass. */
    public Router.Filter filter(Predicate<HttpRequest> applies, Answers answers) {
        return (request, next) -> applies.test(request) ? run(request, next, answers) : next.apply(request);
    }

    /** Sleeps; an interrupted sleep (the sandbox closing) answers 503. */
    public static void pause(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(503, "The sandbox is shutting down.");
        }
    }

    private void count(Fault fault) {
        injected.get(fault).incrementAndGet();
    }

    private static double share(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
        return value;
    }
}
