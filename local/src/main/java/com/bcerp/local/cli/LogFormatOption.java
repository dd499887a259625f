package com.bcerp.local.cli;

import picocli.CommandLine.Option;

/** {@code --log-format plain|json}: how the functions' log lines look on standard error. */
final class LogFormatOption {

    enum Format { plain, json }

    @Option(names = "--log-format", defaultValue = "plain", paramLabel = "plain|json",
            description = "The functions' log lines on standard error: plain (default; shown with --verbose) or json "
                    + "(always shown: one JSON object per line, as CloudWatch has them from the deployed functions, "
                    + "with function_name, event_id, order_id and the other correlation fields).")
    Format format = Format.plain;
}
