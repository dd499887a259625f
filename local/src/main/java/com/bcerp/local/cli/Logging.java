package com.bcerp.local.cli;

/**
 * Log lines go to standard error, so standard output carries only reports and JSON. Two SLF4J providers are on the
 * class path and one is chosen here, before the first logger is created: slf4j-simple for the plain lines (the
 * default), or log4j2 with the functions' Lambda JSON layout ({@code --log-format json}), each line as CloudWatch
 * gets it from a deployed function.
 */
final class Logging {

    /** SLF4J's provider classes. */
    static final String PLAIN_PROVIDER = "org.slf4j.simple.SimpleServiceProvider";
    static final String JSON_PROVIDER = "org.apache.logging.slf4j.SLF4JServiceProvider";

    private Logging() {}

    /** Must run before the first logger is created (slf4j-simple reads its settings once). */
    static void configure(boolean verbose) {
        configure(verbose, LogFormatOption.Format.plain);
    }

    static void configure(boolean verbose, LogFormatOption.Format format) {
        // the provider is named, so SLF4J neither guesses between the two nor reports that it found both
        System.setProperty("slf4j.internal.verbosity", "WARN");
        if (format == LogFormatOption.Format.json) {
            System.setProperty("slf4j.provider", JSON_PROVIDER);
            // the functions' lines at INFO, as on Lambda; the emulators' and the runtime's own only when they warn
            System.setProperty("log4j2.configurationFile", "log4j2-json.xml");
        } else {
            System.setProperty("slf4j.provider", PLAIN_PROVIDER);
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
            System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        }
        // DynamoDB Local and its libraries log through log4j2; keep them to errors
        System.setProperty("log4j2.level", "ERROR");
        System.setProperty("org.apache.logging.log4j.level", "ERROR");
    }
}
