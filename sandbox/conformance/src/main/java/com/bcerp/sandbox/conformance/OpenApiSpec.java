package com.bcerp.sandbox.conformance;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.bcerp.sandbox.calls.CallLog;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;

/**
 * A vendor's OpenAPI (or Swagger 2) file as a checker of request/response pairs, built on swagger-request-validator.
 * Load it from the specs folder ({@link SpecFiles}): a test whose file is absent is skipped with a message. Where a
 * vendor's file contradicts itself or the documented API, patch the parsed document in memory ({@link
 * Builder#patch}) and say why next to the patch; never edit or copy the file. Loading takes a second or more for a
 * large file: load once per test class.
 *
 * <pre>{@code
 * static OpenApiSpec spec = OpenApiSpec.from("vendor/openapi.yml").basePath("/api/v2").build();   // skips if absent
 * ...
 * sandbox.calls().exchanges().forEach(spec::assertConforms);
 * }</pre>
 */
public final class OpenApiSpec {

    /** One request and its answer, whatever recorded it. Header names as sent; bodies as text ("" for none). */
    public record Interaction(String method, String path, Map<String, List<String>> query,
            Map<String, String> requestHeaders, String requestBody, int status, Map<String, String> responseHeaders,
            String responseBody) {

        public static Interaction of(CallLog.Exchange e) {
            return new Interaction(e.method(), e.path(), e.query(), e.requestHeaders(), e.requestBody(), e.status(),
                    e.responseHeaders(), e.responseBody());
        }

        /** The same exchange checked under another path (e.g. keys joined the way the file's template has them). */
        public Interaction withPath(String newPath) {
            return new Interaction(method, newPath, query, requestHeaders, requestBody, status, responseHeaders, responseBody);
        }

        /** The same exchange checked as another status (where the file lists the wrong one, with the reason). */
        public Interaction withStatus(int newStatus) {
            return new Interaction(method, path, query, requestHeaders, requestBody, newStatus, responseHeaders, responseBody);
        }
    }

    /** How to read the file: its base path, and the in-memory patches. */
    public static final class Builder {
        private final Path file;
        private String basePath;
        private final List<Consumer<ObjectNode>> patches = new ArrayList<>();

        private Builder(Path file) {
            this.file = file;
        }

        /** The path the operations are served under, replacing the file's servers / basePath (e.g. "/api/v2"). */
        public Builder basePath(String path) {
            this.basePath = path;
            return this;
        }

        /** Changes the parsed document before the validator is built. */
        public Builder patch(Consumer<ObjectNode> change) {
            patches.add(change);
            return this;
        }

        public OpenApiSpec build() {
            String text;
            try {
                text = patches.isEmpty() ? Files.readString(file) : patched();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            OpenApiInteractionValidator.Builder validator = OpenApiInteractionValidator
                    .createForInlineApiSpecification(text)
                    // allOf merged into one schema: otherwise each part rejects the other parts' properties
                    .withResolveCombinators(true);
            if (basePath != null) {
                validator.withBasePathOverride(basePath);
            }
            return new OpenApiSpec(file, validator.build());
        }

        private String patched() throws IOException {
            ObjectMapper mapper = isYaml(file) ? YAML : JSON;
            ObjectNode document = (ObjectNode) mapper.readTree(file.toFile());
            patches.forEach(p -> p.accept(document));
            return mapper.writeValueAsString(document);
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final OpenApiInteractionValidator validator;

    private OpenApiSpec(Path file, OpenApiInteractionValidator validator) {
        this.file = file;
        this.validator = validator;
    }

    /** A file under the specs folder (e.g. {@code "vendor/openapi.json"}); skips the test when absent. */
    public static Builder from(String relative) {
        return new Builder(SpecFiles.require(relative));
    }

    /** A file anywhere (tests of this module, a file a test wrote). */
    public static Builder from(Path file) {
        return new Builder(file);
    }

    /** {@code from(relative).build()}. */
    public static OpenApiSpec load(String relative) {
        return from(relative).build();
    }

    public Path file() {
        return file;
    }

    /** Checks a request and its response against the operation the method and path name. */
    public ValidationReport validate(Interaction i) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(i.method().toUpperCase(Locale.ROOT)),
                i.path());
        i.requestHeaders().forEach(request::withHeader);
        i.query().forEach((name, values) -> request.withQueryParam(name, values));
        if (i.requestBody() != null && !i.requestBody().isEmpty()) {
            request.withBody(i.requestBody());
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(i.status());
        i.responseHeaders().forEach(response::withHeader);
        if (i.responseBody() != null && !i.responseBody().isEmpty()) {
            response.withBody(i.responseBody());
        }
        return validator.validate(request.build(), response.build());
    }

    public ValidationReport validate(CallLog.Exchange exchange) {
        return validate(Interaction.of(exchange));
    }

    /** Checks a response alone (e.g. one obtained without a socket). */
    public ValidationReport validateResponse(String method, String path, int status, String contentType, String body) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status).withContentType(contentType);
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        return validator.validateResponse(path, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), response.build());
    }

    /** Fails the test, naming every message, unless the report of this exchange has no message at all (warnings fail too). */
    public void assertConforms(Interaction i) {
        ValidationReport report = validate(i);
        if (!report.getMessages().isEmpty()) {
            Assertions.fail(describe(i, report) + "\n(checked against " + file.getFileName() + ")");
        }
    }

    public void assertConforms(CallLog.Exchange exchange) {
        assertConforms(Interaction.of(exchange));
    }

    /** Each interaction whose report has errors, described; empty when all conform. */
    public List<String> problems(Collection<Interaction> interactions) {
        List<String> problems = new ArrayList<>();
        for (Interaction i : interactions) {
            ValidationReport report = validate(i);
            if (report.hasErrors()) {
                problems.add(describe(i, report));
            }
        }
        return problems;
    }

    /** The exchange on one line, then each message with its key and nested messages. */
    public static String describe(Interaction i, ValidationReport report) {
        return i.method() + " " + i.path() + " " + i.query() + " -> " + i.status() + "\n" + describe(report);
    }

    public static String describe(ValidationReport report) {
        return report.getMessages().stream().map(m -> "  " + m.getLevel() + " " + m.getKey() + ": " + m.getMessage()
                + m.getNestedMessages().stream().map(n -> "\n    " + n.getKey() + ": " + n.getMessage())
                        .collect(Collectors.joining()))
                .collect(Collectors.joining("\n"));
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yml") || name.endsWith(".yaml");
    }
}
