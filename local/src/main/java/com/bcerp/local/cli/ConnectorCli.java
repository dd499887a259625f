package com.bcerp.local.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./connector}: run the connector locally, try it, and operate it. */
@Command(name = "connector", mixinStandardHelpOptions = true, version = "bc-erp-connector 0.1.0",
        description = "BigCommerce to back-office connector: local runtime, demo and operations.",
        subcommands = {DemoCommand.class, ServeCommand.class, CheckCommand.class, OpsCommand.class, ChaosCommand.class, BenchCommand.class})
public final class ConnectorCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new ConnectorCli()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
                // a problem the user can fix (no running serve, a missing stack output, a bad record key): one line
                cmd.getErr().println("connector " + cmd.getCommandName() + ": " + e.getMessage());
                return 2;
            }
            throw e;
        }).execute(args));
    }
}
