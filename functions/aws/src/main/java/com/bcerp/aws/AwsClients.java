package com.bcerp.aws;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK clients the functions use. Everything is explicit (region, credentials, the one HTTP client) so
 * nothing runs the SDK's slow discovery chains at cold start. {@code AWS_ENDPOINT_URL} points every client at
 * another endpoint (the local runtime, LocalStack).
 */
public final class AwsClients {

    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final URI endpoint;

    private AwsClients(Region region, AwsCredentialsProvider credentials, URI endpoint) {
        this.region = region;
        this.credentials = credentials;
        this.endpoint = endpoint;
    }

    /** On Lambda: region and credentials from the runtime's environment variables. */
    public static AwsClients fromEnvironment(Map<String, String> env) {
        String region = env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
        String endpoint = env.get("AWS_ENDPOINT_URL");
        AwsCredentialsProvider credentials = env.containsKey("AWS_ACCESS_KEY_ID")
                ? EnvironmentVariableCredentialsProvider.create()
                : software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider.builder().build();
        return new AwsClients(Region.of(region), credentials, endpoint == null ? null : URI.create(endpoint));
    }

    /** Against local emulators, which accept any credentials. */
    public static AwsClients local(URI endpoint) {
        return new AwsClients(Region.US_EAST_1, StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")),
                endpoint);
    }

    /** Same region and credentials, another endpoint (each local emulator listens on its own port). */
    public AwsClients at(URI otherEndpoint) {
        return new AwsClients(region, credentials, otherEndpoint);
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder()).build();
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder()).build();
    }

    public SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder()).build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.region(region).credentialsProvider(credentials);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        // one HTTP client only: the others are excluded from the packages
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        return builder;
    }
}
