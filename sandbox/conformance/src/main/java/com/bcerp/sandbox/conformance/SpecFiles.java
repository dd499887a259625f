package com.bcerp.sandbox.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the vendors' OpenAPI files are: the folder the {@code specs.dir} system property names (the build sets it to
 * {@code ../shared/specs} beside the checkout). The files are reference material, never copied into the project, so
 * a checkout without them skips the conformance checks with a message instead of failing.
 */
public final class SpecFiles {

    /** The system property naming the specs folder. */
    public static final String PROPERTY = "specs.dir";

    private SpecFiles() {}

    /** The specs folder, when the property names one that exists. */
    public static Optional<Path> dir() {
        String dir = System.getProperty(PROPERTY);
        return dir == null ? Optional.empty() : Optional.of(Path.of(dir)).filter(Files::isDirectory);
    }

    /** A file under the specs folder (e.g. {@code "vendor/openapi.json"}), when it exists. */
    public static Optional<Path> find(String relative) {
        return dir().map(d -> d.resolve(relative)).filter(Files::isRegularFile);
    }

    /**
     * The file, or the calling test is skipped (a JUnit assumption, reported as skipped with this message) when it
     * is absent: the message names the file and the folder looked in.
     */
    public static Path require(String relative) {
        Optional<Path> file = find(relative);
        Assumptions.assumeTrue(file.isPresent(), () -> "spec file " + relative + " is not available (looked in "
                + PROPERTY + "=" + System.getProperty(PROPERTY) + "); the conformance check is skipped");
        return file.orElseThrow();
    }
}
