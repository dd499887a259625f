package com.bcerp.aws;

import static com.bcerp.aws.Tables.PK;

import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.port.RequestBudget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * {@link RequestBudget} on DynamoDB: one item per bucket in the state table ({@code budget#{bucket}}) holding the
 * bucket's theoretical arrival time in epoch milliseconds. A permit is one conditional update: while requests keep
 * coming, {@code ADD} one interval if that stays within the burst; an idle bucket restarts from now. A refused
 * condition returns the item, which says how long to wait, so a refusal costs no second call.
 */
public final class DynamoRequestBudget implements RequestBudget {

    private static final String TAT = "tat_ms";
    private static final int RACES = 5;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoRequestBudget(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Duration take(String bucket, Duration interval, Duration burst) {
        long i = interval.toMillis();
        long b = burst.toMillis();
        if (i < 1 || b < i) {
            throw new IllegalArgumentException("a budget needs an interval of at least 1 ms and a burst of at least one"
                    + " interval (interval " + i + " ms, burst " + b + " ms)");
        }
        for (int race = 0; race < RACES; race++) {
            long now = clock.millis();
            Map<String, AttributeValue> current;
            try {
                update(bucket, "ADD " + TAT + " :i", TAT + " BETWEEN :now AND :max",
                        Map.of(":i", n(i), ":now", n(now), ":max", n(now + b - i)));
                return Duration.ZERO;
            } catch (ConditionalCheckFailedException refused) {
                current = refused.item();
            }
            if (current != null && current.containsKey(TAT) && Long.parseLong(current.get(TAT).n()) >= now) {
                return Duration.ofMillis(Long.parseLong(current.get(TAT).n()) + i - now - b);
            }
            try {
                update(bucket, "SET " + TAT + " = :next", "attribute_not_exists(" + TAT + ") OR " + TAT + " < :now",
                        Map.of(":next", n(now + i), ":now", n(now)));
                return Duration.ZERO;
            } catch (ConditionalCheckFailedException raced) {
                // another process took the idle bucket first: read it again
            }
        }
        return interval;
    }

    @Override
    public void holdUntil(String bucket, Instant until, Duration interval, Duration burst) {
        long held = until.toEpochMilli() + burst.toMillis() - interval.toMillis();
        try {
            update(bucket, "SET " + TAT + " = :held", "attribute_not_exists(" + TAT + ") OR " + TAT + " < :held",
                    Map.of(":held", n(held)));
        } catch (ConditionalCheckFailedException longer) {
            // a later hold is in place already
        }
    }

    private void update(String bucket, String expression, String condition, Map<String, AttributeValue> values) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(Map.of(PK, AttributeValue.fromS("budget#" + bucket)))
                    .updateExpression(expression).conditionExpression(condition).expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (SdkException e) {
            throw new TransientFailure("could not take a permit from request budget " + bucket + ": " + e.getMessage(), e);
        }
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
