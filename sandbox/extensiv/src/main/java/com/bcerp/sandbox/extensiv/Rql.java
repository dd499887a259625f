package com.bcerp.sandbox.extensiv;

import com.bcerp.sandbox.http.HttpError;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Extensiv's Resource Query Language, FIQL-based and infix ({@code rql=}), and {@code sort=} (erp-apis.md section 4.3
 * and 10.3.3, [E-RQL], [E-RQL2]): {@code ;} AND (binds tighter), {@code ,} OR, parentheses, and the comparisons
 * {@code ==}, {@code !=}, {@code =gt=}, {@code =ge=}, {@code =lt=}, {@code =le=}, {@code =in=(a,b)},
 * {@code =out=(a,b)}, {@code =hv=true|false} (has a value); {@code *} is a wildcard in string values; nested names
 * with {@code .}; "property names, operators and values are all case insensitive". Sort is a comma list of names,
 * {@code -} before a name for descending.
 *
 * <p>A name resolves against a template of the resource (every field present and typed): numbers compare as numbers,
 * booleans only by equality, date-time strings as date-times (a value without an offset is read in the zone the API
 * renders, UTC here; a date alone means its midnight), other strings case-insensitively.
 *
 * <p>Guesses (UNCONFIRMED: the research has no sample of a bad query): an unknown name, an unknown operator, a value of
 * the wrong type, a comparison on an object or list, and a syntax error are each refused with a 400 naming the problem,
 * rather than ignored as misspelled query parameters are.
 */
final class Rql {

    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final List<String> OPERATORS = List.of("==", "!=", "=gt=", "=ge=", "=lt=", "=le=", "=in=", "=out=", "=hv=");

    private enum Kind { NUMBER, BOOLEAN, DATE_TIME, TEXT }

    private record Field(List<String> path, Kind kind) {
        JsonNode of(JsonNode record) {
            JsonNode node = record;
            for (String name : path) {
                node = node == null ? null : node.get(name);
            }
            return node == null || node.isNull() ? null : node;
        }
    }

    private final String text;
    private final JsonNode template;
    private int at;

    private Rql(String text, JsonNode template) {
        this.text = text;
        this.template = template;
    }

    /** The filter {@code rql} asks for, checked against {@code template}; everything passes a blank one. */
    static Predicate<JsonNode> filter(String rql, JsonNode template) {
        if (rql == null || rql.isBlank()) {
            return r -> true;
        }
        Rql parser = new Rql(rql.trim(), template);
        Predicate<JsonNode> filter = parser.or();
        if (parser.at < parser.text.length()) {
            throw parser.error("unexpected '" + parser.text.charAt(parser.at) + "'");
        }
        return filter;
    }

    /** The order {@code sort} asks for, then {@code tieBreak}; {@code tieBreak} alone for a blank one. */
    static Comparator<JsonNode> sort(String sort, JsonNode template, Comparator<JsonNode> tieBreak) {
        if (sort == null || sort.isBlank()) {
            return tieBreak;
        }
        Comparator<JsonNode> order = null;
        for (String part : sort.split(",")) {
            String name = part.trim();
            boolean descending = name.startsWith("-");
            name = descending || name.startsWith("+") ? name.substring(1).trim() : name;
            Field field = resolve(name, template, "sort");
            Comparator<JsonNode> one = Comparator.comparing(field::of, Comparator.nullsFirst(Rql::compareValues));
            one = descending ? one.reversed() : one;
            order = order == null ? one : order.thenComparing(one);
        }
        return order.thenComparing(tieBreak);
    }

    // ---- grammar: or := and (',' and)*; and := term (';' term)*; term := '(' or ')' | name op value ----

    private Predicate<JsonNode> or() {
        Predicate<JsonNode> left = and();
        while (peek(',')) {
            at++;
            left = left.or(and());
        }
        return left;
    }

    private Predicate<JsonNode> and() {
        Predicate<JsonNode> left = term();
        while (peek(';')) {
            at++;
            left = left.and(term());
        }
        return left;
    }

