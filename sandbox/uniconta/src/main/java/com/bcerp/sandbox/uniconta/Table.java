package com.bcerp.sandbox.uniconta;

import com.bcerp.sandbox.uniconta.UnicontaErrors.Code;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One Uniconta client class as the Entities API shows it: its public properties in order, which of them a client may
 * write, the key that finds a stored row, and the user-defined fields the company added (shown only through the class
 * name with the suffix {@code User}, e.g. {@code DebtorClientUser}; erp-apis.md §10.2.1 item 2, [U-PBI], [U-PY-INSERT]).
 * Property names are those of §10.2.2; each table lists the subset the sandbox models.
 */
final class Table {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String ROW_ID = "RowId";
    static final DateTimeFormatter WIRE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    record Field(String name, FieldType type, boolean writable) {}

    private final String name;
    private final String changeTable;
    private final Map<String, Field> fields;
    private final Function<JsonNode, String> keyOf;
    private final Map<String, FieldType> userFields = Collections.synchronizedMap(new LinkedHashMap<>());

    private Table(String name, String changeTable, Map<String, Field> fields, Function<JsonNode, String> keyOf) {
        this.name = name;
        this.changeTable = changeTable;
        this.fields = fields;
        this.keyOf = keyOf;
    }

    /** The client class name, e.g. {@code DebtorClient}. */
    String name() {
        return name;
    }

    /** The table name a change notification carries, e.g. {@code InvItem} ([U-HOOK-EN] example), or null. */
    String changeTable() {
        return changeTable;
    }

    String keyOf(JsonNode row) {
        return keyOf.apply(row);
    }

    FieldType typeOf(String field, boolean withUserFields) {
        Field f = fields.get(field);
        if (f != null) {
            return f.type();
        }
        return withUserFields ? userFields.get(field) : null;
    }

    void addUserField(String field, FieldType type) {
        if (fields.containsKey(field) || field.equals(ROW_ID)) {
            throw new IllegalArgumentException(name + " already has a property " + field);
        }
        userFields.put(field, type);
    }

    Map<String, FieldType> userFields() {
        synchronized (userFields) {
            return new LinkedHashMap<>(userFields);
        }
    }

    /**
     * The writable properties a request body carries, typed. Properties the class does not have, and read-only ones,
     * are dropped without a word (guess: Json.NET's default for unknown members; UNCONFIRMED for the Entities API).
     * A value of the wrong JSON type is refused.
     */
    ObjectNode read(JsonNode body, boolean withUserFields) {
        if (body == null || !body.isObject()) {
            throw UnicontaErrors.refuse(Code.NoSucces, name + " must be sent as a JSON object");
        }
        ObjectNode out = NODES.objectNode();
        Map<String, FieldType> user = withUserFields ? userFields() : Map.of();
        body.fields().forEachRemaining(e -> {
            Field f = fields.get(e.getKey());
            FieldType type = f != null && f.writable() ? f.type() : f == null ? user.get(e.getKey()) : null;
            if (type != null) {
                out.set(e.getKey(), coerce(e.getKey(), type, e.getValue()));
            }
        });
        return out;
    }

    /**
     * A stored row as the API renders it: every property in order, value types with their defaults, null reference
     * types left out ([U-POSTMAN]); then {@code RowId} (guess: Uniconta entities carry a RowId, seen in change
     * notifications [U-HOOK] and in a proxy's JSON [U-WEDOIO-WP]); then the user fields when asked for.
     */
    ObjectNode render(ObjectNode stored, boolean withUserFields) {
        ObjectNode out = NODES.objectNode();
        fields.values().forEach(f -> put(out, f.name(), f.type(), stored.get(f.name())));
        out.set(ROW_ID, stored.path(ROW_ID).isMissingNode() ? NODES.numberNode(0) : stored.get(ROW_ID));
        if (withUserFields) {
            userFields().forEach((n, t) -> put(out, n, t, stored.get(n)));
        }
        return out;
    }

