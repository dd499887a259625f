package com.bcerp.core.backoffice;

import java.util.Locale;

/**
 * Where a back-office document stands, in words every back office can map its own statuses to. Core decides on
 * these; the vendor's status text travels beside them for people to read.
 */
public enum DocumentState {
    OPEN, ON_HOLD, PARTLY_SHIPPED, SHIPPED, INVOICED, CANCELLED, CLOSED;

    /** The name config uses for this state, e.g. {@code partly_shipped}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
