package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.acumatica.EntityShapes.Kind;
import com.bcerp.sandbox.acumatica.EntityShapes.Nested;
import com.bcerp.sandbox.acumatica.EntityShapes.Shape;
import com.bcerp.sandbox.acumatica.EntityShapes.Value;
import com.bcerp.sandbox.acumatica.EntityShapes.ValueType;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The part of OData v3 {@code $filter} that Acumatica documents: comparisons ({@code eq ne gt ge lt le}) of a field
 * with a literal ({@code 'text'} with {@code ''} for a quote, numbers, {@code true}/{@code false}, {@code null},
 * {@code datetimeoffset'...'}, {@code datetime'...'}, {@code date'...'}, {@code guid'...'}), {@code and}, {@code or},
 * {@code not}, parentheses, and {@code substringof}, {@code startswith}, {@code endswith}. Fields of linked entities are
 * written {@code MainContact/Email}; fields of detail entities cannot be filtered on (Acumatica says the results
 * "cannot be predicted"), so they are refused.
 *
 * <p>Text compares case-insensitively, as on Acumatica's default SQL Server collation.
 */
final class ODataFilter {

    private final Shape shape;
    private final List<String> tokens;
    private int pos;

    private ODataFilter(Shape shape, String text) {
        this.shape = shape;
        this.tokens = tokenize(text);
    }

    /** Parses {@code text} against {@code shape}; a syntax error or an unknown field is a 400 naming it. */
    static Predicate<JsonNode> parse(Shape shape, String text) {
        ODataFilter parser = new ODataFilter(shape, text);
        Predicate<JsonNode> predicate = parser.or();
        if (parser.pos < parser.tokens.size()) {
            throw invalid("unexpected '" + parser.tokens.get(parser.pos) + "'");
        }
        return predicate;
    }

