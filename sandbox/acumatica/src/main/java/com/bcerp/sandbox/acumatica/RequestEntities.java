package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.acumatica.EntityShapes.Kind;
import com.bcerp.sandbox.acumatica.EntityShapes.Nested;
import com.bcerp.sandbox.acumatica.EntityShapes.Opaque;
import com.bcerp.sandbox.acumatica.EntityShapes.Shape;
import com.bcerp.sandbox.acumatica.EntityShapes.Value;
import com.bcerp.sandbox.acumatica.EntityShapes.ValueType;
import com.bcerp.sandbox.http.HttpRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Checks a request body against an entity's shape and normalises its values (numeric strings to numbers, dates to
 * Acumatica's form). Stricter than a real instance on purpose: a flat value ({@code "CustomerOrder": "250"}) or an
 * unknown field is a 400 naming the field, so a client bug shows up here instead of being silently ignored.
 */
final class RequestEntities {

    private RequestEntities() {}

    /** The body as a normalised entity of {@code shape}; throws a 400 naming every field at fault. */
    static ObjectNode read(HttpRequest request, Shape shape) {
        JsonNode body;
        try {
            body = Values.readTree(request.body());
        } catch (java.io.IOException e) {
            throw AcumaticaErrors.of(400, "The request body is not valid JSON.");
        }
        if (body == null || !body.isObject()) {
            throw AcumaticaErrors.of(400, "The request body must be a " + shape.name() + " entity (a JSON object).");
        }
        return read(body, shape);
    }

    /** An entity within a body (e.g. an action's {@code entity}) as a normalised entity of {@code shape}. */
    static ObjectNode read(JsonNode body, Shape shape) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        ObjectNode entity = normalise((ObjectNode) body, shape, "", problems);
        if (!problems.isEmpty()) {
            throw AcumaticaErrors.invalid(problems);
        }
        return entity;
    }

    private static ObjectNode normalise(ObjectNode in, Shape shape, String path, Map<String, List<String>> problems) {
        ObjectNode out = Values.object();
        in.properties().forEach(e -> {
            String name = e.getKey();
            JsonNode value = e.getValue();
            String at = path + name;
            if (EntityShapes.SYSTEM_FIELDS.contains(name)) {
                system(name, value, at, problems).ifPresent(v -> out.set(name, v));
                return;
            }
            Kind kind = shape.fields().get(name);
            if (kind == null) {
                problem(problems, at, "'" + name + "' is not a field of " + shape.name() + " in this endpoint.");
                return;
            }
            JsonNode normalised = switch (kind) {
                case Value v -> wrapped(v.type(), value, at, problems);
                case Nested n when n.collection() -> collection(EntityShapes.get(n.shape()), value, at, problems);
                case Nested n -> linked(EntityShapes.get(n.shape()), value, at, problems);
                case Opaque o -> opaque(o.collection(), value, at, problems);
            };
            if (normalised != null) {
                out.set(name, normalised);
            }
        });
        return out;
    }

    private static java.util.Optional<JsonNode> system(String name, JsonNode value, String at,
            Map<String, List<String>> problems) {
        switch (name) {
            case "id" -> {
                if (value.isNull()) {
                    return java.util.Optional.empty();
                }
                try {
                    return java.util.Optional.of(Values.NODES.textNode(UUID.fromString(value.asText()).toString()));
                } catch (IllegalArgumentException e) {
                    problem(problems, at, "'id' must be a GUID.");
                    return java.util.Optional.empty();
                }
            }
            case "note" -> {
                return java.util.Optional.ofNullable(wrapped(ValueType.STRING, value, at, problems));
            }
            case "delete" -> {
                return java.util.Optional.of(Values.NODES.booleanNode(value.asBoolean()));
            }
            case "custom" -> {
                return value.isObject() ? java.util.Optional.of(value) : java.util.Optional.empty();
            }
            default -> {
                return java.util.Optional.empty(); // rowNumber, error, files, _links: answers, not inputs
            }
        }
    }

    private static JsonNode wrapped(ValueType type, JsonNode value, String at, Map<String, List<String>> problems) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            problem(problems, at, "the value must be wrapped as {\"value\": ...}, e.g. \"" + at.replaceAll(".*[.\\]]", "")
                    + "\": {\"value\": " + value + "}.");
            return null;
        }
        JsonNode inner = value.get("value");
        if (inner == null || inner.isNull()) {
            return Values.wrap(Values.NODES.nullNode());
        }
        JsonNode converted = convert(type, inner);
        if (converted == null) {
            problem(problems, at, "'" + inner.asText() + "' is not a valid " + type.name().toLowerCase(java.util.Locale.ROOT)
                    + " value.");
            return null;
        }
        return Values.wrap(converted);
    }

    private static JsonNode convert(ValueType type, JsonNode v) {
        return switch (type) {
            case STRING -> v.isValueNode() ? Values.NODES.textNode(v.asText()) : null;
            case DECIMAL -> {
                if (v.isNumber()) {
                    yield Values.NODES.numberNode(v.decimalValue());
                }
                try {
                    yield v.isTextual() ? Values.NODES.numberNode(new BigDecimal(v.asText().trim())) : null;
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            case BOOLEAN -> v.isBoolean() ? v
                    : v.isTextual() && v.asText().matches("(?i)true|false") ? Values.NODES.booleanNode(Boolean.parseBoolean(v.asText()))
                    : null;
            case INT -> v.canConvertToInt() && (v.isIntegralNumber() || v.isTextual() && v.asText().matches("-?\\d+"))
                    ? Values.NODES.numberNode(v.asInt()) : null;
            case DATETIME -> v.isTextual()
                    ? Values.parseDateTime(v.asText()).map(t -> (JsonNode) Values.NODES.textNode(Values.format(t))).orElse(null)
                    : null;
            case GUID -> {
                try {
                    yield v.isTextual() ? Values.NODES.textNode(UUID.fromString(v.asText()).toString()) : null;
                } catch (IllegalArgumentException e) {
                    yield null;
                }
            }
        };
    }

    private static JsonNode linked(Shape shape, JsonNode value, String at, Map<String, List<String>> problems) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            problem(problems, at, "a " + shape.name() + " must be a JSON object.");
            return null;
        }
        return normalise((ObjectNode) value, shape, at + ".", problems);
    }

    private static JsonNode collection(Shape shape, JsonNode value, String at, Map<String, List<String>> problems) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            problem(problems, at, "a collection of " + shape.name() + " must be a JSON array.");
            return null;
        }
        ArrayNode rows = Values.NODES.arrayNode();
        for (int i = 0; i < value.size(); i++) {
            JsonNode row = linked(shape, value.get(i), at + "[" + i + "]", problems);
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static JsonNode opaque(boolean collection, JsonNode value, String at, Map<String, List<String>> problems) {
        if (value.isNull() || (collection ? value.isArray() : value.isObject())) {
            return value.isNull() ? null : value;
        }
        problem(problems, at, collection ? "must be a JSON array." : "must be a JSON object.");
        return null;
    }

    private static void problem(Map<String, List<String>> problems, String field, String message) {
        problems.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
    }
}
