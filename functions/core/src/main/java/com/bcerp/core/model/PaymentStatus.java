package com.bcerp.core.model;

/**
 * Where the order's payment stands with the payment provider, as far as it matters for posting payments. Captures are
 * asynchronous: the store may list a capture before the provider has answered it, so a capture counts only once the
 * order's payment is no longer {@link #CAPTURE_PENDING}, and never when it was {@link #DECLINED}.
 */
public enum PaymentStatus {
    /** Nothing outstanding: the transactions say what happened. */
    SETTLED,
    /** A capture was asked for and the provider has not answered yet. */
    CAPTURE_PENDING,
    /** The provider declined the payment (for example the capture). */
    DECLINED
}