    private Predicate<JsonNode> term() {
        if (peek('(')) {
            at++;
            Predicate<JsonNode> inner = or();
            if (!peek(')')) {
                throw error("a '(' is not closed");
            }
            at++;
            return inner;
        }
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '.'
                || text.charAt(at) == '_')) {
            at++;
        }
        if (start == at) {
            throw error("a property name is expected at position " + (start + 1));
        }
        Field field = resolve(text.substring(start, at), template, "rql");
        String op = operator();
        if (op.equals("=in=") || op.equals("=out=")) {
            List<String> values = list();
            List<Predicate<JsonNode>> each = values.stream().map(v -> compare(field, "==", v)).toList();
            Predicate<JsonNode> any = members(field, values).orElse(r -> each.stream().anyMatch(p -> p.test(r)));
            return op.equals("=in=") ? any : any.negate();
        }
        return compare(field, op, value());
    }

    private String operator() {
        String rest = text.substring(at).toLowerCase(Locale.ROOT);
        for (String op : OPERATORS) {
            if (rest.startsWith(op)) {
                at += op.length();
                return op;
            }
        }
        java.util.regex.Matcher m = Pattern.compile("^=[a-z]*=?").matcher(rest);
        throw error(m.find() && m.group().length() > 1 ? "unknown operator '" + m.group() + "'"
                : "an operator (==, !=, =gt=, =ge=, =lt=, =le=, =in=, =out=, =hv=) is expected at position " + (at + 1));
    }

    private List<String> list() {
        if (!peek('(')) {
            throw error("=in= and =out= take a list in parentheses: =in=(a,b)");
        }
        at++;
        List<String> values = new ArrayList<>();
        values.add(value());
        while (peek(',')) {
            at++;
            values.add(value());
        }
        if (!peek(')')) {
            throw error("a list is not closed with ')'");
        }
        at++;
        return values;
    }

    private String value() {
        if (peek('"') || peek('\'')) {
            char quote = text.charAt(at++);
            int end = text.indexOf(quote, at);
            if (end < 0) {
                throw error("a quoted value is not closed");
            }
            String value = text.substring(at, end);
            at = end + 1;
            return value;
        }
        int start = at;
        while (at < text.length() && ";,()".indexOf(text.charAt(at)) < 0) {
            at++;
        }
        if (start == at) {
            throw error("a value is expected at position " + (start + 1));
        }
        return text.substring(start, at).trim();
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    // ---- comparisons ----

    /**
     * The list of an {@code =in=} as a set, where {@code ==} on each value is an equality the set's order decides
     * exactly (numbers by {@code compareTo}, text without wildcards ignoring case as {@code compareToIgnoreCase}), so a
     * long list is one look-up per record instead of one comparison per value; empty otherwise.
     */
    private static java.util.Optional<Predicate<JsonNode>> members(Field field, List<String> values) {
        if (field.kind() == Kind.NUMBER) {
            java.util.TreeSet<BigDecimal> set = new java.util.TreeSet<>();
            values.forEach(v -> set.add(new BigDecimal(v)));
            return java.util.Optional.of(r -> {
                JsonNode v = field.of(r);
                return v != null && set.contains(v.decimalValue());
            });
        }
        if (field.kind() == Kind.TEXT && values.stream().noneMatch(v -> v.contains("*"))) {
            java.util.TreeSet<String> set = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            set.addAll(values);
            return java.util.Optional.of(r -> {
                JsonNode v = field.of(r);
                return v != null && set.contains(v.asText());
            });
        }
        return java.util.Optional.empty();
    }

    private Predicate<JsonNode> compare(Field field, String op, String value) {
        if (op.equals("=hv=")) {
            boolean has = bool(field, value);
            return r -> {
                JsonNode v = field.of(r);
                return (v != null && !(v.isTextual() && v.asText().isEmpty())) == has;
            };
        }
        boolean ordering = op.startsWith("=g") || op.startsWith("=l");
        switch (field.kind()) {
            case BOOLEAN -> {
                if (ordering) {
                    throw error(String.join(".", field.path()) + " is true or false: compare it with == or !=");
                }
                boolean wanted = bool(field, value);
                Predicate<JsonNode> equal = r -> field.of(r) != null && field.of(r).asBoolean() == wanted;
                return op.equals("==") ? equal : equal.negate();
            }
            case NUMBER -> {
                BigDecimal wanted;
                try {
                    wanted = new BigDecimal(value);
                } catch (NumberFormatException e) {
                    throw error(String.join(".", field.path()) + " is a number, '" + value + "' is not");
                }
                return ordered(field, op, v -> v.decimalValue().compareTo(wanted));
            }
            case DATE_TIME -> {
                LocalDateTime wanted = dateTime(value)
                        .orElseThrow(() -> error(String.join(".", field.path()) + " is a date-time, '" + value + "' is not"));
                return ordered(field, op, v -> dateTime(v.asText()).map(d -> d.compareTo(wanted)).orElse(-1));
            }
            default -> {
                if (!ordering && value.contains("*")) {
                    Pattern like = Pattern.compile(wildcard(value), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                    Predicate<JsonNode> match = r -> field.of(r) != null && like.matcher(field.of(r).asText()).matches();
                    return op.equals("==") ? match : match.negate();
                }
                return ordered(field, op, v -> v.asText().compareToIgnoreCase(value));
            }
        }
    }

    /** == and != (a missing value is unequal to everything), and the four orderings (a missing value never passes). */
    private static Predicate<JsonNode> ordered(Field field, String op, java.util.function.ToIntFunction<JsonNode> against) {
        return r -> {
            JsonNode v = field.of(r);
            if (v == null) {
                return op.equals("!=");
            }
            int c = against.applyAsInt(v);
            return switch (op) {
                case "==" -> c == 0;
                case "!=" -> c != 0;
                case "=gt=" -> c > 0;
                case "=ge=" -> c >= 0;
                case "=lt=" -> c < 0;
                default -> c <= 0;
            };
        };
    }

    private boolean bool(Field field, String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw error(String.join(".", field.path()) + " takes true or false, not '" + value + "'");
    }

    private static String wildcard(String value) {
        return java.util.Arrays.stream(value.split("\\*", -1)).map(Pattern::quote)
                .collect(java.util.stream.Collectors.joining(".*"));
    }

    static java.util.Optional<LocalDateTime> dateTime(String value) {
        String v = value.trim();
        try {
            if (DATE.matcher(v).matches()) {
                return java.util.Optional.of(LocalDate.parse(v).atStartOfDay());
            }
            if (!DATE_TIME.matcher(v).matches()) {
                return java.util.Optional.empty();
            }
            if (v.endsWith("Z") || v.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return java.util.Optional.of(OffsetDateTime.parse(v).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
            }
            return java.util.Optional.of(LocalDateTime.parse(v));
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    private static int compareValues(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        if (a.isBoolean() && b.isBoolean()) {
            return Boolean.compare(a.asBoolean(), b.asBoolean());
        }
        return a.asText().compareToIgnoreCase(b.asText());
    }

    // ---- names ----

    /** A dotted name resolved case-insensitively against the template, down to a plain value. */
    private static Field resolve(String name, JsonNode template, String param) {
        List<String> path = new ArrayList<>();
        JsonNode node = template;
        for (String part : name.split("\\.", -1)) {
            String found = null;
            if (node != null && node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getKey().equalsIgnoreCase(part) && !e.getKey().startsWith("_")) {
                        found = e.getKey();
                        node = e.getValue();
                        break;
                    }
                }
            }
            if (found == null) {
                throw WmsErrors.invalid(param + ": unknown property '" + name + "'");
            }
            path.add(found);
        }
        if (node.isContainerNode()) {
            throw WmsErrors.invalid(param + ": '" + name + "' is an object or a list; name one of its values");
        }
        Kind kind = node.isNumber() ? Kind.NUMBER : node.isBoolean() ? Kind.BOOLEAN
                : DATE_TIME.matcher(node.asText()).matches() ? Kind.DATE_TIME : Kind.TEXT;
        return new Field(List.copyOf(path), kind);
    }

    private HttpError error(String problem) {
        return WmsErrors.invalid("rql: " + problem + " in '" + text + "'");
    }
}
