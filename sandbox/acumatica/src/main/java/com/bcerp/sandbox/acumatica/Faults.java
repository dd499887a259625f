package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.faults.FaultKnobs;
import com.bcerp.sandbox.faults.FaultKnobs.Fault;
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
 *   <li>{@link #apiUserLimit(int)}: the licence's API-user slots, one per open session (see {@link OAuthServer});
 *       {@link #sessionIdleTimeout(Duration)} ends unused sessions, after a length Acumatica does not confirm;</li>
 *   <li>{@link #licenceLimit(int)}: the licence's requests per minute, queued and delayed past half of it as Acumatica
 *       does, declined with 429 (without {@code Retry-After}, which Acumatica does not document) only beyond 20
 *       queued or 10 minutes' wait (see {@link LicenceQueue}); {@link #licenceMinute(Duration)} shortens its minute
 *       for tests, {@link #licenceDelay(Duration)} fixes the delay's size, which Acumatica does not confirm;</li>
 *   <li>{@link #actionRefusalsAs422(boolean)}: an action its rules refuse answers the 422 echo of the record instead
 *       of the default 500 business-rule error (the spec lists both);</li>
 *   <li>{@link #actionDuration(Duration)}: actions answer 202 with a status {@code Location} and run this long, the
 *       session refusing its other requests meanwhile (see {@link LongOperations});</li>
 *   <li>{@link #strictNestedSelect(boolean)}: with a {@code $select}, an expanded entity renders only the nested fields
 *       it names ({@code Orders/OrderNbr}); unnamed nested fields are left out;</li>
 *   <li>{@link #quantityInquiry(QuantityInquiry)}: how the Available Quantity inquiry (GI640590) reads its
 *       {@code LastModifiedDateTime}, changed-since (the default) or as-of (see {@link ItemBook#available}).</li>
 * </ul>
 * The mechanics are the shared {@link FaultKnobs} and the {@link LicenceQueue}; this class names them as Acumatica's.
 */
public final class Faults {

    private final FaultKnobs knobs;
    private volatile double timeoutShare;
    private volatile boolean timeoutAfterWrite;
    private volatile boolean rejectLogin;
    private volatile int apiUserLimit = Integer.MAX_VALUE;
    private volatile Duration sessionIdleTimeout;
    private volatile boolean actionRefusalsAs422;
    private volatile Duration actionDuration = Duration.ZERO;
    private volatile boolean strictNestedSelect;
    private volatile QuantityInquiry quantityInquiry = QuantityInquiry.CHANGED_SINCE;
    private int licenceLimit;
    private Duration licenceMinute = Duration.ofMinutes(1);
    private Duration licenceDelay;
    private final LicenceQueue licence;

    Faults(Clock clock) {
        this.knobs = new FaultKnobs(clock);
        this.licence = new LicenceQueue(clock);
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

    /** The two readings of GI640590's {@code LastModifiedDateTime}; Acumatica's is unconfirmed. */
    public enum QuantityInquiry {
        /** The items whose quantities changed since then, each row with its own time. */
        CHANGED_SINCE,
        /** Every item's quantity as of then, rows without a time: the vendor's wording, and the harsher case. */
        AS_OF
    }

    /**
     * GUESS: the vendor's example reads GI640590's {@code LastModifiedDateTime} as an as-of date; the default keeps
     * the changed-since reading, and this knob selects either.
     */
    public Faults quantityInquiry(QuantityInquiry reading) {
        quantityInquiry = java.util.Objects.requireNonNull(reading, "reading");
        return this;
    }

    public QuantityInquiry quantityInquiry() {
        return quantityInquiry;
    }

    public Faults rejectLogin(boolean on) {
        this.rejectLogin = on;
        return this;
    }

    public boolean rejectLogin() {
        return rejectLogin;
    }

    /**
     * The licence's API users: sessions open at once, beyond which a new grant is refused with "API Login Limit" (a
     * trial licence allows 2). Unlimited by default.
     */
    public Faults apiUserLimit(int sessions) {
        if (sessions < 1) {
            throw new IllegalArgumentException("apiUserLimit is a number of sessions, at least 1, was " + sessions);
        }
        this.apiUserLimit = sessions;
        return this;
    }

    public int apiUserLimit() {
        return apiUserLimit;
    }

    /**
     * GUESS: a session unused this long ends and frees its slot; Acumatica does not document the length (its advice
     * for "API Login Limit" is to sign out or wait up to an hour). Null (the default): sessions end only when signed out.
     */
    public Faults sessionIdleTimeout(Duration idle) {
        this.sessionIdleTimeout = idle;
        return this;
    }

    public Duration sessionIdleTimeout() {
        return sessionIdleTimeout;
    }

    /** The licence's entity calls per minute, queued and delayed past half of it (see {@link LicenceQueue}); 0: none. */
    public synchronized Faults licenceLimit(int perMinute) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("licenceLimit is a number of requests per minute, was " + perMinute);
        }
        this.licenceLimit = perMinute;
        licence.configure(licenceLimit, licenceMinute, licenceDelay);
        return this;
    }

    public synchronized int licenceLimit() {
        return licenceLimit;
    }

    /** How long the licence's minute lasts on the sandbox clock (a test shortens it; the 10-minute wait scales with it). */
    public synchronized Faults licenceMinute(Duration minute) {
        if (minute.toMillis() < 10) {
            throw new IllegalArgumentException("licenceMinute is at least 10 ms, was " + minute);
        }
        this.licenceMinute = minute;
        licence.configure(licenceLimit, licenceMinute, licenceDelay);
        return this;
    }

    /**
     * GUESS: each request past half the limit waits this long after the one before it, instead of the documented
     * formula (the rest of the minute over the requests it has left); how Acumatica sizes the delay is unconfirmed,
     * so a test can make it harsher. Null: the formula.
     */
    public synchronized Faults licenceDelay(Duration delay) {
        this.licenceDelay = delay;
        licence.configure(licenceLimit, licenceMinute, licenceDelay);
        return this;
    }

    /** Entity calls the licence made wait in its queue, and calls it declined, so far. */
    public long licenceDelayed() {
        return licence.delayed();
    }

    public long licenceDeclined() {
        return licence.declined();
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
        apiUserLimit = Integer.MAX_VALUE;
        sessionIdleTimeout = null;
        actionRefusalsAs422 = false;
        actionDuration = Duration.ZERO;
        strictNestedSelect = false;
        quantityInquiry = QuantityInquiry.CHANGED_SINCE;
        licenceMinute = Duration.ofMinutes(1);
        licenceDelay = null;
        return licenceLimit(0);
    }

    /** Calls made to hang so far (by {@link #timeoutShare(double)}). */
    public long timeoutsInjected() {
        return knobs.injected(Fault.TIME_OUT) + knobs.injected(Fault.LOSE_ANSWER);
    }

    FaultKnobs knobs() {
        return knobs;
    }

    /** Holds one entity call until the licence lets it through; throws its 429 when the licence declines it. */
    void awaitLicence() {
        licence.admit();
    }

    /** A timed-out call either hangs without being handled, or (after the write) is handled and its answer lost. */
    private void applyTimeouts() {
        knobs.timeoutShare(timeoutAfterWrite ? 0 : timeoutShare).lostAnswerShare(timeoutAfterWrite ? timeoutShare : 0);
    }
}
