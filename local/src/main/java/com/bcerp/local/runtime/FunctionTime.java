package com.bcerp.local.runtime;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What Lambda would bill a function for, as the local runtime runs it: its invocations and their durations, each
 * rounded up to the millisecond as Lambda rounds it. Durations here are this machine's, not a Lambda's.
 */
public final class FunctionTime {

    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong billedMs = new AtomicLong();

    <T> T time(Supplier<T> invocation) {
        long start = System.nanoTime();
        try {
            return invocation.get();
        } finally {
            invocations.incrementAndGet();
            billedMs.addAndGet((System.nanoTime() - start + 999_999) / 1_000_000);
        }
    }

    public long invocations() {
        return invocations.get();
    }

    public long billedMs() {
        return billedMs.get();
    }
}
