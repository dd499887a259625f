package com.bcerp.local.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Every AWS request made in this JVM, by service and operation, and DynamoDB's request units estimated from the items
 * sent and returned, by DynamoDB's own sizing rules (reads per 4 KB, halved when eventually consistent; writes per
 * 1 KB; transactions twice). An update is sized by the attributes it writes, not the whole item, so its units are a
 * floor. The AWS SDK loads this for every client through its global interceptor list
 * ({@code software/amazon/awssdk/global/handlers/execution.interceptors}), which only the local runtime's
 * classpath carries.
 */
public final class AwsRequests implements ExecutionInterceptor {

    private static final Map<String, LongAdder> REQUESTS = new ConcurrentHashMap<>();
    private static final DoubleAdder READ_UNITS = new DoubleAdder();
    private static final DoubleAdder WRITE_UNITS = new DoubleAdder();

    /** Counts so far: requests by {@code Service.Operation}, and DynamoDB's estimated request units. */
    public record Counts(Map<String, Long> requests, double dynamoReadUnits, double dynamoWriteUnits) {

        public long requests(String service) {
            return requests.entrySet().stream().filter(e -> e.getKey().startsWith(service + "."))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        public Counts minus(Counts before) {
            Map<String, Long> delta = new TreeMap<>();
            requests.forEach((op, n) -> {
                long d = n - before.requests.getOrDefault(op, 0L);
                if (d > 0) {
                    delta.put(op, d);
                }
            });
            return new Counts(delta, dynamoReadUnits - before.dynamoReadUnits,
                    dynamoWriteUnits - before.dynamoWriteUnits);
        }
    }

    public static Counts counts() {
        Map<String, Long> requests = new TreeMap<>();
        REQUESTS.forEach((op, n) -> requests.put(op, n.sum()));
        return new Counts(requests, READ_UNITS.sum(), WRITE_UNITS.sum());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        REQUESTS.computeIfAbsent(service + "." + operation, k -> new LongAdder()).increment();
        if ("DynamoDb".equals(service)) {
            dynamoUnits(context.request(), context.response());
        }
    }

    private static void dynamoUnits(Object request, Object response) {
        switch (request) {
            case GetItemRequest get when response instanceof GetItemResponse r ->
                    READ_UNITS.add(readUnits(size(r.item()), Boolean.TRUE.equals(get.consistentRead())));
            case QueryRequest query when response instanceof QueryResponse r ->
                    READ_UNITS.add(readUnits(r.items().stream().mapToLong(AwsRequests::size).sum(),
                            Boolean.TRUE.equals(query.consistentRead())));
            case DeleteItemRequest delete -> WRITE_UNITS.add(writeUnits(size(delete.key())));
            case PutItemRequest put -> WRITE_UNITS.add(writeUnits(size(put.item())));
            case UpdateItemRequest update -> WRITE_UNITS.add(writeUnits(size(update.key())
                    + size(update.expressionAttributeValues())));
            case TransactWriteItemsRequest tx -> tx.transactItems().forEach(i -> WRITE_UNITS.add(2 * writeUnits(size(i))));
            case TransactGetItemsRequest tx -> READ_UNITS.add(2.0 * tx.transactItems().size());
            case BatchWriteItemRequest batch -> batch.requestItems().values().forEach(writes -> writes.forEach(w ->
                    WRITE_UNITS.add(writeUnits(w.putRequest() != null ? size(w.putRequest().item()) : 0))));
            default -> {
                if (response instanceof ScanResponse r) {
                    READ_UNITS.add(readUnits(r.items().stream().mapToLong(AwsRequests::size).sum(), false));
                } else if (response instanceof BatchGetItemResponse r) {
                    r.responses().values().forEach(items -> items.forEach(i -> READ_UNITS.add(readUnits(size(i), false))));
                }
            }
        }
    }

    private static double readUnits(long bytes, boolean consistent) {
        double units = Math.max(1, Math.ceil(bytes / 4096.0));
        return consistent ? units : units / 2;
    }

    private static double writeUnits(long bytes) {
        return Math.max(1, Math.ceil(bytes / 1024.0));
    }

    private static long size(TransactWriteItem item) {
        if (item.put() != null) {
            return size(item.put().item());
        }
        if (item.update() != null) {
            return size(item.update().key()) + size(item.update().expressionAttributeValues());
        }
        return item.delete() != null ? size(item.delete().key()) : size(item.conditionCheck().key());
    }

    /** DynamoDB's item size: each attribute's name and value, in UTF-8 bytes (numbers about one per two digits). */
    private static long size(Map<String, AttributeValue> item) {
        if (item == null) {
            return 0;
        }
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length + size(e.getValue());
        }
        return bytes;
    }

    private static long size(AttributeValue v) {
        if (v.s() != null) {
            return v.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (v.n() != null) {
            return v.n().length() / 2 + 1;
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        if (v.hasM()) {
            return 3 + size(v.m());
        }
        if (v.hasL()) {
            return 3 + v.l().stream().mapToLong(AwsRequests::size).sum();
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToLong(x -> x.getBytes(StandardCharsets.UTF_8).length).sum();
        }
        if (v.hasNs()) {
            return v.ns().stream().mapToLong(x -> x.length() / 2 + 1).sum();
        }
        if (v.hasBs()) {
            return v.bs().stream().map(SdkBytes::asByteArray).mapToLong(b -> b.length).sum();
        }
        return 1; // BOOL, NULL
    }
}
