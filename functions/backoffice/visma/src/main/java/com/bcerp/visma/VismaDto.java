package com.bcerp.visma;

import com.bcerp.http.JsonSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * Visma's wire rules (erp-apis.md §10.1.1): a write DTO wraps every scalar as {@code {"value": x}} and a nested
 * update DTO twice ({@code {"value": {"addressLine1": {"value": ...}}}}); a line's {@code operation}, arrays and
 * action bodies are plain; read DTOs are flat.
 */
final class VismaDto {

    private VismaDto() {}

    static ObjectNode object() {
        return JsonSupport.MAPPER.createObjectNode();
    }

    /** {@code "field": {"value": "text"}}, left out when blank. */
    static ObjectNode text(ObjectNode dto, String field, String value) {
        if (value != null && !value.isBlank()) {
            dto.putObject(field).put("value", value);
        }
        return dto;
    }

    static ObjectNode number(ObjectNode dto, String field, BigDecimal value) {
        dto.putObject(field).put("value", value);
        return dto;
    }

    static ObjectNode bool(ObjectNode dto, String field, boolean value) {
        dto.putObject(field).put("value", value);
        return dto;
    }

    /** {@code "field": {"value": {...}}}: a nested update DTO. */
    static ObjectNode nested(ObjectNode dto, String field, ObjectNode inner) {
        if (inner != null && !inner.isEmpty()) {
            dto.putObject(field).set("value", inner);
        }
        return dto;
    }

    /** A flat read DTO's text, or null when absent or empty. */
    static String read(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    static BigDecimal decimal(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || !v.isNumber() ? BigDecimal.ZERO : v.decimalValue();
    }
}
