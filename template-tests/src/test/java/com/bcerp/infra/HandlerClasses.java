package com.bcerp.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * Checks that every function in a synthesized stack names a handler class its own package holds at the root (where
 * Lambda's class loader finds the function's classes), by reading the zip the cloud assembly will upload.
 */
final class HandlerClasses {

    private HandlerClasses() {}

    /** Each function whose handler class is not in its package, as "logical id: handler (zip)". */
    static List<String> missing(SynthesizedStack synthesized) {
        Map<String, Path> zipsByObjectKey = assetZips(synthesized.outdir(), synthesized.stack().getStackName());
        List<String> missing = new ArrayList<>();
        synthesized.resources("AWS::Lambda::Function").forEach((id, function) -> {
            JsonNode props = function.get("Properties");
            String handler = props.get("Handler").asText();
            String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
            Path zip = zipsByObjectKey.get(props.get("Code").get("S3Key").asText());
            if (zip == null || !contains(zip, className.replace('.', '/') + ".class")) {
                missing.add(id + ": " + className + " (" + zip + ")");
            }
        });
        return missing;
    }

    /** The asset manifest maps each uploaded object key to the file in the cloud assembly. */
    private static Map<String, Path> assetZips(Path outdir, String stackName) {
        Map<String, Path> zips = new HashMap<>();
        try {
            JsonNode manifest = new ObjectMapper().readTree(outdir.resolve(stackName + ".assets.json").toFile());
            manifest.get("files").forEach(asset -> {
                Path source = outdir.resolve(asset.get("source").get("path").asText());
                asset.get("destinations").forEach(d -> zips.put(d.get("objectKey").asText(), source));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zips;
    }

    private static boolean contains(Path zip, String entry) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.getEntry(entry) != null;
        } catch (IOException e) {
            return false;
        }
    }
}
