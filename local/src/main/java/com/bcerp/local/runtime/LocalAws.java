package com.bcerp.local.runtime;

import com.bcerp.aws.AwsClients;
import com.bcerp.aws.DynamoSyncState;
import com.bcerp.aws.Tables;
import java.lang.reflect.Field;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local and ElasticMQ in this JVM, both on 127.0.0.1 only, with the connector's tables and queues created
 * as the CDK stack creates them on AWS. DynamoDB Local's telemetry is off.
 */
public final class LocalAws implements AutoCloseable {

    /** Queue settings that mirror the stack's: visibility timeout, and receives before dead-lettering. */
    public record QueueSettings(String eventsQueue, String deadLetterQueue, Duration visibilityTimeout, int maxReceiveCount) {
        public static QueueSettings defaults() {
            return new QueueSettings("store-events.fifo", "store-events-dlq.fifo", Duration.ofSeconds(10), 5);
        }
    }

    public static final String STATE_TABLE = "connector-state";
    public static final String AUDIT_TABLE = "connector-audit";

    private final DynamoDBProxyServer dynamoServer;
    private final SQSRestServer sqsServer;
    private final URI dynamoEndpoint;
    private final URI sqsEndpoint;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final String eventsQueueUrl;
    private final String deadLetterQueueUrl;

    private LocalAws(QueueSettings queues) throws Exception {
        dynamoServer = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-port", "65000", "-disableTelemetry"});
        ServerConnector connector = loopbackOnAnyPort(dynamoServer);
        dynamoServer.start();
        dynamoEndpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort());

        sqsServer = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        sqsEndpoint = URI.create("http://127.0.0.1:" + sqsServer.waitUntilStarted().localAddress().getPort());

        AwsClients clients = AwsClients.local(endpointEnvironment());
        dynamo = clients.dynamoDb();
        sqs = clients.sqs();
        Tables.createIfMissing(dynamo, STATE_TABLE, AUDIT_TABLE);
        // the state begins with its tables, as a deployment's does with its first function: orders placed from now on
        // are known to be newer than it, so their first attempt needs no back-office search
        new DynamoSyncState(dynamo, STATE_TABLE, AUDIT_TABLE, Clock.systemUTC(), Duration.ofDays(1)).keptSince();

        deadLetterQueueUrl = sqs.createQueue(b -> b.queueName(queues.deadLetterQueue())
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
        String dlqArn = queueArn(deadLetterQueueUrl);
        eventsQueueUrl = sqs.createQueue(b -> b.queueName(queues.eventsQueue()).attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(queues.visibilityTimeout().toSeconds()),
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn
                        + "\",\"maxReceiveCount\":\"" + queues.maxReceiveCount() + "\"}"))).queueUrl();
    }

    public static LocalAws start(QueueSettings queues) {
        try {
            return new LocalAws(queues);
        } catch (Exception e) {
            throw new IllegalStateException("could not start DynamoDB Local and ElasticMQ: " + e, e);
        }
    }

    /** DynamoDB Local's runner binds every interface on a fixed port; rebind its Jetty connector first. */
    private static ServerConnector loopbackOnAnyPort(DynamoDBProxyServer server) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(server);
        for (Connector c : jetty.getConnectors()) {
            if (c instanceof ServerConnector sc) {
                sc.setHost("127.0.0.1");
                sc.setPort(0);
                return sc;
            }
        }
        throw new IllegalStateException("DynamoDB Local has no server connector to bind");
    }

    /** The endpoint variables that point the functions' AWS clients at these emulators. */
    public Map<String, String> endpointEnvironment() {
        return Map.of("AWS_ENDPOINT_URL_DYNAMODB", dynamoEndpoint.toString(), "AWS_ENDPOINT_URL_SQS", sqsEndpoint.toString());
    }

    public String queueArn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** Messages in a queue, visible or in flight (approximate, as SQS reports it). */
    public int visibleAndInFlight(String queueUrl) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return a.values().stream().mapToInt(Integer::parseInt).sum();
    }

    public URI dynamoEndpoint() {
        return dynamoEndpoint;
    }

    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public String eventsQueueUrl() {
        return eventsQueueUrl;
    }

    public String deadLetterQueueUrl() {
        return deadLetterQueueUrl;
    }

    @Override
    public void close() {
        dynamo.close();
        sqs.close();
        sqsServer.stopAndWait();
        try {
            dynamoServer.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop DynamoDB Local", e);
        }
    }
}
