package com.bcerp.aws;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The connector's two tables. On AWS the CDK stack (infra/) creates them with these same names for keys and index;
 * the local runtime and tests create them from here.
 *
 * <ul>
 *   <li>state: {@code pk} (string). Idempotency claims ({@code order#...}, {@code customer#email#...}; a completed
 *       claim keeps its result, e.g. the back-office id), the scheduled jobs' cursors ({@code cursor#...}), the
 *       shared request budgets ({@code budget#...}, see {@link DynamoRequestBudget}), run locks
 *       ({@code stock-sync#...}) and the stock snapshot ({@code stock-snapshot#{store}#{sku}}, see
 *       {@link DynamoStockSnapshot}), and the records of handled webhook deliveries ({@code delivery#webhook:...}, which
 *       expire through the {@code ttl} attribute: the only items here that carry it). A sparse index, {@value #PARKED_INDEX}, holds only parked records ({@code parked_index} =
 *       {@code PARKED}, sorted by {@code parked_at}), so listing them never scans the table.</li>
 *   <li>audit: {@code pk} (the record key) + {@code sk} (attempt time and id), so one query returns a record's
 *       history in order. Expires through the {@code ttl} attribute.</li>
 * </ul>
 */
public final class Tables {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String TTL = "ttl";
    public static final String PARKED_INDEX = "parked";
    public static final String PARKED_INDEX_PK = "parked_index";
    public static final String PARKED_INDEX_SK = "parked_at";
    /** Attributes the parked index carries besides its keys: enough to list parked records with their reasons. */
    public static final List<String> PARKED_INDEX_ATTRIBUTES = List.of("reason");

    private Tables() {}

    public static void createIfMissing(DynamoDbClient dynamo, String stateTable, String auditTable) {
        create(dynamo, CreateTableRequest.builder().tableName(stateTable).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr(PK), attr(PARKED_INDEX_PK), attr(PARKED_INDEX_SK))
                .keySchema(key(PK, KeyType.HASH))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(PARKED_INDEX)
                        .keySchema(key(PARKED_INDEX_PK, KeyType.HASH), key(PARKED_INDEX_SK, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.INCLUDE)
                                .nonKeyAttributes(PARKED_INDEX_ATTRIBUTES).build())
                        .build())
                .build());
        create(dynamo, CreateTableRequest.builder().tableName(auditTable).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr(PK), attr(SK))
                .keySchema(List.of(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))).build());
    }

    private static void create(DynamoDbClient dynamo, CreateTableRequest request) {
        try {
            dynamo.createTable(request);
        } catch (ResourceInUseException alreadyThere) {
            // idempotent: the table exists
        }
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
