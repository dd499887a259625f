package com.bcerp.core.sync;

import com.bcerp.core.port.SyncState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Times one attempt at one record and writes its audit record (and a log line) when it ends. */
public final class Attempt {

    private static final Logger log = LoggerFactory.getLogger(Attempt.class);

    private final SyncState state;
    private final Clock clock;
    private final String key;
    private final String trigger;
    private final String id = UUID.randomUUID().toString();
    private final Instant started;
    private int earlier;

    private Attempt(SyncState state, Clock clock, String key, String trigger) {
        this.state = state;
        this.clock = clock;
        this.key = key;
        this.trigger = trigger;
        this.started = clock.instant();
    }

    /** @param trigger what caused the attempt, e.g. the event scope and hash */
    public static Attempt start(SyncState state, Clock clock, String key, String trigger) {
        return new Attempt(state, clock, key, trigger);
    }

    public String key() {
        return key;
    }

    /** Attempts at this record before this one, as its claim counted them (0 on the first). */
    public int earlierAttempts() {
        return earlier;
    }

    void claimed(Claim claim) {
        this.earlier = claim.attempts();
    }

    public Outcome end(Outcome outcome, String document, String error) {
        long ms = Duration.between(started, clock.instant()).toMillis();
        state.audit(new AuditRecord(key, id, started, ms, outcome, trigger, document, error));
        LogFields.Scope fields = LogFields.empty().put(LogFields.DOCUMENT, document);
        try {
            if (error == null) {
                log.info("{} {} {} in {} ms ({})", key, outcome, document == null ? "" : document, ms, trigger);
            } else if (outcome == Outcome.PARKED || outcome == Outcome.RETRYING) {
                log.warn("{} {} in {} ms ({}): {}", key, outcome, ms, trigger, error);
            } else {
                log.info("{} {} in {} ms ({}): {}", key, outcome, ms, trigger, error);
            }
        } finally {
            fields.close();
        }
        return outcome;
    }
}
