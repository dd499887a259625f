package com.bcerp.aws;

import static com.bcerp.aws.Tables.PK;

import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.port.Cursors;
import com.bcerp.core.sync.FeedCursor;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Cursors in the state table, one item per flow ({@code cursor#{name}}), read strongly consistent. */
public final class DynamoCursors implements Cursors {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoCursors(DynamoDbClient dynamo, String stateTable, Clock clock) {
        this.dynamo = dynamo;
        this.table = stateTable;
        this.clock = clock;
    }

    @Override
    public Optional<FeedCursor> read(String name) {
        Map<String, AttributeValue> item;
        try {
            item = dynamo.getItem(b -> b.tableName(table).key(key(name)).consistentRead(true)).item();
        } catch (SdkException e) {
            throw new TransientFailure("could not read cursor " + name + ": " + e.getMessage(), e);
        }
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FeedCursor(Instant.parse(item.get("position").s()), Instant.parse(item.get("last_full_run").s()),
                Long.parseLong(item.get("last_full_items").n())));
    }

    @Override
    public void write(String name, FeedCursor cursor) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(Map.of(
                    PK, AttributeValue.fromS("cursor#" + name),
                    "position", AttributeValue.fromS(cursor.position().toString()),
                    "last_full_run", AttributeValue.fromS(cursor.lastFullRun().toString()),
                    "last_full_items", AttributeValue.fromN(Long.toString(cursor.lastFullItems())),
                    // read by ops status alongside the order jobs' cursors
                    "note", AttributeValue.fromS("last full pass " + cursor.lastFullRun() + " read "
                            + cursor.lastFullItems() + " item(s)"),
                    "updated_at", AttributeValue.fromS(clock.instant().toString()))));
        } catch (SdkException e) {
            throw new TransientFailure("could not write cursor " + name + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, AttributeValue> key(String name) {
        return Map.of(PK, AttributeValue.fromS("cursor#" + name));
    }
}
