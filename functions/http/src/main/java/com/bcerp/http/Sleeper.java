package com.bcerp.http;

import java.time.Duration;

/** How pacers wait; tests substitute one that records (or moves a clock) instead of sleeping. */
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    Sleeper THREAD = Thread::sleep;
}
