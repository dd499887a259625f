package com.bcerp.handlers.worker.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.aws.Environment;
import com.bcerp.core.fakes.InMemorySecrets;
import com.bcerp.core.port.SecretSource;
import com.bcerp.handlers.testing.FakeLambdaContext;
import com.bcerp.handlers.testing.JsonLogCapture;
import com.bcerp.handlers.worker.WorkerComposition;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployed check's handler, wired from a function's variables and secrets as Lambda wires it, against a store and
 * an Acumatica sandbox standing in for the real systems: its answer is the report, and its log one JSON line of it.
 */
class PreflightCheckHandlerTest {

    private static BigCommerceSandbox store;
    private static AcumaticaSandbox erp;

    @BeforeAll
    static void start() {
        store = BigCommerceSandbox.start(BigCommerceSandbox.Settings.defaults());
        erp = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults());
    }

    @AfterAll
    static void stop() {
        store.close();
        erp.close();
    }

    /** The variables the stack gives the check function (the example config's default Acumatica), no config file. */
    private static PreflightCheckHandler handler(String acumaticaPassword) {
        SecretSource secrets = new InMemorySecrets()
                .with(WorkerComposition.DEFAULT_BIGCOMMERCE_SECRET, Map.of("access_token", store.connectorAccessToken(),
                        "webhook_secret", "whsec-not-in-any-log"))
                .with("bc-erp-connector/acumatica", Map.of("username", erp.settings().username(),
                        "password", acumaticaPassword, "client_id", erp.settings().clientId(),
                        "client_secret", erp.settings().clientSecret()));
        return new PreflightCheckHandler(new Environment(Map.of("STORE_HASH", store.storeHash(),
                "BIGCOMMERCE_API_URL", store.baseUrl(), "ACUMATICA_URL", erp.baseUrl(),
                "ACUMATICA_ENDPOINT_VERSION", erp.settings().endpointVersion())), secrets);
    }

    private static JsonNode finding(JsonNode report, String subjectStart) {
        for (JsonNode section : report.get("sections")) {
            for (JsonNode f : section.get("findings")) {
                if (f.get("subject").asText().startsWith(subjectStart)) {
                    return f;
                }
            }
        }
        throw new AssertionError("no finding on " + subjectStart + " in " + report.toPrettyString());
    }

    @Test
    void the_check_answers_its_report_and_logs_it_as_one_json_line_without_a_secret() {
        Map<String, Object> answer;
        List<JsonNode> lines;
        String text;
        try (JsonLogCapture logs = new JsonLogCapture()) {
            answer = handler(erp.settings().password()).handleRequest(Map.of("orders", 5),
                    new FakeLambdaContext("preflight-check", "req-1"));
            lines = logs.lines();
            text = logs.text();
        }

        JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(answer);
        assertThat(report.get("ok").asBoolean()).as(report.toPrettyString()).isTrue();
        assertThat(finding(report, "BigCommerce store " + store.storeHash()).get("status").asText()).isEqualTo("pass");
        assertThat(finding(report, "back office acumatica").get("status").asText()).isEqualTo("pass");
        // no receiver URL in this function's variables: the webhooks are not checked, not passed
        assertThat(finding(report, "webhooks").get("status").asText()).isEqualTo("not checked");

        List<JsonNode> reports = lines.stream().filter(l -> l.has("report")).toList();
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).get("message").asText()).startsWith("pre-flight check passed");
        assertThat(reports.get(0).get("function_name").asText()).isEqualTo("preflight-check");
        assertThat(reports.get(0).get("report").toString()).isEqualTo(report.toString());
        assertThat(text).doesNotContain(erp.settings().password(), store.connectorAccessToken(), "whsec-not-in-any-log");
    }

    @Test
    void a_wrong_secret_fails_the_report_naming_the_back_office_and_its_secret() {
        Map<String, Object> answer = handler("not-the-password").handleRequest(Map.of(),
                new FakeLambdaContext("preflight-check", "req-2"));

        JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(answer);
        assertThat(report.get("ok").asBoolean()).isFalse();
        JsonNode acumatica = finding(report, "back office acumatica");
        assertThat(acumatica.get("status").asText()).isEqualTo("fail");
        assertThat(acumatica.get("action").asText()).contains("secret bc-erp-connector/acumatica");
        assertThat(report.toString()).doesNotContain("not-the-password");
    }

    @Test
    void an_event_field_that_is_not_a_count_is_named() {
        assertThatThrownBy(() -> handler(erp.settings().password()).handleRequest(Map.of("orders", "many"),
                new FakeLambdaContext("preflight-check", "req-3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"orders\"")
                .hasMessageContaining("many");
        assertThatThrownBy(() -> handler(erp.settings().password()).handleRequest(Map.of("dry_run", "yes"),
                new FakeLambdaContext("preflight-check", "req-4")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"dry_run\"");
    }
}
