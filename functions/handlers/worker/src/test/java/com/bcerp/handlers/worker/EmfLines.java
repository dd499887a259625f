package com.bcerp.handlers.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;

/**
 * The embedded-metric lines a piece of work prints on standard output, as Lambda's log pipeline reads them. The
 * EMF library is told it runs locally: on Lambda it detects Lambda, and both print through the same console sink.
 */
final class EmfLines {

    private EmfLines() {}

    static List<JsonNode> printedBy(Runnable work) {
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Local);
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setOut(stdout);
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : printed.toString(StandardCharsets.UTF_8).split("\\R")) {
            if (line.contains("\"_aws\"")) {
                try {
                    lines.add(json.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(line, e);
                }
            }
        }
        return lines;
    }
}
