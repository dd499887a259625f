package com.bcerp.sandbox.uniconta;

import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.uniconta.UnicontaErrors.Code;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The Entities API's filter: {@code ?Name=<property>&Value=<value>}, rows whose property equals the value ([U-POSTMAN]:
 * {@code CreditorClient?Name=Account&Value=2001} "will return a JSON array with 1 entry"). Guesses: one pair only (a
 * second Name is refused); text compares exactly, case included (the harsher reading: a client must not rely on a
 * case-insensitive match); numbers compare as numbers, booleans as true/false, dates by day; an unset property equals
 * the empty value (text) or 0 / false; the .NET filter's ranges ("a..b"), "!null" and OR lists (§10.2.1) are not
 * honoured here (they are .NET PropValuePair syntax; whether the REST Value passes them on is UNCONFIRMED) and are
 * compared as plain text. An unknown property is refused.
 */
record EntityFilter(String field, FieldType type, String value) {

    static final EntityFilter ALL = new EntityFilter(null, null, null);

    static EntityFilter of(HttpRequest request, Table table, boolean withUserFields) {
        List<String> names = request.query().getOrDefault("Name", List.of());
        List<String> values = request.query().getOrDefault("Value", List.of());
        if (names.isEmpty() && values.isEmpty()) {
            return ALL;
        }
        if (names.size() != 1 || values.size() != 1) {
            throw UnicontaErrors.refuse(Code.NoSucces, "A filter is one Name and one Value");
        }
        String field = names.get(0);
        FieldType type = Table.ROW_ID.equals(field) ? FieldType.INT : table.typeOf(field, withUserFields);
        if (type == null) {
            throw UnicontaErrors.refuse(Code.NoSucces, table.name() + (withUserFields ? "User" : "") + " has no property " + field);
        }
        String value = values.get(0);
        switch (type) {
            case INT, NUMBER -> {
                try {
                    Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw UnicontaErrors.refuse(Code.NoSucces, "Value " + value + " is not a number for " + field);
                }
            }
            case DATE, DATETIME -> {
                if (day(value) == null) {
                    throw UnicontaErrors.refuse(Code.NoSucces, "Value " + value + " is not a date for " + field);
                }
            }
            default -> { }
        }
        return new EntityFilter(field, type, value);
    }

    boolean matches(ObjectNode row) {
        if (field == null) {
            return true;
        }
        JsonNode v = row.get(field);
        boolean unset = v == null || v.isNull();
        return switch (type) {
            case TEXT -> (unset ? "" : v.asText()).equals(value);
            case INT, NUMBER -> (unset ? 0 : v.asDouble()) == Double.parseDouble(value);
            case BOOL -> (!unset && v.asBoolean()) == Boolean.parseBoolean(value);
            case DATE, DATETIME -> !unset && day(value).equals(day(v.asText()));
        };
    }

    private static LocalDate day(String text) {
        try {
            return LocalDateTime.parse(text).toLocalDate();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
