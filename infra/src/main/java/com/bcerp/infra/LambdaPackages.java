package com.bcerp.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The function packages Maven built ({@code ./mvnw package}): the stack points at these zips as they are, with no
 * bundling and no Docker.
 */
public record LambdaPackages(Path receiver, Path worker) {

    public LambdaPackages {
        require(receiver);
        require(worker);
    }

    /** The zips in a checkout of this repository, {@code root} being its top folder. */
    public static LambdaPackages inRepository(Path root) {
        return new LambdaPackages(
                root.resolve("functions/handlers/receiver/target/receiver-lambda.zip").toAbsolutePath().normalize(),
                root.resolve("functions/handlers/worker/target/worker-lambda.zip").toAbsolutePath().normalize());
    }

    private static void require(Path zip) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("Lambda package " + zip + " is missing; build it first: ./mvnw -B package -DskipTests");
        }
    }
}
