package com.bcerp.handlers.worker.check;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.bcerp.aws.AwsClients;
import com.bcerp.aws.Environment;
import com.bcerp.aws.SecretsManagerSource;
import com.bcerp.core.port.SecretSource;
import com.bcerp.core.sync.SyncProgress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.logging.argument.StructuredArguments;

/**
 * The pre-flight check inside the stack, invoked by ops ({@code ./connector ops check}, or {@code aws lambda invoke}):
 * read-only against the store and every back office, with the function's own variables and secrets. The event may
 * say {@code {"orders": N, "dry_run": true}}; the report is logged as one JSON line and returned.
 */
public final class PreflightCheckHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    static final int DEFAULT_ORDERS = 250;
    private static final Logger log = LoggerFactory.getLogger(PreflightCheckHandler.class);

    /** A fresh check each invocation: a report, and the reachable systems, are one run's. */
    private final Supplier<Preflight> preflight;

    /** Lambda's entry point. */
    public PreflightCheckHandler() {
        this(new Environment(System.getenv()), new SecretsManagerSource(
                AwsClients.fromEnvironment(System.getenv()).secretsManager(), Duration.ofMinutes(5), Clock.systemUTC()));
    }

    /** Wired as the worker functions are: from their variables and secrets. */
    public PreflightCheckHandler(Environment env, SecretSource secrets) {
        this(() -> PreflightComposition.create(env, secrets, SyncProgress.NONE));
    }

    public PreflightCheckHandler(Supplier<Preflight> preflight) {
        this.preflight = preflight;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return report(event, context).toJson();
    }

    /** The invocation with its report as the check made it (ops renders it as text or JSON). */
    public CheckReport report(Map<String, Object> event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> run(event == null ? Map.of() : event));
    }

    private CheckReport run(Map<String, Object> event) {
        int orders = orders(event.get("orders"));
        Object dryRun = event.getOrDefault("dry_run", false);
        if (!(dryRun instanceof Boolean)) {
            throw new IllegalArgumentException("the check's event field \"dry_run\" must be true or false, was "
                    + dryRun);
        }
        CheckReport report = preflight.get().run(orders, (Boolean) dryRun);
        log.info("pre-flight check {}: {}", report.ok() ? "passed" : "failed", report.counts(),
                StructuredArguments.entry("report", logged(report.toJson())));
        return report;
    }

    /** The report without the dry run's documents (their outcomes stay): one log event is at most 256 KB. */
    private static Map<String, Object> logged(Map<String, Object> json) {
        if (!(json.get("dry_run") instanceof Map<?, ?> dry)) {
            return json;
        }
        Map<String, Object> copy = new java.util.LinkedHashMap<>(json);
        copy.put("dry_run", Map.of("outcomes", dry.get("outcomes")));
        return copy;
    }

    private static int orders(Object value) {
        if (value == null) {
            return DEFAULT_ORDERS;
        }
        if (value instanceof Number n && n.doubleValue() == n.intValue() && n.intValue() >= 1) {
            return n.intValue();
        }
        throw new IllegalArgumentException("the check's event field \"orders\" must be a whole number of at least 1, "
                + "was " + value);
    }
}