    /**
     * What an Update stores: the sent row replaces every writable property (one left out becomes null or 0: "send the
     * full JSON back", [U-POSTMAN]); what the server computes, the RowId, and the user fields when the request used the
     * class without them, stay as stored.
     */
    ObjectNode replace(ObjectNode stored, ObjectNode sent, boolean withUserFields) {
        ObjectNode out = sent.deepCopy();
        fields.values().stream().filter(f -> !f.writable() && stored.has(f.name()))
                .forEach(f -> out.set(f.name(), stored.get(f.name())));
        if (stored.has(ROW_ID)) {
            out.set(ROW_ID, stored.get(ROW_ID));
        }
        if (!withUserFields) {
            userFields().keySet().stream().filter(stored::has).forEach(n -> out.set(n, stored.get(n)));
        }
        return out;
    }

    private static void put(ObjectNode out, String field, FieldType type, JsonNode value) {
        if (value != null && !value.isNull()) {
            out.set(field, value);
            return;
        }
        switch (type) {
            case INT -> out.put(field, 0L);
            case NUMBER -> out.put(field, 0.0);
            case BOOL -> out.put(field, false);
            default -> { } // null reference types are omitted
        }
    }

    private JsonNode coerce(String field, FieldType type, JsonNode v) {
        if (v.isNull()) {
            return v;
        }
        switch (type) {
            case TEXT -> {
                if (v.isTextual() || v.isNumber()) {
                    return NODES.textNode(v.asText());
                }
            }
            case INT -> {
                if (v.isIntegralNumber() || (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
                    return NODES.numberNode(v.asLong());
                }
            }
            case NUMBER -> {
                if (v.isNumber()) {
                    return NODES.numberNode(v.asDouble());
                }
            }
            case BOOL -> {
                if (v.isBoolean()) {
                    return v;
                }
            }
            case DATE, DATETIME -> {
                if (v.isTextual()) {
                    LocalDateTime t = parseTime(v.asText());
                    if (t != null) {
                        return NODES.textNode(WIRE_TIME.format(type == FieldType.DATE ? t.toLocalDate().atStartOfDay() : t));
                    }
                }
            }
            default -> throw new IllegalStateException(type.name());
        }
        throw UnicontaErrors.refuse(Code.NoSucces, "Could not convert " + v + " to " + type.name().toLowerCase()
                + " for " + name + "." + field);
    }

    private static LocalDateTime parseTime(String text) {
        try {
            return OffsetDateTime.parse(text).toLocalDateTime();
        } catch (DateTimeParseException e) {
            // try the zone-less forms
        }
        try {
            return LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            // try a plain date
        }
        try {
            return LocalDate.parse(text).atStartOfDay();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    // ---- building the tables ----

    static Builder named(String name, String changeTable) {
        return new Builder(name, changeTable);
    }

    static final class Builder {
        private final String name;
        private final String changeTable;
        private final Map<String, Field> fields = new LinkedHashMap<>();

        private Builder(String name, String changeTable) {
            this.name = name;
            this.changeTable = changeTable;
        }

        Builder text(String... names) {
            return add(FieldType.TEXT, true, names);
        }

        Builder number(String... names) {
            return add(FieldType.NUMBER, true, names);
        }

        Builder integer(String... names) {
            return add(FieldType.INT, true, names);
        }

        Builder bool(String... names) {
            return add(FieldType.BOOL, true, names);
        }

        Builder date(String... names) {
            return add(FieldType.DATE, true, names);
        }

        /** Properties the server sets (numbers, totals, times); a client's values are dropped. */
        Builder readOnly(FieldType type, String... names) {
            return add(type, false, names);
        }

        Builder add(FieldType type, boolean writable, String... names) {
            for (String n : names) {
                fields.put(n, new Field(n, type, writable));
            }
            return this;
        }

        Table keyedBy(String... keyFields) {
            List<String> keys = List.of(keyFields);
            keys.forEach(k -> {
                if (!fields.containsKey(k)) {
                    throw new IllegalArgumentException(name + " has no key property " + k);
                }
            });
            return new Table(name, changeTable, Collections.unmodifiableMap(fields), row -> key(row, keys));
        }
    }

    /** A key from key properties; a number is written without a fraction when whole. */
    static String key(JsonNode row, List<String> keys) {
        StringBuilder b = new StringBuilder();
        for (String k : keys) {
            JsonNode v = row.get(k);
            if (!b.isEmpty()) {
                b.append('|');
            }
            if (v == null || v.isNull()) {
                continue;
            }
            b.append(v.isNumber() && v.asDouble() == Math.rint(v.asDouble()) ? Long.toString(v.asLong()) : v.asText());
        }
        return b.toString();
    }
}
