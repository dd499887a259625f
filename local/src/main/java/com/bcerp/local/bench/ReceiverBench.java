package com.bcerp.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.bcerp.aws.AwsClients;
import com.bcerp.aws.Environment;
import com.bcerp.bigcommerce.webhook.WebhookAuthenticator;
import com.bcerp.core.port.SecretSource;
import com.bcerp.handlers.receiver.ReceiverComposition;
import com.bcerp.handlers.receiver.WebhookReceiverHandler;
import com.bcerp.local.runtime.LocalAws;
import com.bcerp.local.runtime.LocalRuntime;
import com.bcerp.sandbox.bigcommerce.WebhookSignature;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The webhook receiver measured against its floors: its cold start (a fresh JVM on the Lambda package's own classpath,
 * from process start to the first 200) beside a fresh JVM on the same classpath answering with an empty handler; its
 * warm latency in process (verify and enqueue against the local queue) beside a bare SendMessage with the same client;
 * and verification alone beside the bare HMAC it must compute.
 */
public final class ReceiverBench {

    static final String STORE = "benchstore";
    private static final String SECRET_NAME = ReceiverComposition.DEFAULT_BIGCOMMERCE_SECRET;
    private static final String CLIENT_SECRET = "bench-client-secret";
    private static final String CONNECTOR_SECRET = "bench-connector-secret";
    /**
     * C1 only and the serial collector: what a short-lived, small function runs best with, and both runs of a
     * comparison get the same flags, so the ratio is the handler's own cost.
     */
    static final List<String> CHILD_JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** Latency percentiles in microseconds. */
    public record Percentiles(int samples, double p50, double p99, double p999) {
        static Percentiles of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Percentiles(sorted.length, at(sorted, 0.50), at(sorted, 0.99), at(sorted, 0.999));
        }

