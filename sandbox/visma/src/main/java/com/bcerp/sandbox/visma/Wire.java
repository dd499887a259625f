package com.bcerp.sandbox.visma;

import com.bcerp.sandbox.http.HttpError;
import com.bcerp.sandbox.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Reading the API's write DTOs and writing its read DTOs (erp-apis.md §10.1.1):
 * <ul>
 *   <li>a write DTO wraps every scalar as {@code {"value": x}} ({@code DtoValueOf...}); a nested update object is
 *       wrapped twice, {@code {"value": {"addressLine1": {"value": ...}}}}; line {@code operation},
 *       {@code overrideWithClassValues}, the arrays themselves and action bodies are plain;</li>
 *   <li>a read DTO is flat, nested records as objects ({@code "customer": {"number": ..., "name": ...}}).</li>
 * </ul>
 * A member sent flat where the file wants it wrapped (or wrapped where it wants it flat) makes the whole body
 * unreadable, as Json.NET cannot bind it: the API answers "Data received not recognized as ..." ([V-ONIT-89]).
 * GUESS: members the DTO does not have are ignored (Json.NET's default); {@code {"value": null}} is the same as an
 * absent member (how to clear a value is UNCONFIRMED, §10.1.1).
 */
final class Wire {

    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** GUESS (time zone UNCONFIRMED, §10.5): times are written in UTC with milliseconds and an offset. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** The operation and DTO a body is read as, for the error text. */
    record Dto(String operation, String name) {
        HttpError wrong(String member, String expected) {
            return VismaErrors.notRecognised(operation, name, "'" + member + "' must be " + expected + ".");
        }
    }

    private final JsonNode body;
    private final Dto dto;

    private Wire(JsonNode body, Dto dto) {
        this.body = body;
        this.dto = dto;
    }

    /** A request body as the DTO; a body that is not a JSON object is not recognised. */
    static Wire of(JsonNode body, Dto dto) {
        if (body == null || !body.isObject()) {
            throw VismaErrors.notRecognised(dto.operation(), dto.name(), "The body must be a JSON object.");
        }
        return new Wire(body, dto);
    }

    /** The request body parsed; text that is not JSON is not recognised either. */
    static Wire of(byte[] body, Dto dto) {
        try {
            return of(Json.MAPPER.readTree(body), dto);
        } catch (java.io.IOException e) {
            throw VismaErrors.notRecognised(dto.operation(), dto.name(), "The body is not valid JSON.");
        }
    }

    JsonNode raw() {
        return body;
    }

    Dto dto() {
        return dto;
    }

    boolean has(String member) {
        return present(body.get(member));
    }

    /** The {@code value} of a wrapped member, or empty when absent or null. */
    Optional<JsonNode> value(String member) {
        JsonNode node = body.get(member);
        if (!present(node)) {
            return Optional.empty();
        }
        if (!node.isObject() || !node.has("value") && node.size() > 0) {
            throw dto.wrong(member, "{\"value\": ...}");
        }
        JsonNode value = node.get("value");
        return present(value) ? Optional.of(value) : Optional.empty();
    }

    Optional<String> text(String member) {
        return value(member).map(v -> {
            if (!v.isValueNode() || v.isBinary()) {
                throw dto.wrong(member, "{\"value\": \"text\"}");
            }
            return v.asText();
        });
    }

    Optional<BigDecimal> decimal(String member) {
        return value(member).map(v -> {
            if (!v.isNumber()) {
                throw dto.wrong(member, "{\"value\": <number>}");
            }
            return v.decimalValue();
        });
    }

    Optional<Integer> integer(String member) {
        return value(member).map(v -> {
            if (!v.canConvertToInt() || !v.isIntegralNumber()) {
                throw dto.wrong(member, "{\"value\": <whole number>}");
            }
            return v.intValue();
        });
    }

    Optional<Boolean> bool(String member) {
        return value(member).map(v -> {
            if (!v.isBoolean()) {
                throw dto.wrong(member, "{\"value\": true|false}");
            }
            return v.booleanValue();
        });
    }

    Optional<Instant> time(String member) {
        return text(member).map(t -> parseTime(t).orElseThrow(() -> dto.wrong(member, "{\"value\": <date-time>}")));
    }

    /** A plain (unwrapped) boolean member, such as {@code overrideWithClassValues}. */
    Optional<Boolean> plainBool(String member) {
        JsonNode node = body.get(member);
        if (!present(node)) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw dto.wrong(member, "true or false (not wrapped)");
        }
        return Optional.of(node.booleanValue());
    }

    /** A nested update DTO, wrapped twice: {@code {"value": {...}}}; its members are read with the nested DTO's name. */
    Optional<Wire> nested(String member, String nestedDto) {
        return value(member).map(v -> {
            if (!v.isObject()) {
                throw dto.wrong(member, "{\"value\": {...}} (a " + nestedDto + ")");
            }
            return new Wire(v, new Dto(dto.operation(), nestedDto));
        });
    }

    /** A nested update DTO that the file does not wrap (e.g. {@code packaging}: a {@code PackagingUpdateDto} itself). */
    Optional<Wire> plainNested(String member, String nestedDto) {
        JsonNode node = body.get(member);
        if (!present(node)) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw dto.wrong(member, "a " + nestedDto + " object");
        }
        return Optional.of(new Wire(node, new Dto(dto.operation(), nestedDto)));
    }

    /** The rows of a plain array member, each read as {@code rowDto}; empty when absent. */
    java.util.List<Wire> rows(String member, String rowDto) {
        JsonNode node = body.get(member);
        if (!present(node)) {
            return java.util.List.of();
        }
        if (!node.isArray()) {
            throw dto.wrong(member, "an array of " + rowDto);
        }
        java.util.List<Wire> rows = new java.util.ArrayList<>();
        for (JsonNode row : node) {
            if (!row.isObject()) {
                throw dto.wrong(member, "an array of " + rowDto + " objects");
            }
            rows.add(new Wire(row, new Dto(dto.operation(), rowDto)));
        }
        return rows;
    }

    /** A plain text member (line {@code operation}, action bodies). */
    Optional<String> plainText(String member) {
        JsonNode node = body.get(member);
        if (!present(node)) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw dto.wrong(member, "a string (not wrapped)");
        }
        return Optional.of(node.asText());
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    // ---- read DTOs ----

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    static String time(Instant t) {
        return TIME.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    /** A document date: midnight UTC of the day (GUESS: Visma's dates carry no time of day). */
    static String date(Instant t) {
        return TIME.format(t.truncatedTo(ChronoUnit.DAYS));
    }

    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** An {@code id, description} pair as read DTOs show references ({@code vatZone}, {@code warehouse}, ...). */
    static ObjectNode idDescription(String id, String description) {
        ObjectNode node = object().put("id", id);
        if (description != null) {
            node.put("description", description);
        }
        return node;
    }

    /**
     * A time as the API accepts it in a body or a query: {@code yyyy-MM-dd}, {@code yyyy-MM-dd HH:mm:ss[.FFF]},
     * {@code yyyy-MM-ddTHH:mm:ss[.FFF]} ([V-SPEC], [V-KB-DT]); GUESS: without an offset the time is UTC (the
     * zone is UNCONFIRMED); with one (what a date-time of the file carries) it is honoured.
     */
    static Optional<Instant> parseTime(String text) {
        String t = text.trim();
        try {
            if (t.length() == 10) {
                return Optional.of(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            String iso = t.replace(' ', 'T');
            if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return Optional.of(OffsetDateTime.parse(iso).toInstant());
            }
            return Optional.of(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
