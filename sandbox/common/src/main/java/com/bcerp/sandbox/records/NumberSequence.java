package com.bcerp.sandbox.records;

import java.util.HashMap;
import java.util.Map;

/**
 * A server's numbering sequence: {@code C000001}, {@code C000002}, ... , optionally one counter per series (an order
 * type, a document type). The number is formatted with {@link String#format} from the series and the counter, so
 * {@code "%s%06d"} gives {@code SO000001} for series {@code SO}, {@code "%2$06d"} gives {@code 000001} whatever the
 * series, and {@code "C%2$06d"} gives {@code C000001}. Use it through {@link EntityBook#nextFree}, which skips numbers
 * a client already took.
 */
public final class NumberSequence {

    private final String format;
    private final Map<String, Long> last = new HashMap<>();

    private NumberSequence(String format) {
        this.format = format;
        String.format(format, "", 1L); // fails now, not at the first insert, when the format is wrong
    }

    /** {@code format} receives the series (argument 1) and the counter (argument 2). */
    public static NumberSequence of(String format) {
        return new NumberSequence(format);
    }

    /** The next number of the default series (""). */
    public String next() {
        return next("");
    }

    /** The next number of a series; each series counts from 1. */
    public synchronized String next(String series) {
        long n = last.merge(series, 1L, Long::sum);
        return String.format(format, series, n);
    }

    /** Starts every series from 1 again. */
    public synchronized void reset() {
        last.clear();
    }

    @Override
    public String toString() {
        return "NumberSequence[" + format + "]";
    }
}
