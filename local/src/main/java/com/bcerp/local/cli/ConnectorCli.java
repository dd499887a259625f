package com.bcerp.local.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./connector}: run the connector locally, try it, and operate it. */
@Command(name = "connector", mixinStandardHelpOptions = true, version = "bc-erp-connector 0.1.0",
        description = "BigCommerce to back-office connector: local runtime, demo and operations.",
        subcommands = {DemoCommand.class, ServeCommand.class})
public final class ConnectorCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new ConnectorCli()).execute(args));
    }
}
