package com.bcerp.local.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.port.SecretSource;
import com.bcerp.core.sync.SyncProgress;
import com.bcerp.handlers.worker.DeployConfig;
import com.bcerp.handlers.worker.WorkerComposition;
import com.bcerp.handlers.worker.check.CheckReport;
import com.bcerp.handlers.worker.check.Finding;
import com.bcerp.handlers.worker.check.Preflight;
import com.bcerp.local.ops.OpsTarget;
import com.bcerp.local.runtime.LocalRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./connector check --stack NAME}: the deployment's config file, and the stack's outputs and secrets as the
 * operator's credentials read them. Here the "stack" is a local runtime (its webhooks registered at its receiver, its
 * secrets under the names its outputs would give), its outputs written as CloudFormation would answer them.
 */
class CheckStackIT {

    private static LocalRuntime runtime;
    private static DeployConfig deploy;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("check-stack-it");
        LocalRuntime.Timing d = LocalRuntime.Timing.defaults();
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(dir).withTiming(new LocalRuntime.Timing(
                d.quotaWindow(), d.claimLease(), d.backOfficeTimeout(), d.accessTokenLifetime(), Duration.ofDays(1),
                d.webhookHealthEvery())));
        // the file the stack was deployed with: the same store and Acumatica
        Path config = Files.writeString(dir.resolve("connector.yaml"), """
                deployment:
                  store_hash: %s
                  bigcommerce_api_url: %s
                  acumatica:
                    url: %s
                    endpoint_version: %s
                """.formatted(runtime.bigcommerce().storeHash(), runtime.bigcommerce().baseUrl(),
                runtime.acumatica().baseUrl(), runtime.acumatica().settings().endpointVersion()));
        deploy = DeployConfig.load(config);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    /** What describe-stacks answers for a stack deployed with that file. */
    private static Map<String, String> outputs() {
        Map<String, String> env = runtime.environment();
        Map<String, String> outputs = new HashMap<>();
        outputs.put("StoreHash", runtime.bigcommerce().storeHash());
        outputs.put("WebhookUrl", env.get("WEBHOOK_URL"));
        outputs.put("DeliveryExceptionUrl", env.get("DELIVERY_EXCEPTION_URL"));
        outputs.put("BigCommerceSecretName", WorkerComposition.DEFAULT_BIGCOMMERCE_SECRET);
        outputs.put(DeployConfig.secretOutput("acumatica"), runtime.secretName("acumatica"));
        outputs.put("EventsQueueUrl", env.get("EVENTS_QUEUE_URL"));
        outputs.put("DeadLetterQueueUrl", runtime.aws().deadLetterQueueUrl());
        outputs.put("StateTableName", env.get("STATE_TABLE"));
        outputs.put("AuditTableName", env.get("AUDIT_TABLE"));
        return outputs;
    }

    private static CheckReport check(Map<String, String> outputs, SecretSource secrets) {
        return CheckTarget.preflight(deploy, new OpsTarget.Stack("stack test", outputs, null, null, secrets),
                SyncProgress.NONE).run(50, false);
    }

    private static Finding finding(CheckReport report, String subjectStart) {
        return report.findings().stream().filter(f -> f.subject().startsWith(subjectStart)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding on " + subjectStart + " in " + report.toText()));
    }

    @Test
    void a_stack_deployed_with_the_config_passes_with_the_secrets_its_outputs_name_and_its_webhooks() {
        CheckReport report = check(outputs(), runtime.secrets());

        assertThat(report.ok()).as(report.toText()).isTrue();
        assertThat(finding(report, "back office acumatica").status()).isEqualTo(Finding.Status.PASS);
        // its webhooks are checked at the stack's WebhookUrl, with the secret header from its store secret
        assertThat(report.findings()).anyMatch(f -> f.section().equals(Preflight.WEBHOOKS)
                && f.status() == Finding.Status.PASS && f.detail().contains(outputs().get("WebhookUrl")));
    }

    @Test
    void a_wrong_secret_in_the_stacks_secrets_fails_naming_the_back_office_and_the_secret_its_output_names() {
        String secretName = runtime.secretName("acumatica");
        SecretSource wrongPassword = new SecretSource() {
            @Override
            public Map<String, String> get(String name) {
                Map<String, String> value = new LinkedHashMap<>(runtime.secrets().get(name));
                if (name.equals(secretName)) {
                    // a rotated refresh token (kept by an earlier sign-in) would be tried before the password
                    value.remove("refresh_token");
                    value.put("password", "not-the-password");
                }
                return value;
            }

            @Override
            public void put(String name, Map<String, String> value) {
                runtime.secrets().put(name, value);
            }
        };

        CheckReport report = check(outputs(), wrongPassword);

        assertThat(report.ok()).isFalse();
        Finding acumatica = finding(report, "back office acumatica");
        assertThat(acumatica.status()).isEqualTo(Finding.Status.FAIL);
        assertThat(acumatica.action()).contains("secret " + secretName);
        assertThat(report.toText()).doesNotContain("not-the-password");
    }

    @Test
    void a_config_the_stack_was_not_deployed_with_is_named_before_anything_is_called() {
        Map<String, String> otherStore = outputs();
        otherStore.put("StoreHash", "zzz999");
        assertThatThrownBy(() -> check(otherStore, runtime.secrets()))
                .hasMessageContaining("serves store zzz999").hasMessageContaining("deployment.store_hash");
        Map<String, String> noSecret = outputs();
        noSecret.remove(DeployConfig.secretOutput("acumatica"));
        assertThatThrownBy(() -> check(noSecret, runtime.secrets()))
                .hasMessageContaining("has no output AcumaticaSecretName for back office 'acumatica'");
    }
}