    private Predicate<JsonNode> or() {
        Predicate<JsonNode> left = and();
        while (acceptWord("or")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<JsonNode> and() {
        Predicate<JsonNode> left = unary();
        while (acceptWord("and")) {
            left = left.and(unary());
        }
        return left;
    }

    private Predicate<JsonNode> unary() {
        if (acceptWord("not")) {
            return unary().negate();
        }
        if (accept("(")) {
            Predicate<JsonNode> inner = or();
            expect(")");
            return inner;
        }
        String word = next("a field name or function");
        String lower = word.toLowerCase(Locale.ROOT);
        if (peek("(") && (lower.equals("substringof") || lower.equals("startswith") || lower.equals("endswith"))) {
            return function(lower);
        }
        FieldRef field = field(word);
        String op = next("a comparison operator").toLowerCase(Locale.ROOT);
        Literal literal = literal(next("a literal"));
        return switch (op) {
            case "eq" -> e -> compare(field.read(e), literal).map(c -> c == 0).orElse(literal.isNull() && field.read(e).isEmpty());
            case "ne" -> e -> !compare(field.read(e), literal).map(c -> c == 0).orElse(literal.isNull() && field.read(e).isEmpty());
            case "gt" -> e -> compare(field.read(e), literal).map(c -> c > 0).orElse(false);
            case "ge" -> e -> compare(field.read(e), literal).map(c -> c >= 0).orElse(false);
            case "lt" -> e -> compare(field.read(e), literal).map(c -> c < 0).orElse(false);
            case "le" -> e -> compare(field.read(e), literal).map(c -> c <= 0).orElse(false);
            default -> throw invalid("unknown operator '" + op + "'");
        };
    }

    private Predicate<JsonNode> function(String name) {
        expect("(");
        String first = next("an argument");
        expect(",");
        String second = next("an argument");
        expect(")");
        // substringof('text', Field); startswith(Field, 'text'); endswith(Field, 'text')
        FieldRef field = field(name.equals("substringof") ? second : first);
        Literal literal = literal(name.equals("substringof") ? first : second);
        if (!(literal.value() instanceof String needle)) {
            throw invalid(name + " needs a text literal");
        }
        String n = needle.toLowerCase(Locale.ROOT);
        return e -> field.read(e).map(v -> v.asText().toLowerCase(Locale.ROOT)).map(v -> switch (name) {
            case "substringof" -> v.contains(n);
            case "startswith" -> v.startsWith(n);
            default -> v.endsWith(n);
        }).orElse(false);
    }

    /** A field path such as {@code Email} or {@code MainContact/Email}, checked against the shape. */
    private record FieldRef(List<String> path, ValueType type) {
        Optional<JsonNode> read(JsonNode entity) {
            JsonNode node = entity;
            for (int i = 0; i < path.size() - 1 && node != null; i++) {
                node = node.get(path.get(i));
            }
            return Values.raw(node, path.get(path.size() - 1));
        }
    }

    private FieldRef field(String text) {
        List<String> path = List.of(text.split("/"));
        Shape current = shape;
        for (int i = 0; i < path.size(); i++) {
            Kind kind = current.fields().get(path.get(i));
            boolean last = i == path.size() - 1;
            if (kind == null) {
                throw invalid("'" + text + "' is not a field of " + shape.name());
            }
            if (last && kind instanceof Value v) {
                return new FieldRef(path, v.type());
            }
            if (!last && kind instanceof Nested n && !n.collection()) {
                current = EntityShapes.get(n.shape());
                continue;
            }
            if (kind instanceof Nested n && n.collection()) {
                throw invalid("'" + text + "': filtering on detail entities is not supported");
            }
            throw invalid("'" + text + "' is not a field that can be compared");
        }
        throw invalid("'" + text + "' is not a field of " + shape.name());
    }

    /** A literal: its value is a String, BigDecimal, Boolean, OffsetDateTime, or null. */
    private record Literal(Object value) {
        boolean isNull() {
            return value == null;
        }
    }

    private static Literal literal(String token) {
        if (token.startsWith("'")) {
            return new Literal(unquote(token));
        }
        int quote = token.indexOf('\'');
        if (quote > 0) {
            String prefix = token.substring(0, quote).toLowerCase(Locale.ROOT);
            String body = unquote(token.substring(quote));
            return switch (prefix) {
                case "datetimeoffset", "datetime", "date" -> new Literal(Values.parseDateTime(body)
                        .orElseThrow(() -> invalid(prefix + "'" + body + "' is not a valid date (was '+' sent unencoded?)")));
                case "guid" -> new Literal(body.toLowerCase(Locale.ROOT));
                default -> throw invalid("unknown literal type " + prefix);
            };
        }
        return switch (token.toLowerCase(Locale.ROOT)) {
            case "null" -> new Literal(null);
            case "true" -> new Literal(Boolean.TRUE);
            case "false" -> new Literal(Boolean.FALSE);
            default -> {
                try {
                    yield new Literal(new BigDecimal(token.replaceAll("[mMdDfFlL]$", "")));
                } catch (NumberFormatException e) {
                    throw invalid("'" + token + "' is not a literal (text goes in single quotes)");
                }
            }
        };
    }

    private static String unquote(String token) {
        if (token.length() < 2 || !token.endsWith("'")) {
            throw invalid("unterminated text literal " + token);
        }
        return token.substring(1, token.length() - 1).replace("''", "'");
    }

    private static Optional<Integer> compare(Optional<JsonNode> stored, Literal literal) {
        if (stored.isEmpty() || literal.isNull()) {
            return Optional.empty();
        }
        JsonNode v = stored.get();
        return switch (literal.value()) {
            case String s -> Optional.of(Integer.signum(v.asText().compareToIgnoreCase(s)));
            case BigDecimal d -> v.isNumber() ? Optional.of(v.decimalValue().compareTo(d)) : Optional.empty();
            case Boolean b -> v.isBoolean() ? Optional.of(Boolean.compare(v.asBoolean(), b)) : Optional.empty();
            case OffsetDateTime t -> Values.parseDateTime(v.asText()).map(s -> s.toInstant().compareTo(t.toInstant()));
            default -> Optional.empty();
        };
    }

    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ',') {
                tokens.add(String.valueOf(c));
                i++;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "(),".indexOf(text.charAt(i)) < 0) {
                    if (text.charAt(i) == '\'') {
                        i = endOfQuoted(text, i);
                    } else {
                        i++;
                    }
                }
                tokens.add(text.substring(start, i));
            }
        }
        return tokens;
    }

    /** The index just past the quoted text starting at {@code open}; {@code ''} inside is an escaped quote. */
    private static int endOfQuoted(String text, int open) {
        int i = open + 1;
        while (i < text.length()) {
            if (text.charAt(i) == '\'') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw invalid("unterminated text literal " + text.substring(open));
    }

    private boolean accept(String token) {
        if (peek(token)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean acceptWord(String word) {
        if (pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean peek(String token) {
        return pos < tokens.size() && tokens.get(pos).equals(token);
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw invalid("expected '" + token + "'" + (pos < tokens.size() ? " at '" + tokens.get(pos) + "'" : " at the end"));
        }
    }

    private String next(String what) {
        if (pos >= tokens.size()) {
            throw invalid("expected " + what + " at the end");
        }
        return tokens.get(pos++);
    }

    private static RuntimeException invalid(String why) {
        return AcumaticaErrors.of(400, "Invalid $filter: " + why + ".");
    }
}
