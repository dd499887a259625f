package com.bcerp.acumatica;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ODataTest {

    @Test
    void a_quote_inside_a_literal_is_doubled() {
        assertThat(OData.literal("O'Hara")).isEqualTo("'O''Hara'");
        assertThat(OData.literal("''")).isEqualTo("''''''");
        assertThat(OData.eq("Email", "pat.o'hara@example.com")).isEqualTo("Email eq 'pat.o''hara@example.com'");
    }

    @Test
    void the_query_is_percent_encoded_so_plus_signs_and_ampersands_survive() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("$filter", OData.eq("Email", "pat+tag&co@example.com"));
        options.put("$top", "1");

        String query = OData.query(options);

        assertThat(query).startsWith("$filter=Email%20eq%20%27pat%2Btag%26co%40example.com%27&$top=1");
        String filter = query.substring("$filter=".length(), query.indexOf("&$top"));
        assertThat(URLDecoder.decode(filter, StandardCharsets.UTF_8)).isEqualTo("Email eq 'pat+tag&co@example.com'");
    }
}
