package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.http.HttpError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Actions that run as long-running operations, as Acumatica documents them: the action answers 202 with a
 * {@code Location} ({@code .../{Entity}/{Action}/status/{id}}) that answers 202 while the operation runs and 204 when
 * it is done; "only a REST API request that retrieves the status of this long-running operation can be executed
 * successfully. Other requests in this session will fail until the long-running operation completes." The session is
 * the bearer token. The work is done when the operation completes, not when it is asked for.
 *
 * <p>GUESS: how the other requests fail is not documented. The sandbox answers 500 {@code PXException} "The previous
 * operation has not been completed yet." (the text of Acumatica's screens for the same case), which looks like a
 * business rule: the harsher reading, so the connector must tell it apart. What a status URL answers when the
 * operation failed is not documented either: here 500 with the business rule, as the action itself would.
 */
final class LongOperations {

    static final String BUSY = "The previous operation has not been completed yet.";

    private record Operation(String session, Instant due, Supplier<PutResult> work) {}

    /** A finished operation: no error when it succeeded, else the answer that refused it. */
    private record Outcome(Optional<HttpError> error) {}

    private final Clock clock;
    private final Map<String, Operation> running = new ConcurrentHashMap<>();
    private final Map<String, Outcome> finished = new ConcurrentHashMap<>();

    LongOperations(Clock clock) {
        this.clock = clock;
    }

    /** Starts {@code work} in {@code session} for {@code duration}; returns the operation's id. */
    String start(String session, Duration duration, Supplier<PutResult> work) {
        String id = UUID.randomUUID().toString();
        running.put(id, new Operation(session, clock.instant().plus(duration), work));
        return id;
    }

    /** Completes every operation whose time has come (their work is done now, in the order they fall due). */
    synchronized void settle() {
        Instant now = clock.instant();
        running.entrySet().stream().filter(e -> !e.getValue().due().isAfter(now))
                .sorted(Map.Entry.comparingByValue(java.util.Comparator.comparing(Operation::due)))
                .toList().forEach(e -> {
                    finished.put(e.getKey(), new Outcome(run(e.getValue())));
                    running.remove(e.getKey());
                });
    }

    private static Optional<HttpError> run(Operation operation) {
        try {
            PutResult result = operation.work().get();
            return result.rejected() ? Optional.of(AcumaticaErrors.businessRule(
                    result.entity().path("error").asText("The action is not available."))) : Optional.empty();
        } catch (HttpError e) {
            return Optional.of(e);
        }
    }

    /** Refuses a request of a session whose operation still runs, unless it asks for that operation's status. */
    void requireIdle(String session, String statusId) {
        settle();
        if (running.entrySet().stream().anyMatch(e -> e.getValue().session().equals(session) && !e.getKey().equals(statusId))) {
            throw AcumaticaErrors.businessRule(BUSY);
        }
    }

    /** 202 while it runs, 204 when done, the business rule when it was refused; an unknown id is no entity. */
    int status(String id) {
        settle();
        if (running.containsKey(id)) {
            return 202;
        }
        Outcome outcome = finished.get(id);
        if (outcome == null) {
            throw AcumaticaErrors.noEntity();
        }
        if (outcome.error().isPresent()) {
            throw outcome.error().get();
        }
        return 204;
    }
}
