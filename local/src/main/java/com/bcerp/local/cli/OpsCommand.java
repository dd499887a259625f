package com.bcerp.local.cli;

import com.bcerp.bigcommerce.webhook.WebhookHealth;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.handlers.worker.check.CheckReport;
import com.bcerp.local.ops.DeadLetters;
import com.bcerp.local.ops.OpsTarget;
import com.bcerp.local.ops.Operations;
import com.bcerp.local.ops.RuntimeFile;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./connector ops}: what failed and why, a record's history, replay, redrive, status, webhook registration;
 * against a running {@code ./connector serve} (default) or a deployed stack ({@code --stack}).
 */
@Command(name = "ops", mixinStandardHelpOptions = true,
        description = "Operate a connector: a running `connector serve` (default) or a deployed stack (--stack).",
        subcommands = {OpsCommand.Errors.class, OpsCommand.History.class, OpsCommand.Replay.class,
                OpsCommand.Redrive.class, OpsCommand.Status.class, OpsCommand.RegisterWebhooks.class,
                OpsCommand.Check.class})
final class OpsCommand {

    @Option(names = "--stack", description = "A deployed stack's name: ops reads its CloudFormation outputs and uses "
            + "your AWS credentials.")
    String stack;

    @Option(names = "--region", description = "The stack's region (default: AWS_REGION).")
    String region;

    @Option(names = "--store-hash", description = "The store hash, when the stack has no StoreHash output (the "
            + "config file's deployment.store_hash).")
    String storeHash;

    @Option(names = "--runtime-file", description = "The file a running `connector serve` wrote (default: "
            + "~/.bc-erp-connector/serve.json).")
    Path runtimeFile;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    Operations operations() {
        Logging.configure(false);
        OpsTarget target = stack != null ? OpsTarget.ofStack(stack, region, storeHash)
                : OpsTarget.of(RuntimeFile.read(runtimeFile != null ? runtimeFile : RuntimeFile.DEFAULT));
        return new Operations(target, Clock.systemUTC());
    }

    int print(Object answer, String text) throws Exception {
        System.out.println(json ? JSON.writeValueAsString(answer) : text);
        return 0;
    }

    @Command(name = "errors", mixinStandardHelpOptions = true,
            description = "Parked and dead-lettered records, each with its reason.")
    static final class Errors implements Callable<Integer> {
        @ParentCommand
        OpsCommand ops;

        @Override
        public Integer call() throws Exception {
            List<Operations.Failure> failures = ops.operations().errors();
            StringBuilder text = new StringBuilder();
            for (Operations.Failure f : failures) {
                text.append(f.kind().toUpperCase(java.util.Locale.ROOT)).append(' ').append(f.recordKey())
                        .append(f.since() == null ? "" : " since " + f.since())
                        .append(f.receives() > 0 ? " (received " + f.receives() + " times)" : "")
                        .append(": ").append(f.reason()).append('\n');
            }
            text.append(failures.size()).append(" failed record(s)");
            return ops.print(failures, text.toString());
        }
    }

    /** {@code --order ID} or {@code --key RECORD_KEY}. */
    static class Record {
        @Option(names = "--order", required = true, description = "A store order id.")
        Long order;

        @Option(names = "--key", required = true, description = "A record key, e.g. order#abc123#250.")
        String key;

        String key(Operations operations) {
            return order != null ? operations.orderKey(order) : key;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "Every attempt at one record: when, how long, the outcome, the document, the error.")
    static final class History implements Callable<Integer> {
        @ParentCommand
        OpsCommand ops;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Record record;

