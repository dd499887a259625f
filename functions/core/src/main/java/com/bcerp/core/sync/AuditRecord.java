package com.bcerp.core.sync;

import java.time.Instant;

/**
 * One attempt at one record. Never carries a secret.
 *
 * @param recordKey  the business key, e.g. {@code order#abc123#250}
 * @param trigger    what caused the attempt, e.g. the event scope and id
 * @param document   the back-office document involved, if any (e.g. {@code SO/000123})
 * @param error      for PARKED and RETRYING: the reason, naming the record and field
 */
public record AuditRecord(
        String recordKey,
        String attemptId,
        Instant startedAt,
        long durationMs,
        Outcome outcome,
        String trigger,
        String document,
        String error) {}
