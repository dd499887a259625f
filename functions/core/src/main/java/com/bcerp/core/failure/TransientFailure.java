package com.bcerp.core.failure;

/** A failure that may pass on its own (timeouts, 5xx, 429, a busy key): retry with backoff. */
public class TransientFailure extends RuntimeException {

    public TransientFailure(String message) {
        super(message);
    }

    public TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
