package com.bcerp.local.ops;

import com.bcerp.local.runtime.LocalRuntime;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * How {@code ./connector ops} finds a running {@code ./connector serve}: serve writes where its emulators listen
 * and where its secrets file is (never a secret itself) to a file only its owner can read, and removes it when it
 * stops.
 */
public final class RuntimeFile {

    /** {@code ~/.bc-erp-connector/serve.json} */
    public static final Path DEFAULT = Path.of(System.getProperty("user.home"), ".bc-erp-connector", "serve.json");

    /** @param environment the functions' variables (endpoints, tables, secrets' names; never a secret's value) */
    public record Description(long pid, String storeHash, String eventsQueueUrl, String deadLetterQueueUrl,
            String stateTable, String auditTable, String dynamodbEndpoint, String sqsEndpoint, String secretsFile,
            String bigcommerceApiUrl, String webhookUrl, String deliveryExceptionUrl, Map<String, String> environment) {}

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RuntimeFile() {}

    public static Description describe(LocalRuntime runtime) {
        var env = runtime.environment();
        return new Description(ProcessHandle.current().pid(), env.get("STORE_HASH"), env.get("EVENTS_QUEUE_URL"),
                runtime.aws().deadLetterQueueUrl(), env.get("STATE_TABLE"), env.get("AUDIT_TABLE"),
                runtime.aws().dynamoEndpoint().toString(), runtime.aws().sqsEndpoint().toString(),
                runtime.secrets().file().toAbsolutePath().toString(), env.get("BIGCOMMERCE_API_URL"), env.get("WEBHOOK_URL"),
                env.get("DELIVERY_EXCEPTION_URL"), env);
    }

    public static void write(Path file, Description description) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".serve", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), description);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** The running serve's description; fails with what to do when there is none. */
    public static Description read(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalStateException("no running `connector serve` found (" + file + " does not exist): start "
                    + "one, or pass --stack NAME for a deployed stack");
        }
        try {
            Description d = JSON.readValue(file.toFile(), Description.class);
            if (ProcessHandle.of(d.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                return d;
            }
            throw new IllegalStateException("the `connector serve` that wrote " + file + " (pid " + d.pid()
                    + ") is no longer running");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    public static void remove(Path file, long pid) {
        try {
            if (Files.exists(file) && JSON.readValue(file.toFile(), Description.class).pid() == pid) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // a stale file is reported as such by the next ops command
        }
    }
}
