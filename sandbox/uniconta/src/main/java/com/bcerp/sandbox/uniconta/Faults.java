package com.bcerp.sandbox.uniconta;

import com.bcerp.sandbox.faults.FaultKnobs;
import com.bcerp.sandbox.faults.FaultKnobs.Fault;
import java.time.Clock;
import java.time.Duration;

/**
 * Knobs for faults and for the harsher readings of what the research leaves open; all off by default and safe to
 * change while the sandbox runs.
 *
 * <ul>
 *   <li>{@link #unavailable(boolean)}: every API call answers 503 (the service is down or being updated);</li>
 *   <li>{@link #latency(Duration)}: every call waits this long first;</li>
 *   <li>{@link #serverErrors(double, int)}: this share of calls fails at once with a 5xx, nothing stored;</li>
 *   <li>{@link #timeoutShare(double)}: this share hangs for {@link #hang(Duration)} unhandled, then answers 504;</li>
 *   <li>{@link #lostAnswerShare(double)}: this share is handled (a write is stored) and then hangs: the answer is lost;</li>
 *   <li>{@link #refusalStatus(int)}: the HTTP status of an {@code ErrorCodes} refusal (400; the REST status is
 *       UNCONFIRMED, erp-apis.md §10.2.1, and a wrapper answers 500);</li>
 *   <li>{@link #insertWithoutBody(boolean)}: Insert and InsertList answer 204 without a body instead of 200 with the
 *       stored rows. Uniconta "can return 200 (with JSON) or 204 (without body)" on an insert (§10.2.1, [U-VBA]); when
 *       it does which is UNCONFIRMED, so a client must cope with both;</li>
 *   <li>{@link #insertListStopsAtFirstError(boolean)}: InsertList keeps the rows before the first refused one (by
 *       default it stores all or none). Whether InsertList is one transaction is UNCONFIRMED (§10.2.1 names only the
 *       array body), so the harsher reading is here.</li>
 *   <li>{@link #odataIgnoresSkip(boolean)}: the OData API ignores {@code $skip} (every page is the first); whether
 *       Uniconta honours it is UNCONFIRMED (§10.2.1 item 2: {@code $skip} appears only in a commented-out call);</li>
 *   <li>{@link #odataPageSize(int)}: the OData API answers at most this many rows and an {@code @odata.nextLink} to the
 *       rest (a client follows nextLink until absent, [U-PBI]; that the server pages is UNCONFIRMED); 0: no paging.</li>
 * </ul>
 * The mechanics are the shared {@link FaultKnobs}; this class names them as the sandbox's.
 */
public final class Faults {

    private final FaultKnobs knobs;
    private volatile int refusalStatus = 400;
    private volatile boolean insertWithoutBody;
    private volatile boolean insertListStopsAtFirstError;
    private volatile boolean odataIgnoresSkip;
    private volatile int odataPageSize;

    Faults(Clock clock) {
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

    /** This share of calls fails at once with {@code status} (500, 502, 503). */
    public Faults serverErrors(double share, int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("a server error is a 5xx status, was " + status);
        }
        knobs.failShare(share, status);
        return this;
    }

    public double serverErrorShare() {
        return knobs.failShare();
    }

    public Faults timeoutShare(double share) {
        knobs.timeoutShare(share);
        return this;
    }

    public double timeoutShare() {
        return knobs.timeoutShare();
    }

    public Faults lostAnswerShare(double share) {
        knobs.lostAnswerShare(share);
        return this;
    }

    public double lostAnswerShare() {
        return knobs.lostAnswerShare();
    }

    /** How long a timed-out or lost call hangs (longer than the client's timeout). 30 s by default. */
    public Faults hang(Duration duration) {
        knobs.hang(duration);
        return this;
    }

    public Duration hang() {
        return knobs.hang();
    }

    public Faults refusalStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a refusal is a 4xx or 5xx status, was " + status);
        }
        this.refusalStatus = status;
        return this;
    }

    public int refusalStatus() {
        return refusalStatus;
    }

    public Faults insertWithoutBody(boolean on) {
        this.insertWithoutBody = on;
        return this;
    }

    public boolean insertWithoutBody() {
        return insertWithoutBody;
    }

    public Faults insertListStopsAtFirstError(boolean on) {
        this.insertListStopsAtFirstError = on;
        return this;
    }

    public boolean insertListStopsAtFirstError() {
        return insertListStopsAtFirstError;
    }

    public Faults odataIgnoresSkip(boolean on) {
        this.odataIgnoresSkip = on;
        return this;
    }

    public boolean odataIgnoresSkip() {
        return odataIgnoresSkip;
    }

    public Faults odataPageSize(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("odataPageSize is a number of rows (0: no paging), was " + rows);
        }
        this.odataPageSize = rows;
        return this;
    }

    public int odataPageSize() {
        return odataPageSize;
    }

    /** Makes the draws repeatable. */
    public Faults seed(long seed) {
        knobs.seed(seed);
        return this;
    }

    /** Every knob back to its default. */
    public Faults reset() {
        knobs.reset();
        refusalStatus = 400;
        insertWithoutBody = false;
        insertListStopsAtFirstError = false;
        odataIgnoresSkip = false;
        odataPageSize = 0;
        return this;
    }

    /** Calls that met this fault so far. */
    public long injected(Fault fault) {
        return knobs.injected(fault);
    }

    FaultKnobs knobs() {
        return knobs;
    }
}
