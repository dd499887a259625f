package com.bcerp.acumatica;

import com.bcerp.core.failure.TransientFailure;
import com.bcerp.http.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Reading contract-based records: wrapped values, and lists paged with $top and $skip. */
final class Records {

    /** Records per page; Acumatica has no total count, so paging stops at the first short page. */
    static final int PAGE = 1000;

    private Records() {}

    /** Every record of a query, page by page; returns how many there were. */
    static long forEachPage(AcumaticaApi api, String entity, Map<String, String> query, int pageSize,
            Consumer<JsonNode> page) {
        long seen = 0;
        for (int skip = 0; ; skip += pageSize) {
            Map<String, String> paged = new LinkedHashMap<>(query);
            paged.put("$top", Integer.toString(pageSize));
            paged.put("$skip", Integer.toString(skip));
            JsonNode rows = list(api.get(entity, paged), entity + " list");
            if (!rows.isEmpty()) {
                page.accept(rows);
            }
            seen += rows.size();
            if (rows.size() < pageSize) {
                return seen;
            }
        }
    }

    /** A successful answer's entity, else the failure Acumatica's answer is. */
    static JsonNode one(ApiResponse response, String what) {
        if (!response.isSuccess()) {
            throw AcumaticaFailures.of(response, what, null);
        }
        return response.json();
    }

    static JsonNode list(ApiResponse response, String what) {
        if (!response.isSuccess()) {
            throw AcumaticaFailures.of(response, what, null);
        }
        JsonNode list = response.json();
        if (!list.isArray()) {
            throw new TransientFailure("Acumatica answered the " + what + " with something other than a list");
        }
        return list;
    }

    /** One record read by its keys; empty when the instance has no such record (500 NoEntitySatisfiesTheCondition). */
    static Optional<JsonNode> record(ApiResponse response, String what) {
        if (AcumaticaFailures.isMissing(response)) {
            return Optional.empty();
        }
        if (!response.isSuccess()) {
            throw AcumaticaFailures.of(response, what, null);
        }
        return Optional.of(response.json());
    }

    static String text(JsonNode record, String field) {
        JsonNode value = record.path(field).path("value");
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    static BigDecimal decimal(JsonNode record, String field) {
        JsonNode value = record.path(field).path("value");
        return value.isNumber() ? value.decimalValue() : value.isTextual() && !value.asText().isBlank()
                ? new BigDecimal(value.asText().trim()) : null;
    }

    static boolean flag(JsonNode record, String field) {
        return record.path(field).path("value").asBoolean(false);
    }

    static Optional<Instant> instant(JsonNode record, String field) {
        String text = text(record, field);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw new TransientFailure("Acumatica's " + field + " '" + text + "' is not a date and time with an offset");
        }
    }

    /** The later of two optional instants. */
    static Optional<Instant> newest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().isAfter(a.get()) ? b : a;
    }
}
