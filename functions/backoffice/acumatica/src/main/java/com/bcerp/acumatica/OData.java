package com.bcerp.acumatica;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Writing OData query options safely: text literals quoted and escaped, every parameter URL-encoded. */
final class OData {

    private OData() {}

    /** A text literal: {@code O'Hara} becomes {@code 'O''Hara'} (OData doubles a quote inside a literal). */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** {@code Field eq 'value'} */
    static String eq(String field, String value) {
        return field + " eq " + literal(value);
    }

    /** {@code Field eq 'a' or Field eq 'b' ...}: one request for several records. */
    static String anyOf(String field, java.util.Collection<String> values) {
        return values.stream().map(v -> eq(field, v)).collect(Collectors.joining(" or "));
    }

    /** {@code Field gt datetimeoffset'2026-11-20T08:00:00.123Z'} */
    static String after(String field, java.time.Instant instant) {
        return field + " gt datetimeoffset'" + instant + "'";
    }

    /** A key value as a path segment, e.g. {@code TemplateItems/TEE%2F200}. */
    static String key(String value) {
        return encode(value);
    }

    /** The query string, each name and value percent-encoded ({@code +} as {@code %2B}, space as {@code %20}). */
    static String query(Map<String, String> options) {
        return options.entrySet().stream().map(e -> encode(e.getKey()).replace("%24", "$") + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
