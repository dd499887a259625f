package com.bcerp.sandbox.acumatica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.sandbox.http.HttpError;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ODataFilterTest {

    private static final JsonNode ORDER = json("""
            {"OrderType": {"value": "SO"}, "CustomerOrder": {"value": "O'Brien 7"}, "OrderTotal": {"value": 63.84},
             "Hold": {"value": false}, "LastModified": {"value": "2026-03-02T10:15:00+00:00"},
             "ShipToAddress": {"City": {"value": "Leith"}}}""");

    private static JsonNode json(String text) {
        try {
            return SandboxHttp.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static boolean matches(String filter) {
        Predicate<JsonNode> p = ODataFilter.parse(SalesOrderBook.SHAPE, filter);
        return p.test(ORDER);
    }

    @Test
    void comparisons_of_each_literal_type() {
        assertThat(matches("OrderType eq 'SO'")).isTrue();
        assertThat(matches("OrderType ne 'SO'")).isFalse();
        assertThat(matches("CustomerOrder eq 'O''Brien 7'")).isTrue();
        assertThat(matches("OrderTotal gt 63.83")).isTrue();
        assertThat(matches("OrderTotal le 63.84m")).isTrue();
        assertThat(matches("Hold eq false")).isTrue();
        assertThat(matches("LastModified ge datetimeoffset'2026-03-02T11:15:00+01:00'")).isTrue();
        assertThat(matches("LastModified gt datetimeoffset'2026-03-02T11:15:00+01:00'")).isFalse();
        assertThat(matches("Description eq null")).isTrue();
        assertThat(matches("ShipToAddress/City eq 'leith'")).isTrue();
    }

    @Test
    void and_binds_tighter_than_or_and_parentheses_and_not_work() {
        assertThat(matches("OrderType eq 'QT' and Hold eq true or OrderTotal gt 1")).isTrue();
        assertThat(matches("OrderType eq 'QT' and (Hold eq true or OrderTotal gt 1)")).isFalse();
        assertThat(matches("not (OrderType eq 'QT')")).isTrue();
    }

    @Test
    void text_functions() {
        assertThat(matches("substringof('brien', CustomerOrder)")).isTrue();
        assertThat(matches("startswith(CustomerOrder, 'O''B')")).isTrue();
        assertThat(matches("endswith(CustomerOrder, '8')")).isFalse();
    }

    @Test
    void errors_name_what_is_wrong() {
        assertThatThrownBy(() -> matches("OrderType eq 'SO")).isInstanceOf(HttpError.class).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> matches("OrderType eq SO")).hasMessageContaining("'SO' is not a literal");
        assertThatThrownBy(() -> matches("OrderType equals 'SO'")).hasMessageContaining("operator");
        assertThatThrownBy(() -> matches("OrderType eq 'SO' 'x'")).hasMessageContaining("unexpected");
        assertThatThrownBy(() -> matches("(OrderType eq 'SO'")).hasMessageContaining("expected ')'");
    }
}
