package com.bcerp.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code connector demo --log-format json} as a user runs it: the functions' lines on standard error, one JSON object
 * each as CloudWatch has them, and one order's lines found by its ids from the webhook to the back-office document.
 */
class LogFormatIT {

    @Test
    void the_functions_log_json_and_one_orders_lines_carry_the_same_ids_from_webhook_to_document() throws Exception {
        Path stderr = Files.createTempFile("demo-json-logs", ".txt");
        String classpath = Path.of("target", "classes") + File.pathSeparator + Path.of("target", "lib") + File.separator + "*";
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", classpath, ConnectorCli.class.getName(), "demo", "--orders", "3", "--json",
                "--log-format", "json"));
        Process demo = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        String stdout = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(demo.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(demo.exitValue()).as(stdout).isZero();
        // standard output keeps the report
        assertThat(new ObjectMapper().readTree(stdout).get("orders_created").asInt()).isEqualTo(3);

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(stderr)) {
            if (!line.startsWith("demo: ")) {
                assertThat(line).as("a log line").startsWith("{");
                lines.add(json.readTree(line));
            }
        }
        List<JsonNode> receiver = lines.stream().filter(l -> "webhook-receiver".equals(l.path("function_name").asText())).toList();
        List<JsonNode> worker = lines.stream().filter(l -> "order-worker".equals(l.path("function_name").asText())).toList();
        assertThat(receiver).isNotEmpty();
        assertThat(worker).isNotEmpty();
        assertThat(receiver).allSatisfy(l -> assertThat(l.path("delivery_id").asText()).isNotEmpty());
        assertThat(worker).allSatisfy(l -> assertThat(l.path("message_id").asText()).isNotEmpty());

        // one order: every line of it names its event; the worker handled the events the receiver queued
        String order = worker.stream().filter(l -> l.path("message").asText().contains("CREATED"))
                .findFirst().orElseThrow().path("order_id").asText();
        Set<String> queued = eventIds(receiver, order);
        Set<String> handled = eventIds(worker, order);
        assertThat(handled).isNotEmpty();
        assertThat(queued).containsAll(handled);
        assertThat(worker).filteredOn(l -> order.equals(l.path("order_id").asText()))
                .allSatisfy(l -> assertThat(l.path("event_id").asText()).isNotEmpty())
                .anySatisfy(l -> assertThat(l.path("document").asText()).isNotEmpty());
    }

    private static Set<String> eventIds(List<JsonNode> lines, String order) {
        Set<String> ids = new TreeSet<>();
        lines.stream().filter(l -> order.equals(l.path("order_id").asText())).forEach(l -> ids.add(l.path("event_id").asText()));
        return ids;
    }
}