        @Override
        public Integer call() throws Exception {
            Operations operations = ops.operations();
            String key = record.key(operations);
            List<AuditRecord> history = operations.history(key);
            StringBuilder text = new StringBuilder(key).append('\n');
            for (AuditRecord r : history) {
                text.append("  ").append(r.startedAt()).append("  ").append(r.outcome()).append(" in ")
                        .append(r.durationMs()).append(" ms  (").append(r.trigger()).append(')')
                        .append(r.document() == null ? "" : "  " + r.document())
                        .append(r.error() == null ? "" : "\n    " + r.error()).append('\n');
            }
            text.append(history.size()).append(" attempt(s)");
            return ops.print(history, text.toString());
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Put a record back on the queue so the normal path runs again (after its cause is fixed).")
    static final class Replay implements Callable<Integer> {
        @ParentCommand
        OpsCommand ops;

        /** One record, or every parked one. */
        static final class Which extends Record {
            @Option(names = "--parked", required = true, description = "Every parked record.")
            boolean parked;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        @Override
        public Integer call() throws Exception {
            Operations operations = ops.operations();
            List<Operations.Replay> replays = which.parked ? operations.replayParked()
                    : List.of(operations.replay(which.key(operations)));
            StringBuilder text = new StringBuilder();
            replays.forEach(r -> text.append(r.recordKey()).append(": ").append(r.note()).append('\n'));
            text.append(replays.size()).append(" record(s) replayed");
            return ops.print(replays, text.toString());
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = "Move the dead-letter queue's messages back to the store-events queue (after the cause is "
                    + "fixed).")
    static final class Redrive implements Callable<Integer> {
        @ParentCommand
        OpsCommand ops;

        @Option(names = "--method", defaultValue = "AUTO", description = "AUTO (default: a message move task when the "
                + "queue's settings put every message past the FIFO deduplication window, else RESEND), MOVE_TASK or "
                + "RESEND (each message re-sent with a fresh deduplication id).")
        DeadLetters.Method method;

        @Override
        public Integer call() throws Exception {
            DeadLetters.Redrive redrive = ops.operations().redrive(method, System.err::println);
            return ops.print(redrive, redrive.moved() + " message(s) moved back by " + redrive.method());
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "The scheduled jobs' cursors and last runs, queue depths, parked records.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        OpsCommand ops;

        @Override
        public Integer call() throws Exception {
            Operations.Status s = ops.operations().status();
            StringBuilder text = new StringBuilder("Target: ").append(s.target()).append(", store ").append(s.storeHash())
                    .append('\n');
            for (Operations.CursorStatus c : s.cursors()) {
                text.append(String.format("  %-36s %s%n", c.name(), c.updatedAt() == null ? "never run"
                        : "last run " + c.secondsSinceRun() + " s ago, at " + c.position() + ": " + c.note()));
            }
            text.append(String.format("  %-36s %d visible, %d in flight, %d delayed%n", "store-events queue",
                    s.events().visible(), s.events().inFlight(), s.events().delayed()));
            text.append(String.format("  %-36s %d%n", "dead-lettered", s.deadLetters().visible() + s.deadLetters().inFlight()));
            text.append(String.format("  %-36s %d%s", "parked", s.parked(),
                    s.oldestParkedSeconds() == null ? "" : " (oldest " + s.oldestParkedSeconds() + " s)"));
            return ops.print(s, text.toString());
        }
    }

    @Command(name = "register-webhooks", mixinStandardHelpOptions = true,
            description = "Register the connector's webhooks and its delivery-exception hook (or repair them).")
    static final class RegisterWebhooks implements Callable<Integer> {
        @ParentCommand
        OpsCommand ops;

        @Override
        public Integer call() throws Exception {
            WebhookHealth.Report report = ops.operations().registerWebhooks();
            return ops.print(report, report.summary());
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Run the deployment's own pre-flight check (its function, with its variables and secrets): "
                    + "read-only against the store and each back office. Exits 1 when anything fails.")
    static final class Check implements Callable<Integer> {
        @ParentCommand
        OpsCommand ops;

        @Option(names = "--orders", defaultValue = "250", description = "Recent orders to read (default ${DEFAULT-VALUE}).")
        int orders;

        @Option(names = "--dry-run", description = "Also map those orders into the documents they would create; "
                + "nothing is sent.")
        boolean dryRun;

        @Override
        public Integer call() throws Exception {
            CheckReport report = ops.operations().check(orders, dryRun);
            ops.print(report.toJson(), report.toText().stripTrailing());
            return report.ok() ? 0 : 1;
        }
    }
}
