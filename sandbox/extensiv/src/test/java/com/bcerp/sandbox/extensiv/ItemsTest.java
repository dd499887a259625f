package com.bcerp.sandbox.extensiv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ItemsTest {

    private static final String ITEM_REL = "http://api.3plCentral.com/rels/customers/item";

    private ExtensivSandbox sandbox;
    private SandboxHttp http;
    private String path;

    @BeforeEach
    void start() {
        sandbox = ExtensivSandbox.start(ExtensivSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
        path = "/customers/" + sandbox.settings().customerId() + "/items";
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static List<String> skus(JsonNode body) {
        List<String> skus = new ArrayList<>();
        body.path("_embedded").path(ITEM_REL).forEach(i -> skus.add(i.path("sku").asText()));
        return skus;
    }

    @Test
    void a_customers_items_are_its_skus_in_a_hal_collection() {
        var r = http.get(path, "pgsiz", "1000");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("totalResults").asInt()).isEqualTo(sandbox.catalog().sharedItems().size());
        assertThat(skus(r.json())).contains("SKU-0100", "TEE-200-RED-M").doesNotContain("SKU-STORE-ONLY", "OTHER-0001");
        JsonNode first = r.json().path("_embedded").path(ITEM_REL).get(0);
        assertThat(first.path("itemId").asInt()).isPositive();
        assertThat(first.path("readOnly").path("customerIdentifier").path("id").asInt())
                .isEqualTo(sandbox.settings().customerId());
        assertThat(first.path("_links").path("self").path("href").asText()).startsWith(path + "/");
    }

    @Test
    void paging_by_pgsiz_and_pgnum_with_next_and_prev_links() {
        var first = http.get(path, "pgsiz", "10");
        var second = http.get(path, "pgsiz", "10", "pgnum", "2");

        assertThat(skus(first.json())).hasSize(10);
        assertThat(first.json().path("_links").has("prev")).isFalse();
        String next = first.json().path("_links").path("next").path("href").asText();
        assertThat(next).contains("pgnum=2").contains("pgsiz=10");
        assertThat(skus(second.json())).hasSize(10).doesNotContainAnyElementsOf(skus(first.json()));
        assertThat(second.json().path("_links").path("prev").path("href").asText()).contains("pgnum=1");
        assertThat(http.get(next).json()).isEqualTo(second.json());
    }

    @Test
    void a_misspelled_paging_parameter_is_ignored_and_a_bad_number_refused() {
        assertThat(skus(http.get(path, "pgsize", "5").json())).hasSize(sandbox.catalog().sharedItems().size());
        var bad = http.get(path, "pgsiz", "ten");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("Message").asText()).contains("pgsiz");
    }

    @Test
    void rql_and_sort_on_items() {
        var r = http.get(path, "rql", "sku==tee-200-*;readonly.deactivated==false", "sort", "-Sku");

        assertThat(skus(r.json())).hasSize(9).first().isEqualTo("TEE-200-RED-S");
        assertThat(http.get(path, "rql", "colour==red").status()).isEqualTo(400);
    }

    @Test
    void in_and_out_lists_match_text_ignoring_case_with_wildcards_and_numbers_by_value() {
        int id = http.get(path, "rql", "sku==SKU-0101").json().path("_embedded")
                .path("http://api.3plCentral.com/rels/customers/item").get(0).path("itemId").asInt();

        assertThat(skus(http.get(path, "rql", "sku=in=(sku-0100,SKU-0101,NO-SUCH)").json()))
                .containsExactlyInAnyOrder("SKU-0100", "SKU-0101");
        assertThat(skus(http.get(path, "rql", "sku=in=(SKU-010*,TEE-200-RED-M)").json()))
                .contains("SKU-0100", "SKU-0101", "TEE-200-RED-M").doesNotContain("TEE-200-RED-S");
        assertThat(skus(http.get(path, "rql", "itemId=in=(" + id + ".0,1)").json())).containsExactly("SKU-0101");
        assertThat(skus(http.get(path, "rql", "sku=out=(SKU-0100,sku-0101)").json()))
                .hasSize(sandbox.catalog().sharedItems().size() - 2).doesNotContain("SKU-0100", "SKU-0101");
        assertThat(http.get(path, "rql", "itemId=in=(1,two)").status()).isEqualTo(400);
    }

    @Test
    void an_unknown_customer_is_a_404() {
        assertThat(http.get("/customers/999/items").status()).isEqualTo(404);
        var other = http.get("/customers/" + sandbox.settings().otherCustomerId() + "/items");
        assertThat(skus(other.json())).containsExactlyElementsOf(ExtensivSandbox.OTHER_SKUS);
    }
}
