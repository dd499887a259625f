package com.bcerp.core.sync;

/**
 * The answer to "may I do the work for this key now?".
 *
 * @param status        what the caller may do
 * @param attempts      attempts made before this one (0 on the first)
 * @param result        for {@link Status#DONE}: what the earlier attempt produced, e.g. the back-office document
 */
public record Claim(Status status, int attempts, String result) {

    public enum Status {
        /** The caller holds the key until it completes, parks or releases it (or its lease runs out). */
        ACQUIRED,
        /** The work was done before; do nothing. */
        DONE,
        /** Another attempt holds an unexpired lease; try again later. */
        BUSY
    }

    public static Claim acquired(int attempts) {
        return new Claim(Status.ACQUIRED, attempts, null);
    }

    public static Claim done(int attempts, String result) {
        return new Claim(Status.DONE, attempts, result);
    }

    public static Claim busy(int attempts) {
        return new Claim(Status.BUSY, attempts, null);
    }
}
