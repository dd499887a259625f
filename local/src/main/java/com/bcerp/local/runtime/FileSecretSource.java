package com.bcerp.local.runtime;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.port.SecretSource;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local runtime's stand-in for Secrets Manager: one JSON file of named secrets, readable only by its owner,
 * rewritten atomically so a crash never leaves half a file (a rotated refresh token must survive a restart).
 */
public final class FileSecretSource implements SecretSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public FileSecretSource(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized Map<String, String> get(String name) {
        Map<String, String> secret = readAll().get(name);
        if (secret == null) {
            throw new PermanentFailure("secret " + name, "secret " + name + " is not in " + file);
        }
        return secret;
    }

    @Override
    public synchronized void put(String name, Map<String, String> value) {
        Map<String, Map<String, String>> all = readAll();
        all.put(name, Map.copyOf(value));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".secrets", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), all);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private Map<String, Map<String, String>> readAll() {
        if (!Files.exists(file)) {
            return new LinkedHashMap<>();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Map<String, String>>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }
}
