package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.faults.FaultKnobs;
import com.bcerp.sandbox.faults.FaultKnobs.Fault;
import com.bcerp.sandbox.quota.RequestWindow;
import java.time.Clock;
import java.time.Duration;

/**
 * Knobs for fault injection, all off by default and changeable while the sandbox runs.
 *
 * <ul>
 *   <li>{@link #unavailable(boolean)}: every entity call answers 503 (the instance is down or being updated);</li>
 *   <li>{@link #latency(Duration)}: every call waits this long before it is handled;</li>
 *   <li>{@link #timeoutShare(double)}: this share of entity calls hangs for {@link #hang(Duration)}, past the
 *       client's timeout; with {@link #timeoutAfterWrite(boolean)} the call is handled first, so a PUT is stored and
 *       only its answer is lost (a crash after the write);</li>
 *   <li>{@link #rejectLogin(boolean)}: token requests are refused with Acumatica's "API Login Limit" error (the
 *       licence's API users are all signed in);</li>
 *   <li>{@link #licenceLimit(int)}: entity calls beyond this many in a minute are declined with 429, as the licence's
 *       requests-per-minute limit declines them (without {@code Retry-After}, which Acumatica does not document);</li>
 *   <li>{@link #actionRefusalsAs422(boolean)}: an action its rules refuse answers the 422 echo of the record instead
 *       of the default 500 business-rule error (the spec lists both);</li>
 *   <li>{@link #actionDuration(Duration)}: actions answer 202 with a status {@code Location} and run this long, the
 *       session refusing its other requests meanwhile (see {@link LongOperations});</li>
 *   <li>{@link #strictNestedSelect(boolean)}: with a {@code $select}, an expanded entity renders only the nested fields
 *       it names ({@code Orders/OrderNbr}); unnamed nested fields are left out.</li>
 * </ul>
 * The mechanics are the shared {@link FaultKnobs} and {@link RequestWindow}; this class names them as Acumatica's.
 */
public final class Faults {

    private final Clock clock;
    private final FaultKnobs knobs;
    private volatile double timeoutShare;
    private volatile boolean timeoutAfterWrite;
    private volatile boolean rejectLogin;
    private volatile boolean actionRefusalsAs422;
    private volatile Duration actionDuration = Duration.ZERO;
    private volatile boolean strictNestedSelect;
    private volatile int licenceLimit;
    private volatile RequestWindow licence;

    Faults(Clock clock) {
        this.clock = clock;
        this.knobs = new FaultKnobs(clock);
    }

    public Faults unavailable(boolean on) {
        knobs.down(on);
        return this;
    }

    public boolean unavailable() {
        return knobs.down();
    }

    public Faults latency(Duration delay) {
        knobs.latency(delay);
        return this;
    }

    public Duration latency() {
        return knobs.latency();
    }

    public Faults timeoutShare(double share) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("timeoutShare is a share between 0 and 1, was " + share);
        }
        this.timeoutShare = share;
        applyTimeouts();
        return this;
    }

    public double timeoutShare() {
        return timeoutShare;
    }

    public Faults timeoutAfterWrite(boolean on) {
        this.timeoutAfterWrite = on;
        applyTimeouts();
        return this;
    }

    public boolean timeoutAfterWrite() {
        return timeoutAfterWrite;
    }

    /** How long a timed-out call hangs before the sandbox gives up on it (longer than any client timeout). */
    public Faults hang(Duration duration) {
        knobs.hang(duration);
        return this;
    }

    public Duration hang() {
        return knobs.hang();
    }

    /** A refused action answers the 422 echo of the record instead of the 500 business-rule error. */
    public Faults actionRefusalsAs422(boolean on) {
        actionRefusalsAs422 = on;
        return this;
    }

    public boolean actionRefusalsAs422() {
        return actionRefusalsAs422;
    }

    /** Actions run this long as long-running operations (202 + Location, the session locked); zero: done at once. */
    public Faults actionDuration(Duration duration) {
        actionDuration = duration;
        return this;
    }

    public Duration actionDuration() {
        return actionDuration;
    }

    /**
     * GUESS: the vendor documents naming nested fields in {@code $select} ({@code MainContact/Email} with
     * {@code $expand=MainContact}) but not what an expanded entity carries when none of its fields is named; the sandbox
     * renders them all by default, and this knob leaves them out, the harsher reading.
     */
    public Faults strictNestedSelect(boolean on) {
        strictNestedSelect = on;
        return this;
    }

    public boolean strictNestedSelect() {
        return strictNestedSelect;
    }

    public Faults rejectLogin(boolean on) {
        this.rejectLogin = on;
        return this;
    }

    public boolean rejectLogin() {
        return rejectLogin;
    }

    /** Entity calls allowed per minute before 429; 0 for no limit. */
    public synchronized Faults licenceLimit(int perMinute) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("licenceLimit is a number of requests per minute, was " + perMinute);
        }
        this.licenceLimit = perMinute;
        if (perMinute == 0) {
            licence = null;
        } else if (licence == null) {
            licence = RequestWindow.fixedOnClock(perMinute, Duration.ofMinutes(1), clock); // each minute of the clock
        } else {
            licence.quota(perMinute);
        }
        return this;
    }

    public int licenceLimit() {
        return licenceLimit;
    }

    /** Makes the timeout draws repeatable. */
    public Faults seed(long seed) {
        knobs.seed(seed);
        return this;
    }

    /** Turns every fault off. */
    public Faults reset() {
        knobs.reset();
        timeoutShare = 0;
        timeoutAfterWrite = false;
        rejectLogin = false;
        actionRefusalsAs422 = false;
        actionDuration = Duration.ZERO;
        strictNestedSelect = false;
        return licenceLimit(0);
    }

    /** Calls made to hang so far (by {@link #timeoutShare(double)}). */
    public long timeoutsInjected() {
        return knobs.injected(Fault.TIME_OUT) + knobs.injected(Fault.LOSE_ANSWER);
    }

    FaultKnobs knobs() {
        return knobs;
    }

    /** Counts one entity call against the licence's minute; false when it is over the limit. */
    boolean withinLicence() {
        RequestWindow window = licence;
        return window == null || window.acquire().granted();
    }

    /** A timed-out call either hangs without being handled, or (after the write) is handled and its answer lost. */
    private void applyTimeouts() {
        knobs.timeoutShare(timeoutAfterWrite ? 0 : timeoutShare).lostAnswerShare(timeoutAfterWrite ? timeoutShare : 0);
    }
}
