package com.bcerp.core.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts one run's progress, hands it to the {@link SyncProgress} listener, and logs it every few seconds: records
 * read, items pushed, and (when the total is known or estimated) how many remain.
 */
public final class ProgressReport {

    private static final Logger log = LoggerFactory.getLogger(ProgressReport.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);

    private final String run;
    private final long total;
    private final SyncProgress listener;
    private final Clock clock;
    private Instant nextLog;
    private long read;
    private long pushed;

    /** @param total records the run expects to read, or -1 when unknown */
    public ProgressReport(String run, long total, SyncProgress listener, Clock clock) {
        this.run = run;
        this.total = total;
        this.listener = listener;
        this.clock = clock;
        this.nextLog = clock.instant().plus(LOG_EVERY);
        listener.begin(run, total);
        log.info("{}: started, {}", run, total < 0 ? "size unknown" : "about " + total + " records to read");
    }

    public void read(long records) {
        read += records;
        changed();
    }

    public void pushed(long items) {
        pushed += items;
        changed();
    }

    public long read() {
        return read;
    }

    public long pushed() {
        return pushed;
    }

    public void end() {
        listener.end(read, pushed);
        log.info("{}: finished, read {}, pushed {}", run, read, pushed);
    }

    private void changed() {
        listener.update(read, pushed);
        Instant now = clock.instant();
        if (now.isBefore(nextLog)) {
            return;
        }
        nextLog = now.plus(LOG_EVERY);
        if (total < 0) {
            log.info("{}: read {}, pushed {}", run, read, pushed);
        } else {
            log.info("{}: read {} of about {}, pushed {}, about {} remaining", run, read, total, pushed,
                    Math.max(0, total - read));
        }
    }
}
