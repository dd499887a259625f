package com.bcerp.aws;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;

/**
 * DynamoDB Local in memory, with the connector's tables ({@code state}, {@code audit}), for one test class:
 * {@code @RegisterExtension static final EmbeddedDynamo DYNAMO = new EmbeddedDynamo();}.
 */
final class EmbeddedDynamo implements BeforeAllCallback, AfterAllCallback {

    private DynamoDbClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        client = DynamoDBEmbedded.create(true).dynamoDbClient();
        Tables.createIfMissing(client, "state", "audit");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
    }

    DynamoDbClient client() {
        return client;
    }
}
