package com.bcerp.bigcommerce.webhook;

import com.bcerp.core.model.StoreEvent;
import com.bcerp.http.JsonSupport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads BigCommerce's thin webhook payload ({@code scope}, {@code store_id}, {@code data{type, id, ...}},
 * {@code hash}, {@code created_at}, {@code producer: "stores/{hash}"}) into a {@link StoreEvent}. A transaction notice
 * ({@code store/order/transaction/*}) has no {@code data.id}: it is read as a {@code transaction} event carrying
 * {@code data.transaction_id} and {@code data.order_id}, and it queues in its order's group.
 */
public final class WebhookPayloads {

    private static final Pattern PRODUCER = Pattern.compile("stores/([A-Za-z0-9]+)");
    private static final String TRANSACTION_SCOPE_PREFIX = "store/order/transaction/";

    private WebhookPayloads() {}

    /** @throws MalformedWebhookException naming the field, when the body is not such a payload */
    public static StoreEvent parse(String body) {
        JsonNode root;
        try {
            root = JsonSupport.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedWebhookException("body", "the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedWebhookException("body", "the body is not a JSON object");
        }
        String scope = requiredText(root, "scope");
        String producer = requiredText(root, "producer");
        Matcher m = PRODUCER.matcher(producer);
        if (!m.matches()) {
            throw new MalformedWebhookException("producer", "producer must be \"stores/{store_hash}\"");
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw new MalformedWebhookException("data", data == null ? "data is missing" : "data must be an object");
        }
        JsonNode type = data.get("type");
        if (type != null && !type.isTextual()) {
            throw new MalformedWebhookException("data.type", "data.type must be a string");
        }
        boolean transaction = scope.startsWith(TRANSACTION_SCOPE_PREFIX);
        if (transaction) {
            // a transaction notice has no data.id: it names the transaction and its order
            requiredId(data, "order_id");
        }
        JsonNode id = requiredId(data, transaction ? "transaction_id" : "id");
        JsonNode createdAt = root.get("created_at");
        if (createdAt != null && !createdAt.isIntegralNumber()) {
            throw new MalformedWebhookException("created_at", "created_at must be a number of seconds");
        }
        JsonNode hash = root.get("hash");
        if (hash != null && !hash.isTextual()) {
            throw new MalformedWebhookException("hash", "hash must be a string");
        }
        Map<String, Object> fields = JsonSupport.MAPPER.convertValue(data, new TypeReference<Map<String, Object>>() {});
        fields.values().removeIf(Objects::isNull); // a StoreEvent's data holds no nulls
        return new StoreEvent(
                m.group(1),
                scope,
                transaction ? StoreEvent.TRANSACTION : type != null ? type.asText() : typeFromScope(scope),
                id.asText(),
                createdAt == null ? 0 : createdAt.asLong(),
                hash == null ? null : hash.asText(),
                fields);
    }

    /**
     * A store event the connector produced itself (catch-up, replay) as the thin payload BigCommerce sends, so it
     * takes the webhooks' path through the queue and the worker: {@link #parse} reads it back as the same event.
     */
    public static String encode(StoreEvent event) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("scope", event.scope());
        payload.put("data", event.data());
        if (event.hash() != null) {
            payload.put("hash", event.hash());
        }
        payload.put("created_at", event.createdAt());
        payload.put("producer", "stores/" + event.storeHash());
        return JsonSupport.write(payload);
    }

    /** A whole number, or a non-blank string (BigCommerce sends some ids as strings), at {@code data.<field>}. */
    private static JsonNode requiredId(JsonNode data, String field) {
        JsonNode id = data.get(field);
        if (id == null || id.isNull()) {
            throw new MalformedWebhookException("data." + field, "data." + field + " is missing");
        }
        if (!(id.isIntegralNumber() || id.isTextual() && !id.asText().isBlank())) {
            throw new MalformedWebhookException("data." + field, "data." + field + " must be a whole number or a string");
        }
        return id;
    }

    /** {@code store/order/created} is about an {@code order}. */
    private static String typeFromScope(String scope) {
        String[] parts = scope.split("/");
        return parts.length > 1 ? parts[1] : scope;
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedWebhookException(field, field + " is missing");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new MalformedWebhookException(field, field + " must be a non-empty string");
        }
        return value.asText();
    }
}
