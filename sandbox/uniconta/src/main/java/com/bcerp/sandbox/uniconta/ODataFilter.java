package com.bcerp.sandbox.uniconta;

import com.bcerp.sandbox.uniconta.UnicontaErrors.Code;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The OData read API's {@code $filter}, as Uniconta's knowledge base shows it ([U-ODATA], [U-ODATA-DA]; erp-apis.md
 * §10.2.1 item 2): comparisons {@code eq ne gt ge lt le} of a property with a literal ({@code 'text'}, a number,
 * {@code true}/{@code false}, {@code datetime'2021-01-01T00:00:00'}, {@code null}), joined by {@code and} and
 * {@code or}, with parentheses; "you can use OR operators … on the same field … cannot use OR … on two different
 * fields": an {@code or} over two properties is refused. Functions ({@code contains}, ...) are not in the sources and
 * are refused. Text compares exactly, case included (guess, as {@link EntityFilter}).
 */
final class ODataFilter {

    private ODataFilter() {}

    private sealed interface Node permits Compare, And, Or {
        boolean test(ObjectNode row);

        void fields(Set<String> into);
    }

    private record Compare(String field, FieldType type, String op, Object literal) implements Node {
        @Override
        public boolean test(ObjectNode row) {
            JsonNode v = row.get(field);
            boolean unset = v == null || v.isNull();
            if (literal == null) {
                return op.equals("eq") == unset;
            }
            int c;
            switch (type) {
                case TEXT -> c = (unset ? "" : v.asText()).compareTo((String) literal);
                case INT, NUMBER -> c = Double.compare(unset ? 0 : v.asDouble(), (Double) literal);
                case BOOL -> c = Boolean.compare(!unset && v.asBoolean(), (Boolean) literal);
                case DATE, DATETIME -> {
                    if (unset) {
                        return op.equals("ne");
                    }
                    c = LocalDateTime.parse(v.asText()).compareTo((LocalDateTime) literal);
                }
                default -> throw new IllegalStateException(type.name());
            }
            return switch (op) {
                case "eq" -> c == 0;
                case "ne" -> c != 0;
                case "gt" -> c > 0;
                case "ge" -> c >= 0;
                case "lt" -> c < 0;
                default -> c <= 0;
            };
        }

        @Override
        public void fields(Set<String> into) {
            into.add(field);
        }
    }

    private record And(List<Node> parts) implements Node {
        @Override
        public boolean test(ObjectNode row) {
            return parts.stream().allMatch(p -> p.test(row));
        }

        @Override
        public void fields(Set<String> into) {
            parts.forEach(p -> p.fields(into));
        }
    }

    private record Or(List<Node> parts) implements Node {
        @Override
        public boolean test(ObjectNode row) {
            return parts.stream().anyMatch(p -> p.test(row));
        }

        @Override
        public void fields(Set<String> into) {
            parts.forEach(p -> p.fields(into));
        }
    }

    /** The rows a {@code $filter} keeps; a blank filter keeps every row. */
    static Predicate<ObjectNode> parse(String text, Table table, boolean withUserFields) {
        if (text == null || text.isBlank()) {
            return r -> true;
        }
        Parser p = new Parser(tokens(text), table, withUserFields);
        Node node = p.or();
        if (p.pos != p.tokens.size()) {
            throw invalid("unexpected '" + p.tokens.get(p.pos) + "'");
        }
        return node::test;
    }

    private static final class Parser {
        final List<String> tokens;
        final Table table;
        final boolean withUserFields;
        int pos;

        Parser(List<String> tokens, Table table, boolean withUserFields) {
            this.tokens = tokens;
            this.table = table;
            this.withUserFields = withUserFields;
        }

        Node or() {
            List<Node> parts = new ArrayList<>(List.of(and()));
            while (accept("or")) {
                parts.add(and());
            }
            if (parts.size() == 1) {
                return parts.get(0);
            }
            Or or = new Or(parts);
            Set<String> fields = new HashSet<>();
            or.fields(fields);
            if (fields.size() > 1) {
                throw invalid("OR is only allowed between conditions on the same field, not on " + fields);
            }
            return or;
        }

        Node and() {
            List<Node> parts = new ArrayList<>(List.of(primary()));
            while (accept("and")) {
                parts.add(primary());
            }
            return parts.size() == 1 ? parts.get(0) : new And(parts);
        }

        Node primary() {
            if (accept("(")) {
                Node inner = or();
                expect(")");
                return inner;
            }
            String field = next("a property name");
            if (peek("(")) {
                throw invalid("functions such as " + field + "() are not supported");
            }
            FieldType type = table.typeOf(field, withUserFields);
            if (type == null) {
                throw invalid(table.name() + (withUserFields ? "User" : "") + " has no property " + field);
            }
            String op = next("an operator");
            if (!Set.of("eq", "ne", "gt", "ge", "lt", "le").contains(op)) {
                throw invalid("unknown operator " + op);
            }
            return new Compare(field, type, op, literal(field, type, op));
        }

        Object literal(String field, FieldType type, String op) {
            String t = next("a value");
            if (t.equals("null")) {
                if (!op.equals("eq") && !op.equals("ne")) {
                    throw invalid("null only compares with eq or ne");
                }
                return null;
            }
            try {
                return switch (type) {
                    case TEXT -> {
                        if (!t.startsWith("'")) {
                            throw invalid(field + " is text: quote the value");
                        }
                        yield unquote(t);
                    }
                    case INT, NUMBER -> Double.parseDouble(t);
                    case BOOL -> {
                        if (!t.equals("true") && !t.equals("false")) {
                            throw invalid(field + " is true or false");
                        }
                        if (!op.equals("eq") && !op.equals("ne")) {
                            throw invalid(field + " only compares with eq or ne");
                        }
                        yield Boolean.parseBoolean(t);
                    }
                    case DATE, DATETIME -> {
                        if (!t.startsWith("datetime'")) {
                            throw invalid(field + " is a date: write datetime'yyyy-MM-ddTHH:mm:ss'");
                        }
                        yield LocalDateTime.parse(unquote(t.substring("datetime".length())));
                    }
                };
            } catch (NumberFormatException | DateTimeParseException e) {
                throw invalid("'" + t + "' is not a value for " + field);
            }
        }

        boolean accept(String token) {
            if (peek(token)) {
                pos++;
                return true;
            }
            return false;
        }

        boolean peek(String token) {
            return pos < tokens.size() && tokens.get(pos).equals(token);
        }

        void expect(String token) {
            if (!accept(token)) {
                throw invalid("expected '" + token + "'");
            }
        }

        String next(String what) {
            if (pos >= tokens.size()) {
                throw invalid("expected " + what + " at the end");
            }
            return tokens.get(pos++);
        }
    }

    private static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1).replace("''", "'");
    }

    /** Words, numbers, parentheses, quoted strings ('it''s'), and datetime'...' as one token. */
    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '\'') {
                int end = closingQuote(text, i);
                out.add(text.substring(i, end + 1));
                i = end + 1;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "()'".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                if (i < text.length() && text.charAt(i) == '\'' && text.substring(start, i).equals("datetime")) {
                    i = closingQuote(text, i) + 1;
                }
                out.add(text.substring(start, i));
            }
        }
        return out;
    }

    private static int closingQuote(String text, int open) {
        int i = open + 1;
        while (i < text.length()) {
            if (text.charAt(i) == '\'') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        throw invalid("a quote is not closed");
    }

    private static UnicontaErrors.Refusal invalid(String message) {
        return UnicontaErrors.refuse(Code.NoSucces, "$filter: " + message);
    }
}
