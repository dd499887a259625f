package com.bcerp.sandbox.visma;

import com.bcerp.sandbox.faults.FaultKnobs;
import com.bcerp.sandbox.faults.FaultKnobs.Fault;
import com.bcerp.sandbox.quota.RequestWindow;
import java.time.Clock;
import java.time.Duration;

/**
 * Knobs for the harsher behaviours the research documents or leaves open, all off by default and safe to change
 * while the sandbox runs.
 *
 * <ul>
 *   <li>{@link #unavailable(boolean)}: every API call answers 503;</li>
 *   <li>{@link #latency(Duration)}: every call (token requests too) waits this long first (slow responses);</li>
 *   <li>{@link #serverErrors(double, int)}: this share of API calls fails at once with a 5xx, nothing written;</li>
 *   <li>{@link #timeoutShare(double)}: this share hangs for {@link #hang(Duration)} unhandled, then answers 504;</li>
 *   <li>{@link #lostAnswerShare(double)}: this share is handled (a POST is stored, a number taken) and then hangs
 *       past the client's timeout: the write happened, the answer with its {@code Location} is lost;</li>
 *   <li>{@link #rateLimit(int, Duration)}: the fixed window of the rate-limit policy ("X requests per Y hour per
 *       company/client combination", [V-RATE]; X and Y UNCONFIRMED): calls beyond the quota answer 429 with
 *       {@code Retry-After}. The {@code X-RateLimit-*} headers are on every answer; by default the quota is one no
 *       test reaches;</li>
 *   <li>{@link #customerNumberingManual(boolean)}: the company's customer numbering is manual, so a customer POST
 *       without {@code number} is refused with "'Customer ID' cannot be empty." ([V-ONIT-78]);</li>
 *   <li>{@link #orderNumberOverrideIgnored(boolean)}: {@code overrideNumberSeries} has no effect on sales orders
 *       (its effect is documented only for invoices, UNCONFIRMED for orders, §10.1.3): every order is numbered from the
 *       series and a client's {@code orderNumber} is ignored;</li>
 *   <li>{@link #availabilityOnHandOnly(boolean)}: {@code availabilityLastModifiedDateTime} moves only when the
 *       quantity on hand changes (shipments confirmed, stock counted), not when orders book or release stock (which
 *       of the two Visma does is UNCONFIRMED, §10.1.6);</li>
 *   <li>{@link #releaseInBackground(Duration)}: the release of a customer invoice or credit note answers
 *       {@code actionResult: "Queued"} and happens this long later (on the sandbox's clock, seen by the first request
 *       after that), as the file documents for these releases ("operation starts in the background and 200-OK is
 *       returned with a reference. No notification is sent when action is done."); a release that can no longer be
 *       done then is dropped silently. GUESS: off by default, the release done at once ({@code Done}).</li>
 * </ul>
 * The mechanics are the shared {@link FaultKnobs} and {@link RequestWindow}; this class names them as Visma's.
 */
public final class Faults {

    /** The default quota: far beyond anything a test or demo sends (the real numbers are UNCONFIRMED). */
    static final int UNREACHED_QUOTA = 1_000_000;

    private final Clock clock;
    private final FaultKnobs knobs;
    private volatile RequestWindow window;
    private volatile boolean customerNumberingManual;
    private volatile boolean orderNumberOverrideIgnored;
    private volatile boolean availabilityOnHandOnly;
    private volatile boolean negativeLinesRefused;
    private volatile Duration releaseDelay;

    Faults(Clock clock) {
        this.clock = clock;
        this.knobs = new FaultKnobs(clock);
        this.window = RequestWindow.fixed(UNREACHED_QUOTA, Duration.ofHours(1), clock);
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

    /** This share of API calls fails at once with {@code status} (500, 502, 503). */
    public Faults serverErrors(double share, int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("a server error is a 5xx status, was " + status);
        }
        knobs.failShare(share, status);
        return this;
    }

    public Faults timeoutShare(double share) {
        knobs.timeoutShare(share);
        return this;
    }

    public Faults lostAnswerShare(double share) {
        knobs.lostAnswerShare(share);
        return this;
    }

    /** How long a timed-out or lost call hangs (30 s by default: longer than a client's timeout). */
    public Faults hang(Duration duration) {
        knobs.hang(duration);
        return this;
    }

    /** {@code quota} calls per fixed window of {@code length} from now on, then 429 until the window ends. */
    public Faults rateLimit(int quota, Duration length) {
        this.window = RequestWindow.fixed(quota, length, clock);
        return this;
    }

    public Faults customerNumberingManual(boolean on) {
        this.customerNumberingManual = on;
        return this;
    }

    public boolean customerNumberingManual() {
        return customerNumberingManual;
    }

    public Faults orderNumberOverrideIgnored(boolean on) {
        this.orderNumberOverrideIgnored = on;
        return this;
    }

    public boolean orderNumberOverrideIgnored() {
        return orderNumberOverrideIgnored;
    }

    public Faults availabilityOnHandOnly(boolean on) {
        this.availabilityOnHandOnly = on;
        return this;
    }

    public boolean availabilityOnHandOnly() {
        return availabilityOnHandOnly;
    }

    /**
     * Sales order lines with a negative amount (a negative unit price or quantity) refused. UNCONFIRMED whether Visma
     * takes them (nothing in the file or the research says); off by default, this is the harsher case.
     */
    public Faults negativeLinesRefused(boolean on) {
        this.negativeLinesRefused = on;
        return this;
    }

    public boolean negativeLinesRefused() {
        return negativeLinesRefused;
    }

    /** Releases of customer documents in the background, done {@code delay} later; null: at once (the default). */
    public Faults releaseInBackground(Duration delay) {
        this.releaseDelay = delay;
        return this;
    }

    public java.util.Optional<Duration> releaseInBackground() {
        return java.util.Optional.ofNullable(releaseDelay);
    }

    /** Makes the drawn faults repeatable. */
    public Faults seed(long seed) {
        knobs.seed(seed);
        return this;
    }

    /** Every knob off, the rate limit back to the unreached quota. */
    public Faults reset() {
        knobs.reset();
        customerNumberingManual = false;
        orderNumberOverrideIgnored = false;
        availabilityOnHandOnly = false;
        negativeLinesRefused = false;
        releaseDelay = null;
        window = RequestWindow.fixed(UNREACHED_QUOTA, Duration.ofHours(1), clock);
        return this;
    }

    /** Calls that hung so far (timed out, or handled with the answer lost). */
    public long hungCalls() {
        return knobs.injected(Fault.TIME_OUT) + knobs.injected(Fault.LOSE_ANSWER);
    }

    /** Calls that met a drawn server error so far. */
    public long serverErrorsInjected() {
        return knobs.injected(Fault.FAIL);
    }

    FaultKnobs knobs() {
        return knobs;
    }

    RequestWindow window() {
        return window;
    }
}
