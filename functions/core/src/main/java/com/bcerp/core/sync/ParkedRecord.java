package com.bcerp.core.sync;

import java.time.Instant;

/** A record waiting for someone to fix its cause and replay it. */
public record ParkedRecord(String recordKey, String reason, Instant parkedAt) {}
