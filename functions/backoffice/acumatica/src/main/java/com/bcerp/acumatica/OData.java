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

    /** The query string, each name and value percent-encoded ({@code +} as {@code %2B}, space as {@code %20}). */
    static String query(Map<String, String> options) {
        return options.entrySet().stream().map(e -> encode(e.getKey()).replace("%24", "$") + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
