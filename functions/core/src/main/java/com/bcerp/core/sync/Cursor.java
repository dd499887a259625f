package com.bcerp.core.sync;

import java.time.Instant;

/**
 * Where a scheduled job has got to, e.g. the order catch-up's high-water mark of the store's modification times.
 *
 * @param position  the job's own position (for the catch-up, an ISO-8601 instant in the store's clock)
 * @param note      what the last run did, for ops ({@code ./connector ops status})
 * @param updatedAt when the last run that moved (or confirmed) it finished
 */
public record Cursor(String name, String position, String note, Instant updatedAt) {}
