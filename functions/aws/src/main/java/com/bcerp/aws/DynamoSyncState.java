package com.bcerp.aws;

import static com.bcerp.aws.Tables.PK;
import static com.bcerp.aws.Tables.SK;
import static com.bcerp.aws.Tables.TTL;

import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.port.Cursors;
import com.bcerp.core.port.Links;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.Claim;
import com.bcerp.core.sync.Cursor;
import com.bcerp.core.sync.FeedCursor;
import com.bcerp.core.sync.Link;
import com.bcerp.core.sync.Outcome;
import com.bcerp.core.sync.ParkedRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * {@link SyncState} on DynamoDB. A claim is one conditional update, following Powertools' idempotency semantics:
 * it succeeds when the key is absent, parked, or held by a lease that has run out, and otherwise reports what holds
 * it, from the item the failed condition returns. Correctness never depends on TTL deletion timing.
 *
 * <p>It also keeps the cursors, one item each ({@code cursor#{name}}, read strongly consistent): the order jobs'
 * ({@link #saveCursor}) and the back-office feeds' ({@link Cursors}), so {@code ops status} reads them all one way.
 *
 * <p>And the link table ({@link Links}): one item per store order and back office ({@code links#{backoffice}#{ref}},
 * read strongly consistent), one attribute per document or payment ({@code link:{ref}} = {@code KIND|id}), so a
 * pending write and its completion are single-attribute updates that never overwrite a sibling's.
 */
public final class DynamoSyncState implements SyncState, Cursors, Links {

    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String COMPLETED = "COMPLETED";
    private static final String PARKED = "PARKED";
    private static final String CURSOR = "cursor#";
    private static final String LINK = "link:";
    /** The item that records when this table was first used; written once, never updated. */
    private static final String KEPT_SINCE = "state#kept_since";

    private final DynamoDbClient dynamo;
    private final String stateTable;
    private final String auditTable;
    private final Clock clock;
    private final Duration auditRetention;
    private volatile Instant keptSince;

    public DynamoSyncState(DynamoDbClient dynamo, String stateTable, String auditTable, Clock clock,
            Duration auditRetention) {
        this.dynamo = dynamo;
        this.stateTable = stateTable;
        this.auditTable = auditTable;
        this.clock = clock;
        this.auditRetention = auditRetention;
    }

    @Override
    public Claim claim(String key, Duration lease) {
        Instant now = clock.instant();
        try {
            Map<String, AttributeValue> old = dynamo.updateItem(b -> b.tableName(stateTable).key(key(key))
                    .updateExpression("SET #s = :inprogress, lease_until = :until, updated_at = :now "
                            + "ADD attempts :one REMOVE #r, parked_index, parked_at")
                    .conditionExpression("attribute_not_exists(pk) OR #s = :parked "
                            + "OR (#s = :inprogress AND lease_until < :nowms)")
                    .expressionAttributeNames(Map.of("#s", "status", "#r", "result"))
                    .expressionAttributeValues(Map.of(
                            ":inprogress", s(IN_PROGRESS), ":parked", s(PARKED),
                            ":until", n(now.plus(lease).toEpochMilli()), ":nowms", n(now.toEpochMilli()),
                            ":now", s(now.toString()), ":one", n(1)))
                    .returnValues(ReturnValue.ALL_OLD)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                    .attributes();
            return Claim.acquired(attempts(old));
        } catch (ConditionalCheckFailedException held) {
            Map<String, AttributeValue> item = held.item() == null ? Map.of() : held.item();
            String status = item.containsKey("status") ? item.get("status").s() : "";
            return COMPLETED.equals(status)
                    ? Claim.done(attempts(item), item.containsKey("result") ? item.get("result").s() : null)
                    : Claim.busy(attempts(item));
        } catch (SdkException e) {
            throw new TransientFailure("could not claim " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void complete(String key, String result) {
        update(key, "SET #s = :done, #r = :result, updated_at = :now REMOVE lease_until, reason",
                Map.of(":done", s(COMPLETED), ":result", s(result == null ? "" : result)));
    }

    @Override
    public void complete(String key, String result, Instant expiresAt) {
        update(key, "SET #s = :done, #r = :result, updated_at = :now, #ttl = :ttl REMOVE lease_until, reason",
                Map.of(":done", s(COMPLETED), ":result", s(result == null ? "" : result),
                        ":ttl", n(expiresAt.getEpochSecond())));
    }

    @Override
    public Optional<String> completed(String key) {
        try {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(stateTable).key(key(key)).consistentRead(true))
                    .item();
            return item != null && item.containsKey("status") && COMPLETED.equals(item.get("status").s())
                    ? Optional.ofNullable(text(item, "result")) : Optional.empty();
        } catch (SdkException e) {
            throw new TransientFailure("could not read " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void park(String key, String reason) {
        update(key, "SET #s = :parked, reason = :reason, updated_at = :now, parked_index = :parked, parked_at = :now "
                + "REMOVE lease_until", Map.of(":parked", s(PARKED), ":reason", s(reason)));
    }

    @Override
    public void release(String key) {
        // only a lease we hold is given up; a completed key stays completed
        try {
            dynamo.updateItem(b -> b.tableName(stateTable).key(key(key))
                    .updateExpression("SET lease_until = :zero")
                    .conditionExpression("#s = :inprogress")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":zero", n(0), ":inprogress", s(IN_PROGRESS))));
        } catch (ConditionalCheckFailedException notHeld) {
            // nothing to release
        } catch (SdkException e) {
            throw new TransientFailure("could not release " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void audit(AuditRecord r) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(r.recordKey()));
        item.put(SK, s(r.startedAt() + "#" + r.attemptId()));
        item.put("attempt_id", s(r.attemptId()));
        item.put("started_at", s(r.startedAt().toString()));
        item.put("duration_ms", n(r.durationMs()));
        item.put("outcome", s(r.outcome().name()));
        putIfPresent(item, "trigger", r.trigger());
        putIfPresent(item, "document", r.document());
        putIfPresent(item, "error", r.error());
        item.put(TTL, n(r.startedAt().plus(auditRetention).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(auditTable).item(item));
        } catch (SdkException e) {
            throw new TransientFailure("could not write the audit record for " + r.recordKey() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<AuditRecord> history(String recordKey) {
        List<AuditRecord> records = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(auditTable).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(recordKey))).exclusiveStartKey(from)
                    .consistentRead(true));
            page.items().forEach(i -> records.add(toAudit(i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return records;
    }

    @Override
    public List<ParkedRecord> parked() {
        List<ParkedRecord> records = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(stateTable).indexName(Tables.PARKED_INDEX)
                    .keyConditionExpression("parked_index = :parked")
                    .expressionAttributeValues(Map.of(":parked", s(PARKED))).exclusiveStartKey(from));
            page.items().forEach(i -> records.add(new ParkedRecord(i.get(PK).s(), text(i, "reason"),
                    Instant.parse(i.get("parked_at").s()))));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return records;
    }

    @Override
    public Optional<Cursor> cursor(String name) {
        Map<String, AttributeValue> item = cursorItem(name);
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Cursor(name, text(item, "position"), text(item, "note"),
                Instant.parse(item.get("updated_at").s())));
    }

    @Override
    public void saveCursor(String name, String position, String note) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(CURSOR + name));
        item.put("position", s(position));
        putIfPresent(item, "note", note);
        item.put("updated_at", s(clock.instant().toString()));
        try {
            dynamo.putItem(b -> b.tableName(stateTable).item(item));
        } catch (SdkException e) {
            throw new TransientFailure("could not save cursor " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<FeedCursor> read(String name) {
        Map<String, AttributeValue> item = cursorItem(name);
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FeedCursor(Instant.parse(item.get("position").s()), Instant.parse(item.get("last_full_run").s()),
                Long.parseLong(item.get("last_full_items").n())));
    }

    /** A feed's cursor, with the note and time {@link #cursor} shows ops. */
    @Override
    public void write(String name, FeedCursor cursor) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(CURSOR + name));
        item.put("position", s(cursor.position().toString()));
        item.put("last_full_run", s(cursor.lastFullRun().toString()));
        item.put("last_full_items", AttributeValue.fromN(Long.toString(cursor.lastFullItems())));
        item.put("note", s("last full pass " + cursor.lastFullRun() + " read " + cursor.lastFullItems() + " item(s)"));
        item.put("updated_at", s(clock.instant().toString()));
        try {
            dynamo.putItem(b -> b.tableName(stateTable).item(item));
        } catch (SdkException e) {
            throw new TransientFailure("could not write cursor " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Instant keptSince() {
        Instant known = keptSince;
        if (known != null) {
            return known;
        }
        try {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(stateTable).key(key(KEPT_SINCE))
                    .consistentRead(true)).item();
            if (item == null || item.isEmpty()) {
                Instant now = clock.instant();
                try {
                    dynamo.putItem(b -> b.tableName(stateTable)
                            .item(Map.of(PK, s(KEPT_SINCE), "at", s(now.toString())))
                            .conditionExpression("attribute_not_exists(pk)"));
                    return keptSince = now;
                } catch (ConditionalCheckFailedException first) {
                    // another function wrote it a moment ago: theirs stands
                    item = dynamo.getItem(b -> b.tableName(stateTable).key(key(KEPT_SINCE)).consistentRead(true)).item();
                }
            }
            return keptSince = Instant.parse(item.get("at").s());
        } catch (SdkException e) {
            throw new TransientFailure("could not read when the state began: " + e.getMessage(), e);
        }
    }

    private Map<String, AttributeValue> cursorItem(String name) {
        try {
            return dynamo.getItem(b -> b.tableName(stateTable).key(key(CURSOR + name)).consistentRead(true)).item();
        } catch (SdkException e) {
            throw new TransientFailure("could not read cursor " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Link> linksOf(String owner) {
        try {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(stateTable).key(key(owner))
                    .consistentRead(true)).item();
            List<Link> links = new ArrayList<>();
            if (item != null) {
                item.forEach((name, value) -> {
                    if (name.startsWith(LINK)) {
                        links.add(Link.decode(name.substring(LINK.length()), value.s()));
                    }
                });
            }
            return links;
        } catch (SdkException e) {
            throw new TransientFailure("could not read the links of " + owner + ": " + e.getMessage(), e);
        }
    }

    /** Kept when a link of that ref exists already: a completed link is never made pending again. */
    @Override
    public void pending(String owner, Link link) {
        linkUpdate(owner, "SET #l = if_not_exists(#l, :v)", LINK + link.ref(), link.encode());
    }

    @Override
    public void complete(String owner, Link link) {
        linkUpdate(owner, "SET #l = :v", LINK + link.ref(), link.encode());
    }

    @Override
    public void forget(String owner, String ref) {
        linkUpdate(owner, "REMOVE #l", LINK + ref, null);
    }

    private void linkUpdate(String owner, String expression, String attribute, String value) {
        try {
            dynamo.updateItem(b -> {
                b.tableName(stateTable).key(key(owner)).updateExpression(expression)
                        .expressionAttributeNames(Map.of("#l", attribute));
                if (value != null) {
                    b.expressionAttributeValues(Map.of(":v", s(value)));
                }
            });
        } catch (SdkException e) {
            throw new TransientFailure("could not write the link " + attribute + " of " + owner + ": "
                    + e.getMessage(), e);
        }
    }

    private void update(String key, String expression, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":now", s(clock.instant().toString()));
        Map<String, String> names = new HashMap<>(Map.of("#s", "status"));
        if (expression.contains("#r")) {
            names.put("#r", "result");
        }
        if (expression.contains("#ttl")) {
            names.put("#ttl", TTL); // a reserved word
        }
        try {
            dynamo.updateItem(b -> b.tableName(stateTable).key(key(key)).updateExpression(expression)
                    .expressionAttributeNames(names).expressionAttributeValues(all));
        } catch (SdkException e) {
            throw new TransientFailure("could not update " + key + ": " + e.getMessage(), e);
        }
    }

    private static AuditRecord toAudit(Map<String, AttributeValue> i) {
        return new AuditRecord(i.get(PK).s(), i.get("attempt_id").s(), Instant.parse(i.get("started_at").s()),
                Long.parseLong(i.get("duration_ms").n()), Outcome.valueOf(i.get("outcome").s()), text(i, "trigger"),
                text(i, "document"), text(i, "error"));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? item.get(name).s() : null;
    }

    private static int attempts(Map<String, AttributeValue> item) {
        return item != null && item.containsKey("attempts") ? Integer.parseInt(item.get("attempts").n()) : 0;
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, s(value));
        }
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of(PK, s(key));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
