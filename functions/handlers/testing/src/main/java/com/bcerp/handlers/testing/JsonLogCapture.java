package com.bcerp.handlers.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;

/**
 * The function's log lines as Lambda would print them: the layout of the package's own log4j2.xml (its
 * {@code JsonAppender}), written to a buffer for the length of a test.
 */
public final class JsonLogCapture implements AutoCloseable {

    private final StringWriter out = new StringWriter();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Appender appender;

    public JsonLogCapture() {
        Configuration config = context.getConfiguration();
        Appender lambda = config.getAppender("JsonAppender");
        if (lambda == null) {
            throw new IllegalStateException("the package's log4j2.xml (its JsonAppender) is not the configuration");
        }
        appender = WriterAppender.newBuilder().setName("capture").setTarget(out).setLayout(lambda.getLayout()).build();
        appender.start();
        config.getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
    }

    public String text() {
        return out.toString();
    }

    public List<JsonNode> lines() {
        ObjectMapper json = new ObjectMapper();
        return Arrays.stream(text().split("\\R")).filter(line -> !line.isBlank()).map(line -> {
            try {
                return json.readTree(line);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException("not a JSON log line: " + line, e);
            }
        }).toList();
    }

    @Override
    public void close() {
        context.getConfiguration().getRootLogger().removeAppender("capture");
        context.updateLoggers();
        appender.stop();
    }
}
