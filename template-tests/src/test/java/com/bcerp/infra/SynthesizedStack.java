package com.bcerp.infra;

import com.bcerp.handlers.worker.DeployConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * A stack synthesized the way {@code cdk synth} does it (same app, feature flags and zips), into a folder the test
 * can read the assets from.
 */
record SynthesizedStack(ConnectorStack stack, Template template, Path outdir) {

    /** The secrets' stack, which the connector's depends on. */
    ConnectorSecretsStack secretsStack() {
        return (ConnectorSecretsStack) stack.getDependencies().get(0);
    }

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path EXAMPLE_CONFIG = ROOT.resolve("config/connector.example.yaml");

    /** {@code before} runs on each of the app's stacks before synth (cdk-nag's aspect, its suppressions). */
    static SynthesizedStack of(Path configFile, List<ScheduledJob> jobs, Consumer<Stack> before) {
        try {
            Path outdir = Files.createTempDirectory("cdk-out");
            App app = ConnectorApp.newApp(outdir.toString());
            ConnectorStack stack = ConnectorApp.stacks(app, ConnectorApp.DEFAULT_STACK_NAME,
                    DeployConfig.load(configFile), LambdaPackages.inRepository(ROOT), jobs);
            before.accept(stack);
            before.accept((Stack) stack.getDependencies().get(0));
            app.synth();
            return new SynthesizedStack(stack, Template.fromStack(stack), outdir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example config with {@code yaml} appended to its deployment section's end (a later key wins). */
    static Path exampleWith(String... deploymentLines) {
        try {
            String text = Files.readString(EXAMPLE_CONFIG);
            StringBuilder extra = new StringBuilder();
            for (String line : deploymentLines) {
                extra.append(line).append('\n');
            }
            Path file = Files.createTempFile("connector", ".yaml");
            Files.writeString(file, text + extra);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resources of one type, by logical id. */
    Map<String, JsonNode> resources(String type) {
        JsonNode all = json().get("Resources");
        Map<String, JsonNode> found = new TreeMap<>();
        all.fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().get("Type").asText())) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }

    JsonNode json() {
        return new ObjectMapper().valueToTree(template.toJSON());
    }
}
