package com.bcerp.sandbox.acumatica;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * The vendor's OpenAPI file for Default/24.200.001, read from {@code ${specs.dir}/acumatica/Default_24.200.001}
 * (never copied into the project), and checks of recorded exchanges against it. Loading takes a few seconds: load
 * once per test class. Tests that need it are skipped, with a message, when the file is absent.
 *
 * <p>Where the file cannot describe what Acumatica does, the rule is relaxed here with the reason:
 * <ul>
 *   <li>key segments: {@code GET /SalesOrder/SO/SO000001} puts the slash-delimited keys of {@code {ids}} in two path
 *       segments, which an OpenAPI path template cannot match; the check joins them with {@code %2F} so the
 *       GetByKeys operation is found.</li>
 * </ul>
 */
public final class AcumaticaSpec {

    public static final String ENDPOINT_PATH = "/entity/Default/24.200.001";

    private final OpenApiInteractionValidator validator;

    private AcumaticaSpec(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    /** Loads the file, or skips the calling test with a message when it is absent. */
    public static AcumaticaSpec load() {
        String dir = System.getProperty("specs.dir");
        Path file = dir == null ? null : Path.of(dir, "acumatica", "Default_24.200.001");
        Assumptions.assumeTrue(file != null && Files.isRegularFile(file),
                "Acumatica's OpenAPI file is not available (looked for ${specs.dir}/acumatica/Default_24.200.001 with "
                        + "specs.dir=" + dir + "); spec-conformance checks skipped");
        try {
            String spec = Files.readString(file);
            return new AcumaticaSpec(OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                    .withBasePathOverride(ENDPOINT_PATH)
                    .withResolveCombinators(true)
                    .build());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** Validates a request and its response, as recorded by the sandbox. */
    public ValidationReport validate(CallLog.Exchange exchange) {
        String path = specPath(exchange.path());
        SimpleRequest.Builder request = new SimpleRequest.Builder(exchange.method(), path);
        exchange.requestHeaders().forEach(request::withHeader);
        exchange.query().forEach((name, values) -> request.withQueryParam(name, values));
        if (!exchange.requestBody().isEmpty()) {
            request.withBody(exchange.requestBody());
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.status());
        exchange.responseHeaders().forEach(response::withHeader);
        if (!exchange.responseBody().isEmpty()) {
            response.withBody(exchange.responseBody());
        }
        return validator.validate(request.build(), response.build());
    }

    /** Validates a response alone, e.g. one obtained through {@code dispatch}. */
    public ValidationReport validateResponse(String method, String path, int status, String contentType, String body) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status).withContentType(contentType);
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        return validator.validateResponse(specPath(path), Request.Method.valueOf(method), response.build());
    }

    public void assertConforms(CallLog.Exchange exchange) {
        ValidationReport report = validate(exchange);
        assertThat(report.getMessages())
                .as("%s %s?%s -> %d conforms to Default/24.200.001%n%s", exchange.method(), exchange.path(),
                        exchange.query(), exchange.status(), describe(report))
                .isEmpty();
    }

    public static String describe(ValidationReport report) {
        return report.getMessages().stream().map(m -> m.getLevel() + " " + m.getKey() + ": " + m.getMessage()
                + m.getNestedMessages().stream().map(n -> "\n    " + n.getMessage()).collect(Collectors.joining()))
                .collect(Collectors.joining("\n"));
    }

    /** The path with the keys of a two-key record joined into one segment (see the class comment). */
    static String specPath(String path) {
        String rest = path.startsWith(ENDPOINT_PATH + "/") ? path.substring(ENDPOINT_PATH.length() + 1) : null;
        if (rest == null) {
            return path;
        }
        String[] segments = rest.split("/", 2);
        return segments.length == 2
                ? ENDPOINT_PATH + "/" + segments[0] + "/" + segments[1].replace("/", "%2F")
                : path;
    }
}
