package com.bcerp.sandbox.acumatica;

import com.atlassian.oai.validator.report.ValidationReport;
import com.bcerp.sandbox.calls.CallLog;
import com.bcerp.sandbox.conformance.OpenApiSpec;
import com.bcerp.sandbox.conformance.OpenApiSpec.Interaction;

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

    /** The file under the specs folder. */
    public static final String FILE = "acumatica/Default_24.200.001";

    private final OpenApiSpec spec;

    private AcumaticaSpec(OpenApiSpec spec) {
        this.spec = spec;
    }

    /** Loads the file, or skips the calling test with a message when it is absent. */
    public static AcumaticaSpec load() {
        return new AcumaticaSpec(OpenApiSpec.from(FILE).basePath(ENDPOINT_PATH).build());
    }

    /** Validates a request and its response, as recorded by the sandbox. */
    public ValidationReport validate(CallLog.Exchange exchange) {
        Interaction recorded = Interaction.of(exchange);
        return spec.validate(recorded.withPath(specPath(recorded.path())));
    }

    /** Validates a response alone, e.g. one obtained through {@code dispatch}. */
    public ValidationReport validateResponse(String method, String path, int status, String contentType, String body) {
        return spec.validateResponse(method, specPath(path), status, contentType, body);
    }

    /** Fails, naming every message, unless the exchange conforms to Default/24.200.001 without a single message. */
    public void assertConforms(CallLog.Exchange exchange) {
        Interaction recorded = Interaction.of(exchange);
        spec.assertConforms(recorded.withPath(specPath(recorded.path())));
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
