package com.bcerp.aws;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK clients the functions use. Everything is explicit (region, credentials, the one HTTP client) so
 * nothing runs the SDK's slow discovery chains at cold start. As in the SDK's own convention,
 * {@code AWS_ENDPOINT_URL_<SERVICE>} (e.g. {@code AWS_ENDPOINT_URL_DYNAMODB}) or {@code AWS_ENDPOINT_URL} points a
 * client at another endpoint: the local runtime's emulators, LocalStack.
 */
public final class AwsClients {

    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final Map<String, String> env;

    private AwsClients(Region region, AwsCredentialsProvider credentials, Map<String, String> env) {
        this.region = region;
        this.credentials = credentials;
        this.env = Map.copyOf(env);
    }

    /**
     * On Lambda: region and credentials from the runtime. With SnapStart, Lambda serves the role's credentials from a
     * local endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}) instead of access-key variables, so a restored
     * snapshot never runs on credentials frozen at init. Elsewhere the default chain.
     */
    public static AwsClients fromEnvironment(Map<String, String> env) {
        String region = env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
        AwsCredentialsProvider credentials = env.containsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI")
                ? ContainerCredentialsProvider.builder().build()
                : env.containsKey("AWS_ACCESS_KEY_ID")
                        ? EnvironmentVariableCredentialsProvider.create()
                        : DefaultCredentialsProvider.builder().build();
        return new AwsClients(Region.of(region), credentials, env);
    }

    /** Against local emulators, which accept any credentials; endpoints come from {@code env} as above. */
    public static AwsClients local(Map<String, String> env) {
        return new AwsClients(Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), env);
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder(), "DYNAMODB").build();
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder(), "SQS").build();
    }

    public SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder(), "SECRETS_MANAGER").build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, String service) {
        builder.region(region).credentialsProvider(credentials);
        String endpoint = env.getOrDefault("AWS_ENDPOINT_URL_" + service, env.get("AWS_ENDPOINT_URL"));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        if (builder instanceof SdkSyncClientBuilder<?, ?> sync) {
            // one HTTP client only: the others are excluded from the packages
            sync.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        return builder;
    }
}