        private static double at(long[] sorted, double q) {
            int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1000.0;
        }
    }

    /** Warm latency: the handler and verification, each beside its floor. */
    public record Warm(@JsonProperty("handler_us") Percentiles handler,
            @JsonProperty("send_message_floor_us") Percentiles sendMessage, @JsonProperty("verify_us") Percentiles verify,
            @JsonProperty("hmac_floor_us") Percentiles hmac) {

        @JsonProperty
        public double handlerP99Ratio() {
            return handler.p99() / sendMessage.p99();
        }

        @JsonProperty
        public double verifyP50Ratio() {
            return verify.p50() / hmac.p50();
        }
    }

    /** Cold start in milliseconds (median of the runs), without and with an AppCDS archive. */
    public record Cold(int runs, double receiverMs, double floorMs, double receiverCdsMs, double floorCdsMs,
            List<String> jvmFlags) {
        @JsonProperty
        public double ratio() {
            return receiverMs / floorMs;
        }

        @JsonProperty
        public double ratioCds() {
            return receiverCdsMs / floorCdsMs;
        }
    }

    private ReceiverBench() {}

    /** {@code deliveries} measured of each, after as many again to warm up. */
    public static Warm warm(int deliveries) {
        try (LocalAws aws = quietAws()) {
            Map<String, String> env = new LinkedHashMap<>(aws.endpointEnvironment());
            env.put("STORE_HASH", STORE);
            env.put("EVENTS_QUEUE_URL", aws.eventsQueueUrl());
            AwsClients clients = AwsClients.local(env);
            WebhookReceiverHandler handler = new WebhookReceiverHandler(ReceiverComposition.create(
                    new Environment(env), fixedSecret(), clients, Clock.systemUTC()));
            WebhookAuthenticator authenticator = new WebhookAuthenticator(new WebhookAuthenticator.Config(
                    CLIENT_SECRET, CONNECTOR_SECRET, true, Duration.ofMinutes(5)), Clock.systemUTC());

            List<Delivery> batch = deliveries(2 * deliveries, 0);
            long[] handlerNanos = timed(batch, deliveries, d -> {
                int status = handler.handleRequest(d.event(), null).getStatusCode();
                if (status != 200) {
                    throw new IllegalStateException("the receiver answered " + status + " to a signed delivery");
                }
            });
            try (SqsClient sqs = clients.sqs()) {
                List<Delivery> bare = deliveries(2 * deliveries, 2 * deliveries);
                long[] sendNanos = timed(bare, deliveries, d -> sqs.sendMessage(b -> b.queueUrl(aws.eventsQueueUrl())
                        .messageBody(d.body()).messageGroupId(STORE + ":order:" + d.orderId())
                        .messageDeduplicationId(d.id())));
                // verification is microseconds: many more samples, over the same deliveries again
                List<Delivery> many = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    many.addAll(batch);
                }
                long[] verifyNanos = timed(many, many.size() / 2, d -> {
                    if (!authenticator.verify(d.headers(), d.raw()).accepted()) {
                        throw new IllegalStateException("a signed delivery did not verify");
                    }
                });
                long[] hmacNanos = timed(many, many.size() / 2, d -> WebhookSignature.sign(CLIENT_SECRET, d.id(),
                        d.timestamp(), d.raw()));
                return new Warm(Percentiles.of(handlerNanos), Percentiles.of(sendNanos), Percentiles.of(verifyNanos),
                        Percentiles.of(hmacNanos));
            }
        }
    }

    /**
     * {@code runs} fresh JVMs of each kind on the package's classpath, alternating receiver and floor, then the same
     * with an AppCDS archive each wrote in a training run: the local stand-in for SnapStart's restored snapshot.
     */
    public static Cold cold(Path receiverZip, int runs) throws IOException, InterruptedException {
        if (!Files.isRegularFile(receiverZip)) {
            throw new IllegalStateException("no receiver package at " + receiverZip
                    + " (build it with ./mvnw -B -q install -DskipTests)");
        }
        Path work = Files.createTempDirectory("bcerp-bench-cold");
        List<String> classpath = unpack(receiverZip, work);
        HttpServer secrets = secretsManager();
        try (LocalAws aws = quietAws()) {
            Map<String, String> env = new TreeMap<>(aws.endpointEnvironment());
            env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:" + secrets.getAddress().getPort());
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_ACCESS_KEY_ID", "local");
            env.put("AWS_SECRET_ACCESS_KEY", "local");
            env.put("STORE_HASH", STORE);
            env.put("EVENTS_QUEUE_URL", aws.eventsQueueUrl());
            env.put("BIGCOMMERCE_SECRET", SECRET_NAME);
            Child child = new Child(String.join(java.io.File.pathSeparator, classpath), env, work);
            String receiver = WebhookReceiverHandler.class.getName();
            String floor = ColdStartProbe.Empty.class.getName();
            double[] plain = child.medians(receiver, floor, runs, List.of());
            Path receiverArchive = work.resolve("receiver.jsa");
            Path floorArchive = work.resolve("floor.jsa");
            child.run(receiver, List.of("-XX:ArchiveClassesAtExit=" + receiverArchive));
            child.run(floor, List.of("-XX:ArchiveClassesAtExit=" + floorArchive));
            double[] cds = child.mediansWithArchives(receiver, receiverArchive, floor, floorArchive, runs);
            return new Cold(runs, plain[0], plain[1], cds[0], cds[1], CHILD_JVM_FLAGS);
        } finally {
            secrets.stop(0);
        }
    }

    /** Child JVMs on the package's classpath, each handed one freshly signed delivery. */
    private record Child(String classpath, Map<String, String> env, Path work) {

        double[] medians(String receiver, String floor, int runs, List<String> flags) throws IOException, InterruptedException {
            double[] r = new double[runs];
            double[] f = new double[runs];
            for (int i = 0; i < runs; i++) {
                r[i] = run(receiver, flags);
                f[i] = run(floor, flags);
            }
            return new double[] {median(r), median(f)};
        }

        double[] mediansWithArchives(String receiver, Path receiverArchive, String floor, Path floorArchive, int runs)
                throws IOException, InterruptedException {
            double[] r = new double[runs];
            double[] f = new double[runs];
            for (int i = 0; i < runs; i++) {
                r[i] = run(receiver, List.of("-XX:SharedArchiveFile=" + receiverArchive));
                f[i] = run(floor, List.of("-XX:SharedArchiveFile=" + floorArchive));
            }
            return new double[] {median(r), median(f)};
        }

        /** Milliseconds from the process's start to its answer's status line. */
        double run(String handlerClass, List<String> flags) throws IOException, InterruptedException {
            Delivery d = deliveries(1, (int) (System.nanoTime() & 0xffffff)).get(0);
            List<String> command = new ArrayList<>(List.of(javaBinary()));
            command.addAll(CHILD_JVM_FLAGS);
            command.addAll(flags);
            command.addAll(List.of("-cp", classpath, ColdStartProbe.class.getName(), handlerClass, d.body()));
            d.headers().forEach((name, value) -> command.add(name + "=" + value));
            Path stderr = work.resolve("child.err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
            builder.environment().keySet().removeIf(k -> !k.equals("PATH") && !k.equals("HOME"));
            builder.environment().putAll(env);
            long start = System.nanoTime();
            Process process = builder.start();
            String status = null;
            long answered = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (status == null && line.startsWith("status=")) {
                        answered = System.nanoTime();
                        status = line.substring("status=".length());
                    }
                }
            }
            int exit = process.waitFor();
            if (!"200".equals(status) || exit != 0) {
                throw new IllegalStateException("the cold-start child (" + handlerClass + ") answered " + status
                        + " and exited " + exit + ": " + Files.readString(stderr).strip());
            }
            return (answered - start) / 1e6;
        }
    }

    private static LocalAws quietAws() {
        return LocalRuntime.withStartupOutputHeld(() -> LocalAws.start(LocalAws.QueueSettings.defaults()));
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * The package as Lambda lays it out (its root's classes, then {@code lib/*.jar}), with the root's classes in a jar
     * of their own (AppCDS archives classes from jars only), and the probe in another.
     */
    private static List<String> unpack(Path zip, Path work) throws IOException {
        List<String> classpath = new ArrayList<>();
        Path function = work.resolve("function.jar");
        Path lib = Files.createDirectories(work.resolve("lib"));
        List<String> libs = new ArrayList<>();
        try (ZipFile package_ = new ZipFile(zip.toFile());
                JarOutputStream root = new JarOutputStream(Files.newOutputStream(function))) {
            for (ZipEntry entry : package_.stream().toList()) {
                if (entry.isDirectory()) {
                    continue;
                }
                try (InputStream in = package_.getInputStream(entry)) {
                    if (entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar")) {
                        Path jar = lib.resolve(entry.getName().substring("lib/".length()));
                        Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
                        libs.add(jar.toString());
                    } else {
                        root.putNextEntry(new JarEntry(entry.getName()));
                        in.transferTo(root);
                        root.closeEntry();
                    }
                }
            }
        }
        Path probe = work.resolve("probe.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(probe))) {
            for (Class<?> c : List.of(ColdStartProbe.class, ColdStartProbe.Empty.class)) {
                String name = c.getName().replace('.', '/') + ".class";
                try (InputStream in = ReceiverBench.class.getClassLoader().getResourceAsStream(name)) {
                    jar.putNextEntry(new JarEntry(name));
                    in.transferTo(jar);
                    jar.closeEntry();
                }
            }
        }
        classpath.add(function.toString());
        classpath.add(probe.toString());
        libs.stream().sorted().forEach(classpath::add);
        return classpath;
    }

    /**
     * The one Secrets Manager call the receiver makes at init ({@code GetSecretValue} of the store's secret), answered
     * as the service does, so the cold start includes it as on Lambda.
     */
    private static HttpServer secretsManager() throws IOException {
        String secret = new ObjectMapper().writeValueAsString(Map.of("client_secret", CLIENT_SECRET,
                "webhook_secret", CONNECTOR_SECRET, "access_token", "unused-by-the-receiver"));
        byte[] answer = new ObjectMapper().writeValueAsBytes(Map.of("ARN", "arn:aws:secretsmanager:us-east-1:"
                + "000000000000:secret:" + SECRET_NAME, "Name", SECRET_NAME, "SecretString", secret,
                "VersionId", UUID.randomUUID().toString(), "CreatedDate", Instant.now().getEpochSecond()));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        return server;
    }

    private static SecretSource fixedSecret() {
        Map<String, String> secret = Map.of("client_secret", CLIENT_SECRET, "webhook_secret", CONNECTOR_SECRET);
        return new SecretSource() {
            @Override
            public Map<String, String> get(String name) {
                return secret;
            }

            @Override
            public void put(String name, Map<String, String> value) {
                throw new UnsupportedOperationException("the bench's secret is fixed");
            }
        };
    }

    /** A signed order delivery, as BigCommerce sends it, and the HTTP API event it arrives in. */
    record Delivery(String id, long timestamp, int orderId, String body, Map<String, String> headers,
            APIGatewayV2HTTPEvent event) {
        byte[] raw() {
            return body.getBytes(StandardCharsets.UTF_8);
        }
    }

    static List<Delivery> deliveries(int n, int firstOrderId) {
        long now = Instant.now().getEpochSecond();
        List<Delivery> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int orderId = firstOrderId + i + 1;
            String id = "msg_" + UUID.randomUUID();
            String body = "{\"scope\":\"store/order/created\",\"store_id\":\"1\",\"producer\":\"stores/" + STORE
                    + "\",\"hash\":\"" + id + "\",\"created_at\":" + now + ",\"data\":{\"type\":\"order\",\"id\":"
                    + orderId + "}}";
            Map<String, String> headers = new TreeMap<>(Map.of("content-type", "application/json",
                    WebhookAuthenticator.SECRET_HEADER.toLowerCase(), CONNECTOR_SECRET, "webhook-id", id,
                    "webhook-timestamp", Long.toString(now), "webhook-signature",
                    WebhookSignature.sign(CLIENT_SECRET, id, now, body.getBytes(StandardCharsets.UTF_8))));
            out.add(new Delivery(id, now, orderId, body, headers, APIGatewayV2HTTPEvent.builder()
                    .withRawPath("/webhooks/bigcommerce").withIsBase64Encoded(false).withHeaders(headers)
                    .withBody(body).build()));
        }
        return out;
    }

    /** Runs every delivery in order and keeps the nanoseconds of the last {@code measured}: the rest warm up. */
    private static long[] timed(List<Delivery> all, int measured, java.util.function.Consumer<Delivery> call) {
        long[] nanos = new long[measured];
        int warmup = all.size() - measured;
        for (int i = 0; i < all.size(); i++) {
            long t = System.nanoTime();
            call.accept(all.get(i));
            if (i >= warmup) {
                nanos[i - warmup] = System.nanoTime() - t;
            }
        }
        return nanos;
    }
}
