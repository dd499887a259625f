package com.bcerp.sandbox.visma;

import com.atlassian.oai.validator.report.ValidationReport;
import com.bcerp.sandbox.calls.CallLog;
import com.bcerp.sandbox.conformance.OpenApiSpec;
import com.bcerp.sandbox.conformance.OpenApiSpec.Interaction;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The vendor's OpenAPI file for the Visma.net ERP Service API, read from {@code ${specs.dir}/visma/swagger.json}
 * (never copied into the project), and checks of recorded exchanges against it. Loading takes a few seconds: load
 * once per test class. Tests that need it are skipped, with a message, when the file is absent.
 *
 * <p>Where the file cannot describe what Visma does, the check is relaxed here with the reason:
 * <ul>
 *   <li>error answers: the file declares no error answers for most operations (erp-apis.md §10.1.1 "Error bodies"),
 *       so for an answer of 400 and above only the request is checked, and the body's shape is checked by
 *       {@link #assertVismaError} (the message shape or IPPException, from the research);</li>
 *   <li>201 and 204 without a body: the file gives these answers a {@code {"type": "object"}} schema, while the API
 *       sends no body and the new key in {@code Location} ([V-SPEC] text "Response Message has StatusCode Created",
 *       [V-KB-LOCATION], [V-ONIT] reads Location): "no response body found" is not counted for them.</li>
 * </ul>
 */
public final class VismaSpec {

    /** The file under the specs folder. */
    public static final String FILE = "visma/swagger.json";

    private static final java.util.Set<Integer> NO_BODY = java.util.Set.of(201, 204);

    private final OpenApiSpec spec;

    private VismaSpec(OpenApiSpec spec) {
        this.spec = spec;
    }

    /** Loads the file, or skips the calling test with a message when it is absent. */
    public static VismaSpec load() {
        return new VismaSpec(OpenApiSpec.from(FILE).basePath("/").build());
    }

    /** The messages about an exchange: everything for a success, the request's for an error answer. */
    public List<String> problems(CallLog.Exchange exchange) {
        Interaction i = Interaction.of(exchange);
        ValidationReport report = spec.validate(i);
        return report.getMessages().stream()
                .filter(m -> exchange.status() < 400 || m.getKey().startsWith("validation.request"))
                .filter(m -> !(NO_BODY.contains(exchange.status()) && exchange.responseBody().isEmpty()
                        && m.getKey().equals("validation.response.body.missing")))
                .map(m -> m.getLevel() + " " + m.getKey() + ": " + m.getMessage())
                .collect(Collectors.toList());
    }

    /** Fails, naming every message, unless the exchange conforms (see the class comment for error answers). */
    public void assertConforms(CallLog.Exchange exchange) {
        List<String> problems = problems(exchange);
        if (!problems.isEmpty()) {
            throw new AssertionError(exchange.method() + " " + exchange.path() + " " + exchange.query() + " -> "
                    + exchange.status() + "\n  " + String.join("\n  ", problems) + "\n  response: " + exchange.responseBody()
                    + "\n(checked against " + spec.file().getFileName() + ")");
        }
        if (exchange.status() >= 400) {
            assertVismaError(exchange);
        }
    }

    /** An error answer is one of the research's shapes: message, IPPException, or the gateway's statusCode/message. */
    public static void assertVismaError(CallLog.Exchange exchange) {
        var body = readJson(exchange.responseBody());
        boolean message = body.hasNonNull("message") && body.size() == 1
                && body.get("message").asText().startsWith("VismaId: ");
        boolean ipp = "IPPException".equals(body.path("ExceptionType").asText()) && body.has("ExceptionFaultCode");
        boolean gateway = body.path("statusCode").asInt() == exchange.status() && body.hasNonNull("message");
        if (!(message || ipp || gateway)) {
            throw new AssertionError("not a Visma error body: " + exchange.status() + " " + exchange.responseBody());
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode readJson(String text) {
        try {
            return SandboxHttp.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
