package com.bcerp.core.sync;

/**
 * Where a long scheduled run reports how far it is: the run's log lines always, and a progress bar when a person
 * runs it from the CLI.
 */
public interface SyncProgress {

    /**
     * A run began.
     *
     * @param total records it expects to read, or -1 when the back office cannot say
     */
    void begin(String run, long total);

    /** Counts so far: records read from the back office, and items the store accepted. */
    void update(long read, long pushed);

    void end(long read, long pushed);

    SyncProgress NONE = new SyncProgress() {
        public void begin(String run, long total) {}

        public void update(long read, long pushed) {}

        public void end(long read, long pushed) {}
    };
}
