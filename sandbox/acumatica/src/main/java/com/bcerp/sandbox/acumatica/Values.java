package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reading and writing {@code {"value": ...}} fields of stored entities. */
final class Values {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final DateTimeFormatter WHOLE_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");

    private Values() {}

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static Optional<JsonNode> raw(JsonNode entity, String field) {
        JsonNode wrapper = entity == null ? null : entity.get(field);
        JsonNode value = wrapper == null ? null : wrapper.get("value");
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    static Optional<String> text(JsonNode entity, String field) {
        return raw(entity, field).map(JsonNode::asText).filter(s -> !s.isBlank());
    }

    static Optional<BigDecimal> decimal(JsonNode entity, String field) {
        return raw(entity, field).map(JsonNode::decimalValue);
    }

    static boolean isTrue(JsonNode entity, String field) {
        return raw(entity, field).map(JsonNode::asBoolean).orElse(false);
    }

    static void set(ObjectNode entity, String field, String value) {
        entity.set(field, wrap(value == null ? NODES.nullNode() : NODES.textNode(value)));
    }

    static void set(ObjectNode entity, String field, BigDecimal value) {
        entity.set(field, wrap(NODES.numberNode(value)));
    }

    static void set(ObjectNode entity, String field, boolean value) {
        entity.set(field, wrap(NODES.booleanNode(value)));
    }

    static void set(ObjectNode entity, String field, int value) {
        entity.set(field, wrap(NODES.numberNode(value)));
    }

    static void set(ObjectNode entity, String field, OffsetDateTime value) {
        set(entity, field, format(value));
    }

    static ObjectNode wrap(JsonNode value) {
        ObjectNode wrapper = NODES.objectNode();
        if (!value.isNull()) {
            wrapper.set("value", value);
        }
        return wrapper;
    }

    /** Acumatica's rendering of a date and time: offset always, milliseconds only when there are some. */
    static String format(OffsetDateTime t) {
        return (t.getNano() == 0 ? WHOLE_SECONDS : MILLIS).format(t);
    }

    /** Reads the date-time forms a client sends; a value without an offset is taken as UTC. */
    static Optional<OffsetDateTime> parseDateTime(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text));
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(text).atOffset(ZoneOffset.UTC));
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC));
                } catch (DateTimeParseException notDate) {
                    return Optional.empty();
                }
            }
        }
    }

    static ObjectNode copy(JsonNode node) {
        return (ObjectNode) node.deepCopy();
    }

    static JsonNode readTree(byte[] body) throws java.io.IOException {
        return Json.MAPPER.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .with(NODES).readTree(body);
    }
}
