package com.bcerp.local.cli;

/** Log lines go to standard error, so standard output carries only reports and JSON. */
final class Logging {

    private Logging() {}

    /** Must run before the first logger is created (slf4j-simple reads its settings once). */
    static void configure(boolean verbose) {
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        // DynamoDB Local and its libraries log through log4j2; keep them to errors
        System.setProperty("log4j2.level", "ERROR");
        System.setProperty("org.apache.logging.log4j.level", "ERROR");
    }
}
