package com.bcerp.local.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How ops reads a deployed stack's outputs. */
class OpsTargetTest {

    private static Map<String, String> outputs() {
        Map<String, String> outputs = new HashMap<>();
        outputs.put("EventsQueueUrl", "https://sqs.eu-west-1.amazonaws.com/1/bc-erp-connector-store-events.fifo");
        outputs.put("DeadLetterQueueUrl", "https://sqs.eu-west-1.amazonaws.com/1/bc-erp-connector-store-events-dlq.fifo");
        outputs.put("StateTableName", "state");
        outputs.put("AuditTableName", "audit");
        outputs.put("WebhookUrl", "https://abc.execute-api.eu-west-1.amazonaws.com/webhooks/bigcommerce");
        return outputs;
    }

    @Test
    void the_outputs_name_the_queues_tables_and_urls_and_the_optional_ones_default() {
        OpsTarget target = OpsTarget.ofOutputs("stack s", outputs(), "abc123", null, null, null);

        assertThat(target.storeHash()).isEqualTo("abc123");
        assertThat(target.stateTable()).isEqualTo("state");
        assertThat(target.deliveryExceptionUrl())
                .isEqualTo("https://abc.execute-api.eu-west-1.amazonaws.com/webhooks/bigcommerce/delivery-exceptions");
        assertThat(target.bigcommerceSecret()).isEqualTo("bc-erp-connector/bigcommerce");
        assertThat(target.bigcommerceApiUrl()).hasToString("https://api.bigcommerce.com");
    }

    @Test
    void a_missing_output_is_named_with_what_the_stack_has() {
        Map<String, String> outputs = outputs();
        outputs.remove("DeadLetterQueueUrl");

        assertThatThrownBy(() -> OpsTarget.ofOutputs("stack s", outputs, "abc123", null, null, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no output DeadLetterQueueUrl")
                .hasMessageContaining("EventsQueueUrl");
    }

    @Test
    void without_a_store_hash_output_the_store_hash_option_is_asked_for() {
        assertThatThrownBy(() -> OpsTarget.ofOutputs("stack s", outputs(), null, null, null, null))
                .hasMessageContaining("--store-hash");
        Map<String, String> withHash = outputs();
        withHash.put("StoreHash", "def456");
        assertThat(OpsTarget.ofOutputs("stack s", withHash, null, null, null, null).storeHash()).isEqualTo("def456");
    }

    @Test
    void ops_check_against_a_stack_says_how_to_invoke_its_check_function() {
        Map<String, String> outputs = outputs();
        outputs.put("PreflightCheckFunctionName", "bc-erp-connector-PreflightCheck1A2B");
        Operations ops = new Operations(OpsTarget.ofOutputs("stack s", outputs, "abc123", null, null, null),
                java.time.Clock.systemUTC());

        assertThatThrownBy(() -> ops.check(40, true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("aws lambda invoke --function-name bc-erp-connector-PreflightCheck1A2B:live")
                .hasMessageContaining("{\"orders\": 40, \"dry_run\": true}");
    }
}
