package com.bcerp.local.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The local runs' temporary state folders (DynamoDB Local's files, the queues, the generated config). */
public final class TempDirs {

    private TempDirs() {}

    /** Deletes the folder and everything in it; a folder left behind in the temp dir is harmless, so failures are. */
    public static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // left behind
        }
    }
}
