package com.bcerp.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.bcerp.sandbox.calls.CallLog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code connector check --config FILE --secrets FILE} as a merchant runs it before go-live: a separate process
 * against systems it did not start (here a store and an Acumatica sandbox started by the test, standing in for the
 * real ones), reached through the config's {@code deployment} section with the credentials from the secrets file.
 */
class CheckSecretsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static BigCommerceSandbox store;
    private static AcumaticaSandbox erp;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSystems() {
        store = BigCommerceSandbox.start(BigCommerceSandbox.Settings.defaults());
        erp = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults());
    }

    @AfterAll
    static void stopSystems() {
        store.close();
        erp.close();
    }

    private record Run(int exit, JsonNode report, String stderr) {}

    private Run check(Map<String, String> acumaticaSecret, String... extra) throws Exception {
        Path config = dir.resolve("connector.yaml");
        Files.writeString(config, """
                deployment:
                  store_hash: %s
                  bigcommerce_api_url: %s
                  acumatica:
                    url: %s
                    endpoint_version: %s
                """.formatted(store.storeHash(), store.baseUrl(), erp.baseUrl(), erp.settings().endpointVersion()));
        Path secrets = dir.resolve("secrets.json");
        JSON.writeValue(secrets.toFile(), Map.of(
                "bigcommerce", Map.of("access_token", store.connectorAccessToken(), "client_secret", store.clientSecret(),
                        "webhook_secret", "not-registered-yet"),
                "acumatica", acumaticaSecret));
        String classpath = Path.of("target", "classes") + File.pathSeparator + Path.of("target", "lib") + File.separator + "*";
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", classpath, ConnectorCli.class.getName(), "check",
                "--config", config.toString(), "--secrets", secrets.toString(), "--json"));
        command.addAll(List.of(extra));
        Path stderr = dir.resolve("stderr.txt");
        Process check = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(check.exitValue(), out.isBlank() ? null : JSON.readTree(out), Files.readString(stderr));
    }

    private Map<String, String> acumaticaSecret(String password) {
        AcumaticaSandbox.Settings s = erp.settings();
        return Map.of("username", s.username(), "password", password, "client_id", s.clientId(),
                "client_secret", s.clientSecret());
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

    /**
     * Requests that change records: not reads, sign-ins, nor inquiries (Acumatica reads an inquiry by a PUT of its
     * parameters; CompaniesStructure is the Company Branch generic inquiry).
     */
    private static long writes(CallLog calls) {
        return calls.exchanges(e -> !e.method().equals("GET") && !e.path().contains("/identity/connect/token")
                && !e.path().endsWith("Inquiry") && !e.path().endsWith("/CompaniesStructure")).size();
    }

    @Test
    void the_systems_the_deployment_section_names_pass_with_their_secrets_and_nothing_is_written() throws Exception {
        int ordersBefore = erp.salesOrders().size();
        int customersBefore = erp.customers().size();
        long erpWritesBefore = writes(erp.calls());

        Run run = check(acumaticaSecret(erp.settings().password()));

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.report().get("ok").asBoolean()).isTrue();
        assertThat(finding(run.report(), "BigCommerce store " + store.storeHash()).get("status").asText())
                .isEqualTo("pass");
        assertThat(finding(run.report(), "back office acumatica").get("status").asText()).isEqualTo("pass");
        // the deployed receiver's URL was not given: the webhooks are reported as not checked, not as passing
        assertThat(finding(run.report(), "webhooks").get("status").asText()).isEqualTo("not checked");
        // read-only, by the systems' own counts: the store saw only reads, Acumatica no new order and no write
        assertThat(store.calls().byEndpoint(store.connectorAccessToken()).keySet()).isNotEmpty()
                .allMatch(endpoint -> endpoint.startsWith("GET "));
        assertThat(erp.salesOrders()).hasSize(ordersBefore);
        assertThat(writes(erp.calls())).isEqualTo(erpWritesBefore);
        assertThat(erp.customers()).hasSize(customersBefore);
    }

    @Test
    void a_wrong_password_in_the_secrets_file_fails_naming_the_back_office_and_its_secret() throws Exception {
        Run run = check(acumaticaSecret("not-the-password"));

        assertThat(run.exit()).isEqualTo(1);
        JsonNode acumatica = finding(run.report(), "back office acumatica");
        assertThat(acumatica.get("status").asText()).isEqualTo("fail");
        assertThat(acumatica.get("action").asText()).contains("secret acumatica");
        assertThat(run.report().toString()).doesNotContain("not-the-password");
    }

    @Test
    void the_store_hash_missing_from_the_config_is_named_before_anything_is_called() throws Exception {
        Path config = dir.resolve("no-store.yaml");
        Files.writeString(config, "deployment:\n  acumatica:\n    url: " + erp.baseUrl() + "\n");
        Path secrets = dir.resolve("empty.json");
        Files.writeString(secrets, "{}");
        String classpath = Path.of("target", "classes") + File.pathSeparator + Path.of("target", "lib") + File.separator + "*";
        Process check = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", classpath, ConnectorCli.class.getName(), "check",
                "--config", config.toString(), "--secrets", secrets.toString()).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).isNotZero();
        assertThat(out).contains("deployment.store_hash");
    }
}
