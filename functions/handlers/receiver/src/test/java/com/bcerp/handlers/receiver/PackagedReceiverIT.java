package com.bcerp.handlers.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The receiver's Lambda package on its own: unzipped, loaded by a class loader that sees nothing else (not the
 * build's classpath), it verifies a signed delivery and puts it on an SQS queue; a forged one and SnapStart's
 * priming put nothing there. Proves that the lean package (no DynamoDB, no joda-time, one HTTP client) has all it
 * needs.
 */
class PackagedReceiverIT {

    private static final String STORE = "abc123";
    private static final Map<String, String> SECRET = Map.of("client_secret", "app-client-secret",
            "webhook_secret", "connector-header-secret", "access_token", "unused-here");
    private static final Path ZIP = Path.of("target", "receiver-lambda.zip");

    private static SQSRestServer server;
    private static SqsClient sqs;
    private static String endpoint;

    @TempDir
    static Path unpacked;

    @BeforeAll
    static void startSqs() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        endpoint = "http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort();
        sqs = SqsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @AfterAll
    static void stopSqs() {
        sqs.close();
        server.stopAndWait();
    }

    @Test
    void the_package_holds_only_what_the_receiver_needs() throws IOException {
        List<String> libs = new ArrayList<>();
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            zip.stream().map(ZipEntry::getName).filter(n -> n.startsWith("lib/") && n.endsWith(".jar")).forEach(libs::add);
            assertThat(zip.getEntry("com/bcerp/handlers/receiver/WebhookReceiverHandler.class")).isNotNull();
        }
        assertThat(libs).anyMatch(j -> j.startsWith("lib/sqs-")).anyMatch(j -> j.startsWith("lib/url-connection-client-"))
                .anyMatch(j -> j.startsWith("lib/crac-"))
                // JSON logs: Powertools logging and its log4j2 backend (the provider SLF4J binds to)
                .anyMatch(j -> j.startsWith("lib/powertools-logging-log4j-")).anyMatch(j -> j.startsWith("lib/log4j-slf4j2-impl-"))
                .anyMatch(j -> j.startsWith("lib/log4j-layout-template-json-"))
                .noneMatch(j -> j.matches("lib/(dynamodb|apache-client|apache5-client|netty-nio-client|aws-crt-client"
                        + "|joda-time|DynamoDBLocal|elasticmq).*"));
    }

    @Test
    void a_signed_delivery_is_queued_and_a_forged_one_or_priming_queues_nothing() throws Exception {
        String queueUrl = sqs.createQueue(b -> b.queueName("store-events-packaged.fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader packaged = packageOnly()) {
            // as on Lambda, the function's loader is the thread's context loader (Powertools finds its log4j2
            // backend through it)
            Thread.currentThread().setContextClassLoader(packaged);
            Object probe = packaged.loadClass(PackagedReceiverProbe.class.getName())
                    .getConstructor(String.class, String.class, String.class, Map.class)
                    .newInstance(endpoint, queueUrl, STORE, SECRET);
            assertThat(probe.getClass().getClassLoader()).isSameAs(packaged);

            assertThat(probe.getClass().getMethod("prime").invoke(probe)).isEqualTo(401);
            String body = "{\"scope\":\"store/order/created\",\"store_id\":\"1\",\"producer\":\"stores/" + STORE
                    + "\",\"hash\":\"h1\",\"created_at\":" + Instant.now().getEpochSecond()
                    + ",\"data\":{\"type\":\"order\",\"id\":250}}";
            Map<String, String> forged = signed(body, "not-the-client-secret");
            Object forgedStatus = probe.getClass().getMethod("deliver", Map.class, String.class).invoke(probe, forged, body);
            assertThat(forgedStatus).isEqualTo(401);
            assertThat(receiveAll(queueUrl)).isEmpty();

            Object status = probe.getClass().getMethod("deliver", Map.class, String.class)
                    .invoke(probe, signed(body, SECRET.get("client_secret")), body);
            assertThat(status).isEqualTo(200);
            assertThat(receiveAll(queueUrl)).singleElement().satisfies(m -> {
                assertThat(m.body()).isEqualTo(body);
                assertThat(m.attributesAsStrings()).containsEntry("MessageGroupId", STORE + ":order:250");
            });
        } finally {
            Thread.currentThread().setContextClassLoader(caller);
        }
    }

    /** The zip's root and lib/*.jar, with only the JDK as parent, plus this test's probe class. */
    private static URLClassLoader packageOnly() throws IOException {
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = unpacked.resolve(entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        // the probe and its nested classes only: nothing else of the test classpath
        Path probeClasses = unpacked.resolve("probe");
        String packageDir = PackagedReceiverProbe.class.getPackageName().replace('.', '/');
        Files.createDirectories(probeClasses.resolve(packageDir));
        try (var compiled = Files.list(Path.of("target", "test-classes", packageDir))) {
            for (Path file : compiled.filter(f -> f.getFileName().toString()
                    .startsWith(PackagedReceiverProbe.class.getSimpleName())).toList()) {
                Files.copy(file, probeClasses.resolve(packageDir).resolve(file.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<URL> urls = new ArrayList<>(List.of(unpacked.toUri().toURL(), probeClasses.toUri().toURL()));
        try (var jars = Files.list(unpacked.resolve("lib"))) {
            for (Path jar : jars.toList()) {
                urls.add(jar.toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static Map<String, String> signed(String body, String clientSecret) throws GeneralSecurityException {
        String id = "msg_" + System.nanoTime();
        long timestamp = Instant.now().getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        return Map.of("webhook-id", id, "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", "v1," + signature, "x-connector-secret", SECRET.get("webhook_secret"),
                "content-type", "application/json");
    }

    private static List<Message> receiveAll(String queueUrl) {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                .messageSystemAttributeNamesWithStrings("All")).messages();
    }
}
