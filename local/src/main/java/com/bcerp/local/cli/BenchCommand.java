package com.bcerp.local.cli;

import com.bcerp.local.bench.ReceiverBench;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./connector bench}: the connector's figures, each beside the floor or ceiling it could reach, measured in the
 * same run on this machine. A runner, not a test: it fails only when a measurement could not be taken.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the connector against its floors on this machine: the webhook receiver's cold start "
                + "beside an empty handler's, its warm latency beside a bare SendMessage, and verification beside the "
                + "bare HMAC. Prints each figure, its floor, the ratio and the goal.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON object instead of the readable report.")
    boolean json;

    @Option(names = "--quick", description = "Few samples (a smoke run: the figures are rough).")
    boolean quick;

    @Option(names = "--receiver-zip", description = "The receiver's Lambda package (default: the build's, "
            + "functions/handlers/receiver/target/receiver-lambda.zip).")
    Path receiverZip;

    /** Goals the issue sets: cold start at most 1.5x its floor; p99 of the warm handler at most 5 ms. */
    static final double COLD_START_GOAL_RATIO = 1.5;
    static final double WARM_P99_GOAL_MS = 5.0;

    @Override
    public Integer call() throws Exception {
        PrintStream terminal = System.out;
        Logging.configure(false);
        int deliveries = quick ? 300 : 3000;
        int runs = quick ? 1 : 5;
        progress("receiver warm latency: " + deliveries + " signed deliveries in process against the local queue...");
        ReceiverBench.Warm warm = ReceiverBench.warm(deliveries);
        progress("receiver cold start: " + runs + " fresh JVM(s) of each kind, then with AppCDS archives...");
        ReceiverBench.Cold cold = ReceiverBench.cold(zip(), runs);
        Map<String, Object> report = report(warm, cold);
        if (json) {
            terminal.println(new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            terminal.print(text(warm, cold));
        }
        return 0;
    }

    private void progress(String message) {
        if (!json) {
            System.err.println("bench: " + message);
        }
    }

    private Path zip() {
        if (receiverZip != null) {
            return receiverZip;
        }
        String home = System.getProperty("connector.home", ".");
        return Path.of(home, "functions", "handlers", "receiver", "target", "receiver-lambda.zip");
    }

    private Map<String, Object> report(ReceiverBench.Warm warm, ReceiverBench.Cold cold) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("command", "./connector bench" + (quick ? " --quick" : "") + (json ? " --json" : ""));
        out.put("machine", machine());
        Map<String, Object> coldOut = new LinkedHashMap<>();
        coldOut.put("runs", cold.runs());
        coldOut.put("jvm_flags", cold.jvmFlags());
        coldOut.put("receiver_ms", round(cold.receiverMs()));
        coldOut.put("floor_ms", round(cold.floorMs()));
        coldOut.put("ratio", round(cold.ratio()));
        coldOut.put("receiver_appcds_ms", round(cold.receiverCdsMs()));
        coldOut.put("floor_appcds_ms", round(cold.floorCdsMs()));
        coldOut.put("ratio_appcds", round(cold.ratioCds()));
        coldOut.put("goal_ratio", COLD_START_GOAL_RATIO);
        out.put("receiver_cold_start", coldOut);
        Map<String, Object> warmOut = new LinkedHashMap<>();
        warmOut.put("handler_us", warm.handler());
        warmOut.put("send_message_floor_us", warm.sendMessage());
        warmOut.put("handler_p99_ratio", round(warm.handler().p99() / warm.sendMessage().p99()));
        warmOut.put("handler_p99_goal_ms", WARM_P99_GOAL_MS);
        warmOut.put("verify_us", warm.verify());
        warmOut.put("hmac_floor_us", warm.hmac());
        warmOut.put("verify_p50_ratio", round(warm.verify().p50() / warm.hmac().p50()));
        out.put("receiver_warm_latency", warmOut);
        return out;
    }

    private String text(ReceiverBench.Warm warm, ReceiverBench.Cold cold) {
        StringBuilder s = new StringBuilder();
        s.append("Command: ./connector bench").append(quick ? " --quick" : "").append('\n');
        Map<String, Object> m = machine();
        s.append(String.format("Machine: %s, %s cores (%s), %s, max heap %s MB%n", m.get("os"), m.get("cores"), m.get("cpu"),
                m.get("java"), m.get("max_heap_mb")));
        s.append(String.format("%nReceiver cold start (fresh JVM on the Lambda package's classpath, process start to "
                + "its first 200 for a signed delivery; median of %d; flags %s)%n", cold.runs(),
                String.join(" ", cold.jvmFlags())));
        s.append(String.format("  %-28s %9s %9s %7s %7s%n", "", "receiver", "floor", "ratio", "goal"));
        s.append(String.format("  %-28s %7.0fms %7.0fms %6.2fx %6s%n", "plain JVM", cold.receiverMs(), cold.floorMs(),
                cold.ratio(), "<=" + COLD_START_GOAL_RATIO + "x"));
        s.append(String.format("  %-28s %7.0fms %7.0fms %6.2fx %6s%n", "with AppCDS (SnapStart-like)",
                cold.receiverCdsMs(), cold.floorCdsMs(), cold.ratioCds(), "<=" + COLD_START_GOAL_RATIO + "x"));
        s.append("  floor: the same JVM and classpath with an empty handler\n");
        s.append(String.format("%nReceiver warm latency (in process, %d samples each, after as many to warm up)%n",
                warm.handler().samples()));
        s.append(String.format("  %-34s %10s %10s %10s%n", "", "p50", "p99", "p99.9"));
        line(s, "verify and enqueue (the handler)", warm.handler());
        line(s, "  floor: bare SendMessage", warm.sendMessage());
        line(s, "verify alone", warm.verify());
        line(s, "  floor: bare HMAC-SHA256", warm.hmac());
        s.append(String.format("  handler p99 %.2f ms (goal <= %.0f ms), %.2fx its floor; verify p50 %.2fx the HMAC%n",
                warm.handler().p99() / 1000, WARM_P99_GOAL_MS, warm.handler().p99() / warm.sendMessage().p99(),
                warm.verify().p50() / warm.hmac().p50()));
        return s.toString();
    }

    private static void line(StringBuilder s, String name, ReceiverBench.Percentiles p) {
        s.append(String.format("  %-34s %8.1fus %8.1fus %8.1fus%n", name, p.p50(), p.p99(), p.p999()));
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        m.put("cpu", cpuModel());
        return m;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
