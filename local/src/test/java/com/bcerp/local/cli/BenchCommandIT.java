package com.bcerp.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code connector bench --quick --json} as a user runs it, on the build's receiver package: every figure was taken
 * (the child JVMs answered 200, or the run fails), each beside its floor, with the ratio the two give. No figure is
 * held to its goal here: that is what the bench reports, not what a test on a shared machine can promise.
 */
class BenchCommandIT {

    @Test
    void the_receiver_is_measured_beside_its_floors_and_the_report_names_command_and_machine() throws Exception {
        String classpath = Path.of("target", "classes") + File.pathSeparator + Path.of("target", "lib") + File.separator + "*";
        Process bench = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dconnector.home=" + Path.of("..").toAbsolutePath().normalize(),
                "-cp", classpath, ConnectorCli.class.getName(), "bench", "--quick", "--json"))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String stdout = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(bench.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(bench.exitValue()).as(stdout).isZero();

        JsonNode report = new ObjectMapper().readTree(stdout);
        // the CI-light gate: nothing far beyond its goal (the exit code says the same)
        assertThat(report.get("far_beyond_goals")).isEmpty();
        assertThat(report.get("command").asText()).isEqualTo("./connector bench --quick --json");
        assertThat(report.get("machine").get("cores").asInt()).isPositive();

        JsonNode cold = report.get("receiver_cold_start");
        assertThat(cold.get("floor_ms").asDouble()).isPositive();
        // the receiver builds two AWS clients, reads its secret and sends to SQS: it cannot start as fast as nothing
        assertThat(cold.get("receiver_ms").asDouble()).isGreaterThan(cold.get("floor_ms").asDouble());
        assertThat(cold.get("ratio").asDouble()).isCloseTo(
                cold.get("receiver_ms").asDouble() / cold.get("floor_ms").asDouble(), org.assertj.core.data.Offset.offset(0.02));
        assertThat(cold.get("receiver_cds_ms").asDouble()).isPositive();
        assertThat(cold.get("goal_ratio").asDouble()).isEqualTo(1.5);

        JsonNode warm = report.get("receiver_warm_latency");
        for (String figure : List.of("handler_us", "send_message_floor_us", "verify_us", "hmac_floor_us")) {
            JsonNode p = warm.get(figure);
            assertThat(p.get("samples").asInt()).as(figure).isGreaterThanOrEqualTo(300);
            assertThat(p.get("p50").asDouble()).as(figure).isPositive().isLessThanOrEqualTo(p.get("p99").asDouble());
            assertThat(p.get("p99").asDouble()).as(figure).isLessThanOrEqualTo(p.get("p999").asDouble());
        }
        // verification is in-memory work, a sent message a round trip to the queue
        assertThat(warm.get("verify_us").get("p50").asDouble())
                .isLessThan(warm.get("send_message_floor_us").get("p50").asDouble());

        // --quick: 40 orders under 10 store requests per 2 s; every order imported, over at least two whole windows
        JsonNode throughput = report.get("throughput");
        assertThat(throughput).hasSize(1);
        JsonNode store = throughput.get(0);
        assertThat(store.get("limited_by").asText()).isEqualTo("store_quota");
        assertThat(store.get("orders").asInt()).isEqualTo(40);
        assertThat(store.get("whole_windows").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(store.get("orders_in_whole_windows").asInt()).isPositive().isLessThan(40);
        assertThat(store.get("store_calls_per_order").asDouble()).isGreaterThan(0.5);
        assertThat(store.get("connector_share").asDouble()).isEqualTo(0.8);
        double ceiling = 10 / 2.0 * 3600 / store.get("limited_calls_per_order").asDouble();
        assertThat(store.get("ceiling_per_hour").asDouble()).isCloseTo(ceiling, org.assertj.core.data.Percentage.withPercentage(1));
        // the pacer keeps the connector inside its share: it cannot beat the whole quota, nor be refused for long
        assertThat(store.get("ratio").asDouble()).isPositive().isLessThanOrEqualTo(1.0);
        assertThat(store.get("too_many_requests").asInt()).isLessThan(10);
        assertThat(store.get("imported").asInt()).isEqualTo(40);

        // stock: 300 of 1,000 SKUs changed in 2 warehouses, pushed at the floor of one call per location touched
        JsonNode stock = report.get("stock");
        assertThat(stock.get("mismatched_skus").asInt()).isZero();
        assertThat(stock.get("expected_bc_inventory_calls").asInt()).isEqualTo(2);
        assertThat(stock.get("bc_inventory_calls").asInt()).isEqualTo(2);

        // per order, 30 orders: every AWS request counted where the runtime's clients made it, and priced
        JsonNode perOrder = report.get("per_order");
        assertThat(perOrder.get("orders").asInt()).isEqualTo(30);
        JsonNode aws = perOrder.get("aws_requests_per_order");
        // the receiver sends one message per delivery; the worker reads and deletes them in batches
        assertThat(aws.get("Sqs.SendMessage").asDouble()).isEqualTo(perOrder.get("receiver_invocations_per_order").asDouble());
        assertThat(aws.get("Sqs.DeleteMessageBatch").asDouble()).isPositive().isLessThanOrEqualTo(
                aws.get("Sqs.SendMessage").asDouble());
        // each order is claimed and linked in the state table
        assertThat(perOrder.get("dynamo_write_units_per_order").asDouble()).isGreaterThanOrEqualTo(1);
        assertThat(perOrder.get("worker_cpu_ms_per_order").asDouble()).isPositive();
        assertThat(perOrder.get("worker_allocated_kb_per_order").asLong()).isPositive();
        JsonNode cost = perOrder.get("usd_per_1000_orders");
        assertThat(cost.get("total").asDouble()).isPositive().isCloseTo(cost.get("lambda_compute").asDouble()
                + cost.get("lambda_requests").asDouble() + cost.get("http_api").asDouble() + cost.get("sqs").asDouble()
                + cost.get("dynamodb").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        // the HTTP API is billed per delivery: 1.00 USD per million
        assertThat(cost.get("http_api").asDouble()).isCloseTo(perOrder.get("receiver_invocations_per_order").asDouble() / 1000,
                org.assertj.core.data.Percentage.withPercentage(1));
    }
}
